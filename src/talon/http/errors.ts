import type { SessionError, SessionErrorCode } from '../../domain/errors.ts'

/**
 * Talon.One's error body (the SDK's `ErrorResponseWithStatus`): a message, and for each error a
 * title, the details and where in the request it is (`pointer` into the body, `parameter` of the
 * query or a header).
 * @since 0.1.0
 * @category http
 */
export interface TalonErrorBody {
  readonly message: string
  readonly errors: ReadonlyArray<{
    readonly title: string
    readonly details: string
    readonly source: { readonly pointer?: string; readonly parameter?: string }
  }>
  readonly StatusCode: number
}

/** An answer that is an error: its status and Talon.One's body. */
export interface TalonFailure {
  readonly status: number
  readonly body: TalonErrorBody
}

const messages: Record<number, string> = {
  400: 'Request failed validation',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  500: 'Internal server error',
  503: 'Service unavailable',
}

/**
 * The status of each refusal. A refusal of what was sent is 400, as Talon.One answers a request it
 * cannot apply; a session that does not exist is 404; a race lost after the service's retries, 409.
 */
const statusOf: Partial<Record<SessionErrorCode, number>> = {
  ValidationFailed: 400,
  InvalidTransition: 400,
  CartLimitExceeded: 400,
  UnknownPosition: 400,
  ReturnExceedsRemaining: 400,
  AmountOutOfRange: 400,
  SessionAlreadyExists: 400,
  SessionNotFound: 404,
  ConcurrencyConflict: 409,
  StoreUnavailable: 503,
  CallbackFailed: 500,
  // the log's codes (MalformedJson, ReadFailed, ...) never come out of the service: 500 below
}

export const failure = (status: number, title: string, details: string, source: TalonErrorBody['errors'][number]['source'] = {}): TalonFailure => ({
  status,
  body: { message: messages[status] ?? 'Error', errors: [{ title, details, source }], StatusCode: status },
})

/** A JSON pointer segment (RFC 6901). */
const segment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * The JSON pointer of a refusal's path (`customerSession.cartItems[0].price` is
 * `/customerSession/cartItems/0/price`), when the path is one into the request's body (it starts
 * with one of `roots`); otherwise the pointer to the body's first root, the object the request is
 * about (a refusal by the decider names a command's field, not the body's).
 */
export const pointerOf = (path: string | undefined, roots: ReadonlyArray<string>): string => {
  const keys = path === undefined ? [] : path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '')
  if (keys.length === 0 || !roots.includes(keys[0]!)) return roots.length === 0 ? '' : `/${roots[0]}`
  return keys.map((key) => `/${segment(key)}`).join('')
}

/** A service refusal as Talon.One's error answer, with the pointer into the body it was about. */
export const fromSessionError = (error: SessionError, roots: ReadonlyArray<string>): TalonFailure =>
  failure(statusOf[error.code] ?? 500, error.code, error.message, { pointer: pointerOf(error.path, roots) })
