import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { SessionCommand } from '../domain/commands.ts'
import type { Effect } from '../domain/effects.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { fold } from '../domain/evolve.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { SessionState } from '../domain/state.ts'
import { type CustomerSessionV2, toCustomerSessionV2 } from '../views/customer-session-v2.ts'
import { decideAll } from '../views/decide-all.ts'
import { commandFromReturn } from '../views/return-v2.ts'
import { commandsFromUpdateV2 } from '../views/update-v2.ts'
import { createInMemoryEventStore } from '../store/in-memory-event-store.ts'
import { createSessionService, type SessionService, type SessionServiceOptions } from './session-service.ts'
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
}

/** @since 0.1.0 @category adapter */
export interface TalonAdapterOptions {
  /** the store the service was created with: the whole request is checked on the stored state */
  readonly store: SessionStore
  /** the application the integration's API key stands for */
  readonly applicationId: number
  /** the service's default currency, if it was given one */
  readonly currency?: string
  /** the service's clock (only the check of the whole request reads it) */
  readonly clock?: () => Date
  /** how often a request is checked again after another writer changed the session first (3) */
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
 * several commands (remove, add, update, close); they are decided together on the stored state
 * first, so a request that would be refused part-way is refused whole, with nothing stored. Then
 * they are executed in order, each expecting the version the one before left: if another writer
 * changes the session before the first, the request is checked again; if one does so between two
 * of them (a race this wrapper cannot close, as the service appends one command at a time), the
 * request stops there with `ConcurrencyConflict` and the commands before it stay applied.
 * @since 0.1.0
 * @category adapter
 */
export const withTalonAdapter = (service: SessionService, options: TalonAdapterOptions): TalonSessionService => {
  const clock = options.clock ?? (() => new Date())
  const maxRetries = options.maxRetries ?? 3
  const currency = options.currency === undefined ? {} : { currency: options.currency }

  const load = async (integrationId: string): Promise<{ state: SessionState; version: number }> => {
    const { events, currentStreamVersion } = await options.store.readStream(integrationId)
    return { state: fold(events as ReadonlyArray<SessionEvent>), version: currentStreamVersion }
  }

  const runAll = async (integrationId: string, commands: SessionCommand[], version: number) => {
    const events: SessionEvent[] = []
    let expected = version
    let projection: SessionProjection | undefined
    for (const [index, command] of commands.entries()) {
      const executed = await service.execute(integrationId, command, { expectedStreamVersion: expected })
      if (E.isLeft(executed)) return E.left({ error: executed.left, first: index === 0 })
      events.push(...executed.right.events)
      expected = executed.right.nextExpectedStreamVersion
      projection = executed.right.projection
    }
    return E.right({ events, projection })
  }

  const executeUpdateV2: TalonSessionService['executeUpdateV2'] = async (integrationId, payload) => {
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await load(integrationId)
      const commands = commandsFromUpdateV2(state, payload, { integrationId, applicationId: options.applicationId, ...currency })
      if (E.isLeft(commands)) return commands
      const checked = decideAll(commands.right, state, { now: clock().toISOString(), integrationId, ...currency })
      if (E.isLeft(checked)) return checked
      const run = await runAll(integrationId, commands.right, version)
      if (E.isLeft(run)) {
        if (run.left.first && run.left.error.code === 'ConcurrencyConflict' && attempt < maxRetries) continue
        return E.left(run.left.error)
      }
      if (run.right.projection !== undefined) return respond(run.right.projection, run.right.events)
      // Nothing to change: the session as it is.
      const current = await service.get(integrationId)
      return O.isSome(current)
        ? respond(current.value, [])
        : E.left(sessionError('SessionNotFound', `session ${JSON.stringify(integrationId)} does not exist`, { sessionId: integrationId }))
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
  const { applicationId, currency, clock, maxRetries } = options
  return withTalonAdapter(createSessionService({ ...options, store }), {
    store,
    applicationId,
    ...(currency === undefined ? {} : { currency }),
    ...(clock === undefined ? {} : { clock }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  })
}
