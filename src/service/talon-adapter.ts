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
  /** the application the integration's API key stands for; needed to create a session */
  readonly applicationId?: number
  /** the service's default currency, if it was given one */
  readonly currency?: string
  /** no longer read: the service's own clock dates the events (kept so that callers compile) */
  readonly clock?: () => Date
  /** how often a request is worked out again after another writer changed the session first (3) */
  readonly maxRetries?: number
}

/**
 * A session service, which takes Talon.One's requests as well (kept as a name for callers of
 * `createTalonSessionService`).
 * @since 0.1.0
 * @category adapter
 */
export type TalonSessionService = SessionService

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
export const withTalonAdapter = (
  service: Omit<SessionService, 'executeUpdateV2' | 'executeReturn'>,
  options: TalonAdapterOptions,
): SessionService => {
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
      if (state.state === 'none' && options.applicationId === undefined) {
        return E.left(
          sessionError('ValidationFailed', `executeUpdateV2 would create session ${JSON.stringify(integrationId)}, but the service has no applicationId: pass one to createSessionService`, { sessionId: integrationId, path: 'options.applicationId' }),
        )
      }
      const commands = commandsFromUpdateV2(state, payload, { integrationId, applicationId: options.applicationId ?? 0, ...currency })
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
 * `createSessionService` under the name it had when Talon.One's requests needed a wrapper; every
 * session service takes them now.
 * @since 0.1.0
 * @category adapter
 */
export const createTalonSessionService = (options: SessionServiceOptions & { readonly applicationId: number }): SessionService =>
  createSessionService(options)
