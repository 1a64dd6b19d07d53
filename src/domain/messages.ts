/**
 * The one place error messages are worded: how a value is shown, how a thrown value becomes text,
 * and the sentences every refusal and failure uses, so that a refusal reads the same whichever
 * part of cartfold (decider, log checker, store, service) made it.
 */

/** A short rendering of any value for error messages: never the whole of a long input. @since 0.1.0 @category errors */
export const show = (value: unknown): string => {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value)
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  return typeof value
}

/**
 * A value that user code threw, as text: an `Error`'s message, anything else as `String` makes it.
 * What user code throws can be anything (`Object.create(null)` has no string form), and a report
 * of a failure must not fail in turn.
 */
export const describeThrown = (cause: unknown): string => {
  try {
    return cause instanceof Error ? cause.message : String(cause)
  } catch {
    return 'an unprintable value'
  }
}

/** An id in a message, quoted, and cut when long: no message echoes an input of unbounded size. */
const quoteId = (id: string): string => JSON.stringify(id.length > 100 ? `${id.slice(0, 100)}...` : id)

/** A session named in a message: `session "cart-1"`. */
export const sessionNamed = (sessionId: string | undefined): string =>
  sessionId === undefined ? 'an unnamed session' : `session ${quoteId(sessionId)}`

/** `session "cart-1" (open) refuses AddItems: <reason>`: the form of every domain refusal. */
export const refusalMessage = (sessionId: string | undefined, state: string, action: string, reason: string): string =>
  `${sessionNamed(sessionId)} (${state === 'none' ? 'no session' : state}) refuses ${action}: ${reason}`

/** `Stream "cart-1": ` when the stream id is usable, so every store message names the session. */
export const streamPrefix = (streamId: unknown): string =>
  typeof streamId === 'string' && streamId.length > 0 ? `Stream ${quoteId(streamId)}: ` : ''

/** A lost optimistic-concurrency race, from a store or the service. */
export const conflictMessage = (streamId: string, expected: number | string, actual: number): string =>
  `${streamPrefix(streamId)}expected ${typeof expected === 'number' ? `version ${expected}` : expected}, ` +
  `but the stream is at version ${actual}${actual === 0 ? ' (no stream)' : ''}`

/** A store call that rejected. */
export const storeFailedMessage = (what: string, cause: unknown): string => `${what}: the store failed: ${describeThrown(cause)}`
