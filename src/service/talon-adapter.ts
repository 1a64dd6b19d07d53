import * as E from 'fp-ts/lib/Either.js'
import type { Effect } from '../domain/effects.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { SessionState } from '../domain/state.ts'
import { type CustomerSessionV2, toCustomerSessionV2 } from '../views/customer-session-v2.ts'
import { commandFromReturn } from '../views/return-v2.ts'
import { commandsFromUpdateV2 } from '../views/update-v2.ts'
import type { ExecuteOptions } from './arguments.ts'
import { createSessionService, type ExecuteResult, type SessionService, type SessionServiceOptions } from './session-service.ts'
import type { SessionStore } from './session-store.ts'

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
  /**
   * @deprecated not read: a request is worked out on the service's own state of the session
   * (kept so that callers compile)
   */
  readonly store?: SessionStore
  /** the application the integration's API key stands for; needed to create a session */
  readonly applicationId?: number
  /** the service's default currency, if it was given one */
  readonly currency?: string
  /** @deprecated not read: the service's own clock dates the events (kept so that callers compile) */
  readonly clock?: () => Date
  /** @deprecated not read: the service's `maxRetries` applies (kept so that callers compile) */
  readonly maxRetries?: number
}

/**
 * A session service, which takes Talon.One's requests as well.
 * @deprecated use {@link SessionService}: every session service takes them
 * @since 0.1.0
 * @category adapter
 */
export type TalonSessionService = SessionService

/** The commands a request makes of the session's state, or why it makes none. */
export type Derive = (state: SessionState) => E.Either<SessionError, ReadonlyArray<unknown>>

/** The service's way to run commands worked out from a session's state, within the session's turn. */
export type ExecuteFrom = (
  integrationId: string,
  derive: Derive,
  options?: Pick<ExecuteOptions, 'dry'>,
  action?: string,
) => Promise<E.Either<SessionError, ExecuteResult>>

/** Services made here, with their `executeFrom` (not a part of the public service). */
const executors = new WeakMap<object, ExecuteFrom>()

const respond = ({ projection, events, nextExpectedStreamVersion }: ExecuteResult): E.Either<SessionError, TalonResponse> =>
  E.map((customerSession: CustomerSessionV2): TalonResponse => ({ customerSession, effects: projection.effects, events, nextExpectedStreamVersion }))(
    toCustomerSessionV2(projection),
  )

/**
 * Talon.One's two session requests over a service's `executeFrom`. An update request may map to
 * several commands (remove, add, update, close), worked out from the session's state within its
 * turn in the service's queue; they are decided in sequence and stored in one append, so a request
 * is stored whole or not at all. After another writer's append, the service works the request out
 * again on the new state (up to its `maxRetries` times), then answers `ConcurrencyConflict`.
 */
export const talonRequests = (
  service: Omit<SessionService, 'executeUpdateV2' | 'executeReturn'>,
  executeFrom: ExecuteFrom,
  options: Pick<TalonAdapterOptions, 'applicationId' | 'currency'>,
): SessionService => {
  const currency = options.currency === undefined ? {} : { currency: options.currency }

  const executeUpdateV2: SessionService['executeUpdateV2'] = async (integrationId, payload, executeOptions) => {
    const executed = await executeFrom(integrationId, (state) =>
      state.state === 'none' && options.applicationId === undefined
        ? E.left(
            sessionError('ValidationFailed', `executeUpdateV2 would create session ${JSON.stringify(integrationId)}, but the service has no applicationId: pass one to createSessionService`, { sessionId: integrationId, path: 'options.applicationId' }),
          )
        : commandsFromUpdateV2(state, payload, { integrationId, applicationId: options.applicationId ?? 0, ...currency }),
      executeOptions,
    )
    return E.isLeft(executed) ? executed : respond(executed.right)
  }

  // Worked out from the session's state: an item sent without `quantity` returns what remains of its line.
  const executeReturn: SessionService['executeReturn'] = async (integrationId, payload, idempotencyKey, executeOptions) => {
    const executed = await executeFrom(
      integrationId,
      (state) => E.map((command: unknown) => [command])(commandFromReturn(payload, idempotencyKey, state)),
      executeOptions,
      'executeReturn',
    )
    return E.isLeft(executed) ? executed : respond(executed.right)
  }

  const adapted: SessionService = { ...service, executeUpdateV2, executeReturn }
  executors.set(adapted, executeFrom)
  return adapted
}

/**
 * Talon.One's two session requests for a service made by `createSessionService` (which takes them
 * already), with another application or currency for the sessions they create. A request is worked
 * out from the service's own state of the session, within the session's turn in its queue (see
 * `talonRequests`); `store`, `clock` and `maxRetries` are no longer read.
 * A service made otherwise has no turn to work requests out in: its two requests then answer
 * `ValidationFailed` (errors are values; nothing here throws).
 * @since 0.1.0
 * @category adapter
 */
export const withTalonAdapter = (
  service: Omit<SessionService, 'executeUpdateV2' | 'executeReturn'>,
  options: TalonAdapterOptions = {},
): SessionService => {
  const executeFrom = executors.get(service)
  if (executeFrom === undefined) {
    const refused = async () =>
      E.left(sessionError('ValidationFailed', 'withTalonAdapter: the service must be one made by createSessionService', { path: 'service' }))
    return { ...service, executeUpdateV2: refused, executeReturn: refused }
  }
  return talonRequests(service, executeFrom, options)
}

/**
 * `createSessionService` under the name it had when Talon.One's requests needed a wrapper; every
 * session service takes them now.
 * @deprecated use `createSessionService`
 * @since 0.1.0
 * @category adapter
 */
export const createTalonSessionService = (options: SessionServiceOptions & { readonly applicationId: number }): SessionService =>
  createSessionService(options)
