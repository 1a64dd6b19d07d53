import * as E from 'fp-ts/lib/Either.js'
import type * as O from 'fp-ts/lib/Option.js'
import type { SessionCommand } from '../domain/commands.ts'
import type { DiscountPolicy } from '../domain/discounts.ts'
import type { SessionError } from '../domain/errors.ts'
import { createProfileReadModel } from '../domain/profiles.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { SessionState } from '../domain/state.ts'
import { createInMemoryEventStore } from '../store/in-memory-event-store.ts'
import { decodeCommandList, decodeCommands, decodeIntegrationId, decodeOptions, type ExecuteOptions } from './arguments.ts'
import { guarded, named } from './callbacks.ts'
import { createCommandHandler, type CommandRequest } from './command-handler.ts'
import { createLockFor } from './create-lock.ts'
import { createKeyedQueue } from './keyed-queue.ts'
import type { ListQuery } from './list-query.ts'
import { createProjector } from './projector.ts'
import { createQueries, type ExecuteResult, type SessionPage } from './queries.ts'
import { createSessionReadModel, type SessionReadModel } from './session-read-model.ts'
import type { SessionStore } from './session-store.ts'

export type { ExecuteOptions } from './arguments.ts'
export type { ExecuteResult, SessionPage } from './queries.ts'

/** Options of `createSessionService`; every one has a default. @since 0.1.0 @category service */
export interface SessionServiceOptions {
  /** an in-memory store by default */
  readonly store?: SessionStore
  /** evaluated at close, and for the discount preview of open sessions */
  readonly policy?: DiscountPolicy
  /** the business time of decided events; `() => new Date()` by default */
  readonly clock?: () => Date
  /** ids for returns sent without a `returnId` */
  readonly newId?: () => string
  /** the currency of sessions created without one (`USD` by default) */
  readonly currency?: string
  /** how often a command is decided again after another writer won the race (3 by default) */
  readonly maxRetries?: number
  /** where the read models report what they could not apply; `process.emitWarning` by default */
  readonly onWarning?: (message: string) => void
}

/**
 * Commands worked out from a session's state (see `executeFrom`): the commands to execute, or a
 * refusal. Called within the session's turn, and again after another writer's append.
 * @since 0.1.0
 * @category service
 */
export type DeriveCommands = (state: SessionState) => E.Either<SessionError, ReadonlyArray<SessionCommand>>

/**
 * The session service: commands in, events stored, read models kept. Nothing it returns rejects:
 * refusals, bad input, a throwing clock or id source and store failures are `Left`s from the
 * `execute` family, an `error` on `list`'s page; `get` answers from the read models when the
 * store cannot be read. Every argument is decoded when the call is made: a caller may reuse or
 * change its objects as soon as the call returns its promise.
 * @since 0.1.0
 * @category service
 */
export interface SessionService {
  /** decides one command on the session's current state and stores its events */
  readonly execute: (integrationId: string, command: unknown, options?: ExecuteOptions) => Promise<E.Either<SessionError, ExecuteResult>>
  /**
   * Several commands on one session, stored whole or not at all: each is decided on the state the
   * ones before it left, and all their events go to the store in one append. The first refusal
   * refuses them all. The result holds every event and the session after the last command.
   */
  readonly executeAll: (
    integrationId: string,
    commands: ReadonlyArray<unknown>,
    options?: ExecuteOptions,
  ) => Promise<E.Either<SessionError, ExecuteResult>>
  /**
   * Commands worked out from the session's current state, executed as `executeAll` does: `derive`
   * is called within the session's turn, and again on the new state after another writer's
   * append. What it returns is decoded like any command. How Talon.One's requests, which send
   * the session's new shape rather than commands, are executed (see `withTalonAdapter`).
   */
  readonly executeFrom: (
    integrationId: string,
    derive: DeriveCommands,
    options?: ExecuteOptions,
  ) => Promise<E.Either<SessionError, ExecuteResult>>
  /** the session as the store holds it; if the store cannot be read, as the read models last saw it */
  readonly get: (integrationId: string) => Promise<O.Option<SessionProjection>>
  /** a page of sessions, newest first; a bad query resolves to `{ items: [], total: 0, error }` */
  readonly list: (query?: ListQuery) => Promise<SessionPage>
  /** stops the read models' subscription (the store stays open: it is the caller's) */
  readonly close: () => void
}

/** A guarded `onWarning`: a reporter that throws must not turn a read into a failure. */
const warnerOf = (report: (message: string) => void) => (message: string) => {
  try {
    report(message)
  } catch {
    // nothing more to do: the warning was the report
  }
}

type Answer = Promise<E.Either<SessionError, ExecuteResult>>

/** What the entries need: the sessions read model, and the way into a session's turn. */
interface Turns {
  readonly sessions: SessionReadModel
  readonly inTurn: (request: CommandRequest) => Answer
}

/**
 * Commands on one session run in its turn, in arrival order; a create also takes its turn with
 * the other creates on the store, as each takes the next session number.
 */
