import type { SessionError } from '../domain/errors.ts'
import { currentSchemaVersion } from '../domain/events.ts'
import type { AnyEvent, AppendOptions, ExpectedStreamVersion } from './event-store.ts'
import { show } from '../domain/messages.ts'
import { refuseAppend } from './append-refusal.ts'
import { isExpectedStreamVersion } from './expected-version.ts'
import { copyBatch } from './frozen-copy.ts'

/** The arguments of an `appendToStream` call, checked, with the defaults filled in. */
export interface AppendArguments {
  readonly streamId: string
  readonly expected: ExpectedStreamVersion
  readonly schemaVersion: number
  /** each event's `type` and a deep-frozen copy of its `data`, and nothing else */
  readonly events: ReadonlyArray<AnyEvent>
}

/** Whether {@link appendArgumentsOrRefusal} refused: arguments have no `code`, errors always do. */
export const isRefusal = (checked: AppendArguments | SessionError): checked is SessionError => 'code' in checked

// The checks one at a time, each returning the checked value or the refusal (an object, where
// the values are strings and numbers). Run in this order: the first refusal is the one reported.

/** The refusal of an unusable stream id, or `undefined`. */
const streamIdRefusal = (streamId: unknown): SessionError | undefined =>
  typeof streamId === 'string' && streamId.length > 0
    ? undefined
    : refuseAppend(streamId, 'streamId', `expected a non-empty string, got ${show(streamId)}`)

/** The expected stream version, `'any'` by default. */
const expectedOrRefusal = (
  streamId: string,
  options: AppendOptions | undefined,
): ExpectedStreamVersion | SessionError => {
  const expected = options?.expectedStreamVersion ?? 'any'
  return isExpectedStreamVersion(expected)
    ? expected
    : refuseAppend(
        streamId,
        'expectedStreamVersion',
        `expected an integer >= 0, 'no_stream', 'stream_exists' or 'any', got ${show(expected)}`,
      )
}

/** The schema version, 2 by default. */
const schemaVersionOrRefusal = (streamId: string, options: AppendOptions | undefined): number | SessionError => {
  const schemaVersion = options?.schemaVersion ?? currentSchemaVersion
  return Number.isSafeInteger(schemaVersion) && schemaVersion >= 1
    ? schemaVersion
    : refuseAppend(streamId, 'schemaVersion', `expected an integer >= 1, got ${show(schemaVersion)}`)
}

/**
 * Checks an append's arguments the one way every store does, before any write: a bad call is a
 * `ValidationFailed` value naming the path, e.g. `events[2].data.price`. The types say what a
 * well-typed caller passes; the checks are for callers in plain JavaScript or behind a cast
 * (exotic objects, such as getters that throw or revoked proxies, are out of scope). Not an
 * `Either`: the caller wraps its own result once, so the in-memory append allocates one
 * wrapper, not two.
 */
export const appendArgumentsOrRefusal = (
  streamId: string,
  events: ReadonlyArray<AnyEvent>,
  options: AppendOptions | undefined,
): AppendArguments | SessionError => {
  const badId = streamIdRefusal(streamId)
  if (badId !== undefined) return badId
  const expected = expectedOrRefusal(streamId, options)
  if (typeof expected === 'object') return expected
  const schemaVersion = schemaVersionOrRefusal(streamId, options)
  if (typeof schemaVersion === 'object') return schemaVersion
  const copies = copyBatch(events, streamId)
  if (!Array.isArray(copies)) return copies as SessionError
  return { streamId, expected, schemaVersion, events: copies }
}
