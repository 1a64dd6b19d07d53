import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../domain/commands.ts'
import type { Effect } from '../domain/effects.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { ExecuteOptions, ExecuteResult, SessionService } from '../service/session-service.ts'
import { type CustomerSessionV2, toCustomerSessionV2 } from './customer-session-v2.ts'
import { commandFromReturnRequest, decodeReturn } from './return-v2.ts'
import { commandsFromRequest, decodeUpdateV2 } from './update-v2.ts'

/**
 * What a Talon.One integration request gets back, as the real API's response carries it: the
 * session in the `CustomerSessionV2` shape and the effects (cartfold's discount effects: granted
 * and not rolled back once closed, a preview while open); plus the events the request recorded.
 * @since 0.1.0
 * @category adapter
 */
export interface TalonResponse {
  readonly customerSession: CustomerSessionV2
  readonly effects: ReadonlyArray<Effect>
  readonly events: ReadonlyArray<SessionEvent>
  /** the session's stream version after the request (as it would be, for a dry run) */
  readonly nextExpectedStreamVersion: number
}

/** Options of `withTalonAdapter`. @since 0.1.0 @category adapter */
export interface TalonAdapterOptions {
  /** the application the integration's API key stands for: the one a new session is created in */
  readonly applicationId?: number
}

/**
 * A session service that takes Talon.One's two session requests as well. Both are decoded when
 * called, like every command; their options are `execute`'s.
 * @since 0.1.0
 * @category adapter
 */
export interface TalonSessionService extends SessionService {
  /**
   * Talon.One's "update customer session V2", with the body as sent: the commands that bring the
   * session to the shape sent (see `commandsFromUpdateV2`), stored whole or not at all
   */
  readonly executeUpdateV2: (integrationId: string, payload: unknown, options?: ExecuteOptions) => Promise<E.Either<SessionError, TalonResponse>>
  /**
   * Talon.One's "return cart items"; the idempotency key becomes the return's id, and an item
   * without `quantity` returns what remains of its line
   */
  readonly executeReturn: (
    integrationId: string,
    payload: unknown,
    idempotencyKey?: string,
    options?: ExecuteOptions,
  ) => Promise<E.Either<SessionError, TalonResponse>>
}

const respond = (executed: E.Either<SessionError, ExecuteResult>): E.Either<SessionError, TalonResponse> => {
  if (E.isLeft(executed)) return executed
  const { projection, events, nextExpectedStreamVersion } = executed.right
  return E.map((customerSession: CustomerSessionV2): TalonResponse => ({ customerSession, effects: projection.effects, events, nextExpectedStreamVersion }))(
    toCustomerSessionV2(projection),
  )
}

/**
 * Talon.One's two session requests on top of a session service. An update request may map to
 * several commands (remove, add, update, close), worked out from the session's state within its
 * turn in the service's queue (`executeFrom`); they are decided in sequence and stored in one
 * append, so a request is stored whole or not at all. After another writer's append, the service
 * works the request out again on the new state (up to its `maxRetries` times), then answers
 * `ConcurrencyConflict`. A session an update creates is created in `applicationId`, with the
 * service's default currency unless the request sends one.
 *
 * @example
 * import { createSessionService } from '../service/session-service.ts'
 * import { withTalonAdapter } from './talon-service.ts'
 *
 * const talon = withTalonAdapter(createSessionService(), { applicationId: 7 })
 * await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [{ sku: 'TEA', quantity: 1, price: 4.2 }] } })
 *
 * @since 0.1.0
 * @category adapter
 */
export const withTalonAdapter = (service: SessionService, options: TalonAdapterOptions = {}): TalonSessionService => {
  const { applicationId } = options

  const executeUpdateV2: TalonSessionService['executeUpdateV2'] = async (integrationId, payload, executeOptions) => {
    const request = decodeUpdateV2(payload, String(integrationId))
    if (E.isLeft(request)) return request
    const executed = await service.executeFrom(
      integrationId,
      (state) =>
        state.state === 'none' && applicationId === undefined
          ? E.left(
              sessionError('ValidationFailed', `executeUpdateV2 would create session ${JSON.stringify(integrationId)}, but the adapter has no applicationId: pass one to withTalonAdapter`, { sessionId: integrationId, path: 'options.applicationId' }),
            )
          : commandsFromRequest(state, request.right, { integrationId, applicationId: applicationId ?? 0 }),
      executeOptions,
    )
    return respond(executed)
  }

  // Worked out from the session's state: an item sent without `quantity` returns what remains of its line.
  const executeReturn: TalonSessionService['executeReturn'] = async (integrationId, payload, idempotencyKey, executeOptions) => {
    const request = decodeReturn(payload)
    if (E.isLeft(request)) return request
    const executed = await service.executeFrom(
      integrationId,
      (state) => E.map((command: CommandOf<'ReturnItems'>) => [command])(commandFromReturnRequest(request.right, idempotencyKey, state)),
      executeOptions,
    )
    return respond(executed)
  }

  return { ...service, executeUpdateV2, executeReturn }
}
