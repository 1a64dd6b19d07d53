import {
  EmmettError,
  ExpectedVersionConflictError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '@event-driven-io/emmett'
import type { SessionError, SessionErrorCode } from '../domain/errors.ts'

const internal = (message: string): EmmettError => new EmmettError({ errorCode: EmmettError.Codes.InternalServerError, message })

/**
 * An Emmett error thrown for a cartfold refusal, carrying the refusal itself.
 * @since 0.1.0
 * @category emmett
 */
export type EmmettRefusal = EmmettError & { readonly sessionError: SessionError }

// Emmett's error types say what kind of failure it was (its HTTP helpers answer 400, 403, 404,
// 412 and 500 for them); the code says which. A command that is malformed in itself is a
// ValidationError; one the session's state does not allow (its lifecycle, its cart's limits, its
// lines) an IllegalStateError.
const kindOf: Partial<Record<SessionErrorCode, (message: string, error: SessionError) => EmmettError>> = {
  ValidationFailed: (message) => new ValidationError(message),
  AmountOutOfRange: (message) => new ValidationError(message),
  SessionNotFound: (message, error) => new NotFoundError({ id: error.sessionId ?? '', type: 'CustomerSession', message }),
  SessionAlreadyExists: (message) => new IllegalStateError(message),
  InvalidTransition: (message) => new IllegalStateError(message),
  CartLimitExceeded: (message) => new IllegalStateError(message),
  UnknownPosition: (message) => new IllegalStateError(message),
  ReturnExceedsRemaining: (message) => new IllegalStateError(message),
  // Emmett's command handlers retry on exactly this type (`isExpectedVersionConflictError`).
  ConcurrencyConflict: (message, error) => {
    const conflict = new ExpectedVersionConflictError(String(error.actual ?? ''), String(error.expected ?? ''))
    conflict.message = message
    return conflict
  },
  StoreUnavailable: (message) => new EmmettError({ errorCode: EmmettError.Codes.InternalServerError, message }),
  CallbackFailed: (message) => new EmmettError({ errorCode: EmmettError.Codes.InternalServerError, message }),
  // The log's codes (MalformedJson, ReadFailed, ...) never come out of a decider or a store: a 500 below.
}

/**
 * The Emmett error for a cartfold refusal: `ValidationError` (`ValidationFailed`,
 * `AmountOutOfRange`), `NotFoundError` (`SessionNotFound`), `IllegalStateError`
 * (`SessionAlreadyExists`, `InvalidTransition`, `CartLimitExceeded`, `UnknownPosition`,
 * `ReturnExceedsRemaining`), `ExpectedVersionConflictError`, a `ConcurrencyError`
 * (`ConcurrencyConflict`), or an `EmmettError` with code 500 (`StoreUnavailable`,
 * `CallbackFailed`). The message is the refusal's; `sessionError` is the refusal.
 * @since 0.1.0
 * @category emmett
 */
export const toEmmettError = (error: SessionError): EmmettRefusal =>
  Object.assign((kindOf[error.code] ?? internal)(error.message, error), { sessionError: error })

/**
 * The cartfold refusal an Emmett error carries, if it is one `toEmmettError` made.
 * @since 0.1.0
 * @category emmett
 */
export const sessionErrorOf = (error: unknown): SessionError | undefined =>
  EmmettError.isInstanceOf(error) && 'sessionError' in error ? (error as EmmettRefusal).sessionError : undefined
