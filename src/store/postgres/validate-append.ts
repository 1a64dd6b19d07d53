import * as E from 'fp-ts/lib/Either.js'
import { sessionError, type SessionError } from '../../domain/errors.ts'
import type { ExpectedStreamVersion } from '../event-store.ts'
import { toJsonText } from './json-data.ts'

/** An event ready for the database: its `data` already serialised (null for `undefined`). */
export interface PreparedEvent {
  readonly type: string
  readonly data: string | null
}

export interface ValidAppend {
  readonly streamId: string
  readonly events: ReadonlyArray<PreparedEvent>
  readonly expected: ExpectedStreamVersion
  readonly schemaVersion: number
}

const invalid = (message: string, streamId: unknown, path: string): E.Either<SessionError, never> =>
  E.left(
    sessionError('ValidationFailed', message, {
      ...(typeof streamId === 'string' ? { sessionId: streamId } : {}),
      action: 'appendToStream',
      path,
    }),
  )

/** A bad argument, shown in a message without ever throwing (a bigint, a null-prototype object). */
const show = (u: unknown): string => {
  try {
    return typeof u === 'string' ? JSON.stringify(u) : String(u)
  } catch {
    return typeof u
  }
}

const isVersion = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0

const isExpected = (u: unknown): u is ExpectedStreamVersion =>
  u === 'any' || u === 'no_stream' || u === 'stream_exists' || isVersion(u)

/**
 * Checks an append's arguments before any database work: bad input is a `ValidationFailed` value,
 * never a throw, exactly as in the in-memory store.
 */
export const validateAppend = (
  streamId: unknown,
  events: unknown,
  options: unknown,
): E.Either<SessionError, ValidAppend> => {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    return invalid(`appendToStream: streamId must be a non-empty string, got ${show(streamId)}`, streamId, 'streamId')
  }
  const opts = (typeof options === 'object' && options !== null ? options : {}) as {
    expectedStreamVersion?: unknown
    schemaVersion?: unknown
  }
  const expected = opts.expectedStreamVersion ?? 'any'
  if (!isExpected(expected)) {
    return invalid(
      `appendToStream: expectedStreamVersion for stream ${streamId} must be a version >= 0, 'no_stream', 'stream_exists' or 'any', got ${show(expected)}`,
      streamId,
      'expectedStreamVersion',
    )
  }
  const schemaVersion = opts.schemaVersion ?? 2
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    return invalid(
      `appendToStream: schemaVersion for stream ${streamId} must be a positive integer, got ${show(schemaVersion)}`,
      streamId,
      'schemaVersion',
    )
  }
  if (!Array.isArray(events)) {
    return invalid(`appendToStream: events for stream ${streamId} must be an array`, streamId, 'events')
  }
  const prepared: PreparedEvent[] = []
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i]
    const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined
    if (typeof type !== 'string') {
      return invalid(`appendToStream: events[${i}] for stream ${streamId} has no string type`, streamId, `events[${i}].type`)
    }
    const data = toJsonText((event as { data?: unknown }).data)
    if ('invalid' in data) {
      const path = `events[${i}].data${data.invalid.path}`
      return invalid(`appendToStream: ${path} for stream ${streamId}: ${data.invalid.reason}`, streamId, path)
    }
    prepared.push({ type, data: data.text })
  }
  return E.right({ streamId, events: prepared, expected, schemaVersion })
}
