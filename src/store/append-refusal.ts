import { sessionError, type SessionError } from '../domain/errors.ts'
import { streamPrefix } from '../domain/messages.ts'

// How both stores word a refused append, so that a caller (or a test) sees the same error from
// either: the stream first when there is one, then the offending path, then what was expected.

/** `ValidationFailed` for an append argument at `path`, e.g. `events[1].data.at`. */
export const refuseAppend = (streamId: unknown, path: string, reason: string): SessionError =>
  sessionError('ValidationFailed', `${streamPrefix(streamId)}${path}: ${reason}`, {
    ...(typeof streamId === 'string' && streamId.length > 0 ? { sessionId: streamId } : {}),
    action: 'appendToStream',
    path,
  })

/** The store's own clock, not the caller, gave a time that no ULID (and no `recordedAt`) can hold. */
export const unusableClock = (streamId: string, millis: number): SessionError =>
  refuseAppend(streamId, 'clock', `the store's clock returned an unusable time (${millis})`)
