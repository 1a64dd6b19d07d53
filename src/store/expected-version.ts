import { sessionError, type SessionError } from '../domain/errors.ts'
import type { ExpectedStreamVersion } from './event-store.ts'
import { conflictMessage } from '../domain/messages.ts'

// The optimistic-concurrency rule of `appendToStream`, shared by every store so that a conflict
// is decided, and reported, the same way whichever store holds the stream.

export const isExpectedStreamVersion = (u: unknown): u is ExpectedStreamVersion =>
  u === 'any' || u === 'no_stream' || u === 'stream_exists' || (Number.isSafeInteger(u) && (u as number) >= 0)

export const matchesExpected = (expected: ExpectedStreamVersion, current: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' ? current === 0 : expected === 'stream_exists' ? current > 0 : expected === current)

/** `ConcurrencyConflict` for a stream found at version `actual` (0: it does not exist). */
export const conflictError = (streamId: string, expected: ExpectedStreamVersion, actual: number): SessionError =>
  sessionError('ConcurrencyConflict', conflictMessage(streamId, expected, actual),
    { sessionId: streamId, action: 'appendToStream', expected, actual },
  )
