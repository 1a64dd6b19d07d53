/**
 * Who refused what: the session (stream) concerned when known, its state, and the refused
 * command, event or call.
 */
interface Refused extends Concerning {
  /** only a conflict carries versions */
  readonly expected?: never
  readonly actual?: never
}

/** What every error may say it concerns, the field included. */
interface Concerning {
  readonly sessionId?: string
  readonly state?: string
  readonly action?: string
  readonly path?: string
}

/** A refusal of one field: where it is, e.g. `AddItems.cartItems[3].quantity`. */
interface AtPath extends Refused {
  readonly path: string
}

/**
 * What each error code carries besides its `code` and `message`. Errors are values with a string
 * `code` (a guard on a code survives duplicated package copies, where `instanceof` does not).
 * @since 0.1.0
 * @category errors
 */
export interface SessionErrorFields {
  /** a command for a session that does not exist */
  readonly SessionNotFound: Refused
  /** a create for a session that exists */
  readonly SessionAlreadyExists: Refused
  /** a command or event the session's state does not allow */
  readonly InvalidTransition: Refused
  /** malformed input: types, lengths, counts, keys, too many decimals, a negative price */
  readonly ValidationFailed: AtPath
  /** more than 1000 lines or 10,000 units */
  readonly CartLimitExceeded: Refused
  /** a position that is not in the cart */
  readonly UnknownPosition: AtPath
  /** returning more units than remain */
  readonly ReturnExceedsRemaining: AtPath
  /** an amount, or a total a command would produce, beyond what cartfold carries exactly */
  readonly AmountOutOfRange: AtPath
  /** a lost optimistic-concurrency race: the version expected and the one found */
  readonly ConcurrencyConflict: Concerning & {
    readonly sessionId: string
    readonly expected: number | 'no_stream' | 'stream_exists' | 'any'
    readonly actual: number
  }
  /** a store call that failed (a lost connection, a server down) */
  readonly StoreUnavailable: Refused
  /** code the caller supplied (a clock, an id source, a callback) threw; `path` names it */
  readonly CallbackFailed: AtPath
  /** a log line that is not JSON */
  readonly MalformedJson: LogLine
  /** a log line that is not UTF-8 */
  readonly InvalidUtf8: LogLine
  /** a log line longer than the limit */
  readonly LineTooLong: LogLine
  /** a log line whose event type is not a session event */
  readonly UnknownEventType: LogLine
  /** a log line of a schema version no upcaster reads */
  readonly UnsupportedSchemaVersion: LogLine
  /** a stream version that skips one */
  readonly StreamVersionGap: LogLine
  /** a stream version seen before */
  readonly StreamVersionRepeated: LogLine
  /** an event id seen before */
  readonly DuplicateEventId: LogLine
  /** an event of a stream cut short by an earlier rejection */
  readonly StreamBroken: LogLine
  /** a source or file that could not be read */
  readonly ReadFailed: Refused
  /** an output that could not be written */
  readonly WriteFailed: Refused
}

/** What a log line's errors carry: the field when there is one. */
type LogLine = Refused

/** @since 0.1.0 @category errors */
export type SessionErrorCode = keyof SessionErrorFields


/**
 * A refusal or failure, as a value: a union discriminated on `code`, each code with its own fields
 * (a conflict its versions, a validation failure its path). Messages are built in `messages.ts`.
 * @since 0.1.0
 * @category errors
 */
export type SessionError = { [C in SessionErrorCode]: { readonly code: C; readonly message: string } & SessionErrorFields[C] }[SessionErrorCode]

/** The errors of one code (or of several). @since 0.1.0 @category errors */
export type SessionErrorOf<C extends SessionErrorCode> = Extract<SessionError, { readonly code: C }>

/** Makes a `SessionError` of one code, with that code's fields. @since 0.1.0 @category errors */
export const sessionError = <C extends SessionErrorCode>(code: C, message: string, fields: SessionErrorFields[C]): SessionErrorOf<C> =>
  ({ code, message, ...fields }) as unknown as SessionErrorOf<C>

/** Whether a value is a `SessionError`. @since 0.1.0 @category guards */
export const isSessionError = (u: unknown): u is SessionError =>
  typeof u === 'object' && u !== null && typeof (u as { code?: unknown }).code === 'string' &&
  typeof (u as { message?: unknown }).message === 'string'

/** A guard for a refusal with this code (survives duplicated package copies, unlike `instanceof`). @since 0.1.0 @category guards */
export const hasCode =
  <C extends SessionErrorCode>(code: C) =>
  (u: unknown): u is SessionErrorOf<C> =>
    isSessionError(u) && u.code === code
