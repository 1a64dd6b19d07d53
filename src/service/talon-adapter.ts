import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Effect } from '../domain/effects.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { fold } from '../domain/evolve.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { SessionState } from '../domain/state.ts'
import { type CustomerSessionV2, toCustomerSessionV2 } from '../views/customer-session-v2.ts'
import { commandFromReturn } from '../views/return-v2.ts'
import { commandsFromUpdateV2 } from '../views/update-v2.ts'
import { createInMemoryEventStore } from '../store/in-memory-event-store.ts'
import { createSessionService, type SessionService, type SessionServiceOptions } from './session-service.ts'
import type { SessionStore } from './session-store.ts'
import { fromStore } from './store-failure.ts'

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
}

/** @since 0.1.0 @category adapter */
export interface TalonAdapterOptions {
  /** the store the service was created with: a request is worked out on the stored state */
  readonly store: SessionStore
  /** the application the integration's API key stands for */
  readonly applicationId: number
  /** the service's default currency, if it was given one */
  readonly currency?: string
  /** no longer read: the service's own clock dates the events (kept so that callers compile) */
  readonly clock?: () => Date
  /** how often a request is worked out again after another writer changed the session first (3) */
  readonly maxRetries?: number
}

/** @since 0.1.0 @category adapter */
export interface TalonSessionService extends SessionService {
  /** Talon.One's "update customer session V2": the body as sent */
  readonly executeUpdateV2: (integrationId: string, payload: unknown) => Promise<E.Either<SessionError, TalonResponse>>
  /** Talon.One's "return cart items"; the idempotency key becomes the return's id */
  readonly executeReturn: (integrationId: string, payload: unknown, idempotencyKey?: string) => Promise<E.Either<SessionError, TalonResponse>>
}

const respond = (projection: SessionProjection, events: ReadonlyArray<SessionEvent>): E.Either<SessionError, TalonResponse> =>
  E.map((customerSession: CustomerSessionV2): TalonResponse => ({ customerSession, effects: projection.effects, events }))(
    toCustomerSessionV2(projection),
  )

/**
 * Adds Talon.One's two session requests to a session service. One update request may map to
 * several commands (remove, add, update, close), worked out from the session as the store holds
 * it. They go to the service's `executeAll`, expecting the version they were worked out on: each
 * is decided on the state the one before left and all their events are stored in one append, so
 * a request is stored whole or not at all. If another writer changed the session in between, the
 * request is worked out again on the new state (up to `maxRetries` times), then the answer is
 * `ConcurrencyConflict`. A store that cannot be read is `StoreUnavailable`.
 * @since 0.1.0
 * @category adapter
 */
export const withTalonAdapter = (service: SessionService, options: TalonAdapterOptions): TalonSessionService => {
  const maxRetries = options.maxRetries ?? 3
  const currency = options.currency === undefined ? {} : { currency: options.currency }

  const load = async (integrationId: string): Promise<E.Either<SessionError, { state: SessionState; version: number }>> => {
    const read = await fromStore(`executeUpdateV2 on session ${JSON.stringify(integrationId)} could not read the store`, () => options.store.readStream(integrationId), integrationId)
    if (E.isLeft(read)) return read
    const { events, currentStreamVersion } = read.right
    return E.right({ state: fold(events as ReadonlyArray<SessionEvent>), version: currentStreamVersion })
  }

  const executeUpdateV2: TalonSessionService['executeUpdateV2'] = async (integrationId, payload) => {
    for (let attempt = 0; ; attempt++) {
      const loaded = await load(integrationId)
      if (E.isLeft(loaded)) return loaded
      const { state, version } = loaded.right
      const commands = commandsFromUpdateV2(state, payload, { integrationId, applicationId: options.applicationId, ...currency })
      if (E.isLeft(commands)) return commands
      if (commands.right.length === 0) {
        // Nothing to change: the session as it is.
        const current = await service.get(integrationId)
        return O.isSome(current)
          ? respond(current.value, [])
          : E.left(sessionError('SessionNotFound', `session ${JSON.stringify(integrationId)} does not exist`, { sessionId: integrationId }))
      }
      const executed = await service.executeAll(integrationId, commands.right, { expectedStreamVersion: version })
      if (E.isRight(executed)) return respond(executed.right.projection, executed.right.events)
      if (executed.left.code !== 'ConcurrencyConflict' || attempt >= maxRetries) return executed
    }
  }

  const executeReturn: TalonSessionService['executeReturn'] = async (integrationId, payload, idempotencyKey) => {
    const command = commandFromReturn(payload, idempotencyKey)
    if (E.isLeft(command)) return command
    const executed = await service.execute(integrationId, command.right)
    return E.isLeft(executed) ? executed : respond(executed.right.projection, executed.right.events)
  }

  return { ...service, executeUpdateV2, executeReturn }
}

/**
 * A session service that also takes Talon.One's requests, over a store it is given or a new
 * in-memory one: `createSessionService` and `withTalonAdapter` in one step, with one set of options.
 * @since 0.1.0
 * @category adapter
 */
export const createTalonSessionService = (
  options: SessionServiceOptions & { readonly applicationId: number },
): TalonSessionService => {
  const store = options.store ?? createInMemoryEventStore()
  const { applicationId, currency, maxRetries } = options
  return withTalonAdapter(createSessionService({ ...options, store }), {
    store,
    applicationId,
    ...(currency === undefined ? {} : { currency }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  })
}