const inTurnOf = (store: SessionStore, handle: (request: CommandRequest) => Answer) => {
  const queue = createKeyedQueue()
  const takingTurnsToCreate = createLockFor(store)
  return (request: CommandRequest): Answer =>
    queue.run(request.integrationId, () => (request.creates && request.options.dry !== true ? takingTurnsToCreate(() => handle(request)) : handle(request)))
}

/** The arguments every entry takes, decoded. */
const decodeCall = (action: string, integrationId: unknown, options: unknown) =>
  E.flatMap(decodeIntegrationId(action, integrationId), (id) => E.map((decoded: ExecuteOptions) => ({ id, options: decoded }))(decodeOptions(action, options)))

/** `execute` and `executeAll`: everything decoded now, decided in the session's turn. */
const run = ({ inTurn }: Turns, action: string, integrationId: unknown, given: E.Either<SessionError, ReadonlyArray<unknown>>, options: unknown): Answer => {
  const call = decodeCall(action, integrationId, options)
  if (E.isLeft(call)) return Promise.resolve(call)
  const { id } = call.right
  const commands = E.flatMap(given, (list) => decodeCommands(action, id, list))
  if (E.isLeft(commands)) return Promise.resolve(commands)
  const creates = commands.right.some((command) => command.type === 'CreateSession')
  return guarded(action, id, () => inTurn({ action, integrationId: id, derive: () => commands, options: call.right.options, creates }))
}

/** Commands worked out in the session's turn, decoded as they come. */
const executeFrom = ({ sessions, inTurn }: Turns, integrationId: unknown, derive: DeriveCommands, options: unknown): Answer => {
  const action = 'executeFrom'
  const call = decodeCall(action, integrationId, options)
  if (E.isLeft(call)) return Promise.resolve(call)
  const { id } = call.right
  const decoded = named('derive', (state: SessionState) => E.flatMap(derive(state), (commands) => decodeCommands(action, id, commands)))
  // A session the read models do not hold yet may be created: that case catches up first, and takes the create lock.
  const entry = sessions.entry(id)
  const creates = entry === undefined || entry.state.state === 'none'
  return guarded(action, id, () => inTurn({ action, integrationId: id, derive: decoded, options: call.right.options, creates }))
}

/**
 * Creates a session service over a store.
 *
 * - Commands on one session are queued and run one after another, in arrival order; commands on
 *   different sessions run concurrently. Creates also take turns with each other (per store), as
 *   each takes the next session number.
 * - A command is decided on the read model's cached state and version of its session, and
 *   appended expecting that version. If another writer (another process) got there first, the
 *   read models catch up and the command is decided again, up to `maxRetries` times, then the
 *   result is `ConcurrencyConflict`.
 * - A new session's `id` is one more than the `Created` events in the store; `firstSession` comes
 *   from the profile read model unless the command sets it.
 * - `execute` resolves after the read models hold its events, so `get` and `list` see them.
 * - A store call that rejects is a `StoreUnavailable` value, never a rejection; a `clock` or
 *   `newId` that throws is `CallbackFailed`, naming it.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createSessionService } from './session-service.ts'
 *
 * const service = createSessionService()
 * const created = await service.execute('cart-1', {
 *   type: 'CreateSession',
 *   data: { integrationId: 'cart-1', applicationId: 1, profileId: 'alice' },
 * })
 * if (E.isRight(created)) console.log(created.right.projection.id) // 1
 *
 * @since 0.1.0
 * @category service
 */
export const createSessionService = (options: SessionServiceOptions = {}): SessionService => {
  const store: SessionStore = options.store ?? createInMemoryEventStore()
  const { policy, currency } = options
  const newId = options.newId === undefined ? undefined : named('newId', options.newId)
  const warn = warnerOf(options.onWarning ?? ((message: string) => process.emitWarning(message)))
  const profiles = createProfileReadModel()
  const sessions = createSessionReadModel(profiles, warn)
  const projector = createProjector(store, sessions, warn)
  const queries = createQueries({ sessions, profiles, projector, policy, warn })
  const handle = createCommandHandler({
    store,
    sessions,
    profiles,
    projector,
    context: { ...(policy === undefined ? {} : { policy }), ...(newId === undefined ? {} : { newId }), ...(currency === undefined ? {} : { currency }) },
    now: named('clock', () => (options.clock ?? (() => new Date()))().toISOString()),
    maxRetries: Number.isSafeInteger(options.maxRetries) && options.maxRetries! >= 0 ? options.maxRetries! : 3,
    resultOf: queries.resultOf,
    warn,
  })
  const turns: Turns = { sessions, inTurn: inTurnOf(store, handle) }
  return {
    execute: (integrationId, command, options) => run(turns, 'execute', integrationId, E.right([command]), options),
    executeAll: (integrationId, commands, options) => run(turns, 'executeAll', integrationId, decodeCommandList(commands), options),
    executeFrom: (integrationId, derive, options) => executeFrom(turns, integrationId, derive, options),
    get: queries.get,
    list: queries.list,
    close: projector.stop,
  }
}
