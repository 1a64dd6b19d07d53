/**
 * Errors are values with a string `code` (a guard on a code survives duplicated package copies,
 * where `instanceof` does not). Every refusal names what was refused, for which session, in which
 * state, or the offending field path.
 * @since 0.1.0
 * @category errors
 */
export type SessionErrorCode =
  | 'SessionNotFound'
  | 'SessionAlreadyExists'
  | 'InvalidTransition'
  | 'ValidationFailed'
  | 'CartLimitExceeded'
  | 'UnknownPosition'
  | 'ReturnExceedsRemaining'
  | 'AmountOutOfRange'
  | 'ConcurrencyConflict'
  | 'StoreUnavailable'
  /** code the caller supplied (a clock, an id source, a callback) threw; `path` names it */
  | 'CallbackFailed'

/** A refusal or failure, as a value: a `code`, a message, and what it concerns. @since 0.1.0 @category errors */
export interface SessionError {
  readonly code: SessionErrorCode
  readonly message: string
  /** the session (stream) concerned, when known */
  readonly sessionId?: string
  /** the session's state when the command was refused */
  readonly state?: string
  /** the refused command or action */
  readonly action?: string
  /** the offending field path, e.g. `AddItems.cartItems[3].quantity` */
  readonly path?: string
  /** for `ConcurrencyConflict`: the expected and actual stream versions */
  readonly expected?: string | number
  readonly actual?: string | number
}

/** Makes a `SessionError`. @since 0.1.0 @category errors */
export const sessionError = (
  code: SessionErrorCode,
  message: string,
  details: Omit<SessionError, 'code' | 'message'> = {},
): SessionError => ({ code, message, ...details })

/** Whether a value is a `SessionError`. @since 0.1.0 @category guards */
export const isSessionError = (u: unknown): u is SessionError =>
  typeof u === 'object' && u !== null && typeof (u as { code?: unknown }).code === 'string' &&
  typeof (u as { message?: unknown }).message === 'string'

/** A guard for a refusal with this code (survives duplicated package copies, unlike `instanceof`). @since 0.1.0 @category guards */
export const hasCode =
  <C extends SessionErrorCode>(code: C) =>
  (u: unknown): u is SessionError & { code: C } =>
    isSessionError(u) && u.code === code
