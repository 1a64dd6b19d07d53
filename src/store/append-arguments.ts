import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { SessionError } from '../domain/errors.ts'
import type { AnyEvent, AppendOptions, ExpectedStreamVersion } from './event-store.ts'
import { refuseAppend, show } from './append-refusal.ts'
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

/**
 * Checks an append's arguments the one way every store does, before any write: a bad call is a
 * `ValidationFailed` value (never a throw) naming the path, e.g. `events[2].data.price`. The
 * types say what a well-typed caller passes; the checks assume nothing, for callers in plain
 * JavaScript or behind a cast.
 */
export const checkAppendArguments = (
  streamId: string,
  events: ReadonlyArray<AnyEvent>,
  options: AppendOptions | undefined,
): Either<SessionError, AppendArguments> => {
  const checked = appendArgumentsOrRefusal(streamId, events, options)
  return isRefusal(checked) ? left(checked) : right(checked)
}

/** Whether {@link appendArgumentsOrRefusal} refused: arguments have no `code`, errors always do. */
export const isRefusal = (checked: AppendArguments | SessionError): checked is SessionError => 'code' in checked

/**
 * {@link checkAppendArguments} without the `Either`: the in-memory store's hot path wraps only
 * its own final result, which saves an allocation per append (measured, about 5%).
 */
export const appendArgumentsOrRefusal = (
  streamId: string,
  events: ReadonlyArray<AnyEvent>,
  options: AppendOptions | undefined,
): AppendArguments | SessionError => {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    return refuseAppend(streamId, 'streamId', `expected a non-empty string, got ${show(streamId)}`)
  }
  const expected = options?.expectedStreamVersion ?? 'any'
  if (!isExpectedStreamVersion(expected)) {
    return refuseAppend(
      streamId,
      'expectedStreamVersion',
      `expected an integer >= 0, 'no_stream', 'stream_exists' or 'any', got ${show(expected)}`,
    )
  }
  const schemaVersion = options?.schemaVersion ?? 2
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    return refuseAppend(streamId, 'schemaVersion', `expected an integer >= 1, got ${show(schemaVersion)}`)
  }
  const copies = copyBatch(events, streamId)
  if (!Array.isArray(copies)) return copies as SessionError
  return { streamId, expected, schemaVersion, events: copies }
}
