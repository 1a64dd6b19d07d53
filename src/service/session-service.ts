import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DiscountPolicy } from '../domain/discounts.ts'
import { describeThrown } from '../domain/describe-thrown.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { fold } from '../domain/evolve.ts'
import { project, type SessionProjection } from '../domain/project.ts'
import { initialState, type SessionState } from '../domain/state.ts'
import type { AppendResult } from '../store/event-store.ts'
import { matchesExpected } from '../store/expected-version.ts'
import { copyBatch } from '../store/frozen-copy.ts'
import { createInMemoryEventStore } from '../store/in-memory-event-store.ts'
import { decideAll } from '../views/decide-all.ts'
import { checkArguments, checkCreates, type ExecuteOptions, invalid, isCreate, isObject, malformedOrTypes } from './arguments.ts'
import { createLockFor } from './create-lock.ts'
import { createKeyedQueue } from './keyed-queue.ts'
import { decodeListQuery, selectPage, type ListQuery } from './list-query.ts'
import { createProfileReadModel } from './profile-read-model.ts'
import { createProjector } from './projector.ts'
import { createSessionReadModel } from './session-read-model.ts'
import type { SessionStore } from './session-store.ts'
import { fromStore, storeUnavailable } from './store-failure.ts'
import { type Derive, talonRequests, type TalonResponse } from './talon-adapter.ts'

export type { ExecuteOptions } from './arguments.ts'

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
  /**
   * the application that Talon.One requests (`executeUpdateV2`) create sessions in: the one the
   * integration's API key stands for
   */
  readonly applicationId?: number
}

/** What `execute` and `executeAll` resolve to (in a `Right`). @since 0.1.0 @category service */
export interface ExecuteResult {
  /** the events this call recorded (or, dry, would record); none for an idempotent repeat */
  readonly events: ReadonlyArray<SessionEvent>
  /** the session after the command (computed on first read, then kept) */
  readonly projection: SessionProjection
  readonly nextExpectedStreamVersion: number
}

/**
 * One page of `list`. `list` never rejects: when the page cannot be served as asked, `error`
 * says why. A bad query is `ValidationFailed`, with no items and `total` 0; a store that cannot
 * be read is `StoreUnavailable`, with the page as the read models last held it.
 * @since 0.1.0
 * @category service
 */
export interface SessionPage {
  readonly items: SessionProjection[]
  /** every match, not just this page */
  readonly total: number
  /** present only when the page could not be served as asked */
  readonly error?: SessionError
}

/**
 * The session service: commands in, events stored, read models kept. Nothing it returns rejects:
 * refusals, bad input and store failures are `Left`s from `execute` and `executeAll`, an `error`
 * on `list`'s page; `get` answers from the read models when the store cannot be read.
 * @since 0.1.0
 * @category service
 */
export interface SessionService {
  /** decides one command on the session's current state and stores its events */
  readonly execute: (
    integrationId: string,
    command: unknown,
    options?: ExecuteOptions,
  ) => Promise<E.Either<SessionError, ExecuteResult>>
  /**
   * Several commands on one session, stored whole or not at all: each is decided on the state the
   * ones before it left, and all their events go to the store in one append. The first refusal
   * refuses them all. The result holds every event and the session after the last command.
   * @since 0.1.0
   */
  readonly executeAll: (
    integrationId: string,
    commands: ReadonlyArray<unknown>,
    options?: ExecuteOptions,
  ) => Promise<E.Either<SessionError, ExecuteResult>>
  /** the session as the store holds it; if the store cannot be read, as the read models last saw it */
  readonly get: (integrationId: string) => Promise<O.Option<SessionProjection>>
  /** a page of sessions, newest first; a bad query resolves to `{ items: [], total: 0, error }` */
  readonly list: (query?: ListQuery) => Promise<SessionPage>
  /** stops the read models' subscription (the store stays open: it is the caller's) */
  readonly close: () => void
  /**
   * Talon.One's "update customer session V2", with the body as sent: the commands that bring the
   * session to the shape sent, stored whole or not at all (see `docs/talon-one.md`)
   */
  readonly executeUpdateV2: (
    integrationId: string,
    payload: unknown,
    options?: Pick<ExecuteOptions, 'dry'>,
  ) => Promise<E.Either<SessionError, TalonResponse>>
  /**
   * Talon.One's "return cart items"; the idempotency key becomes the return's id, and an item
   * without `quantity` returns what remains of its line
   */
  readonly executeReturn: (
    integrationId: string,
    payload: unknown,
    idempotencyKey?: string,
    options?: Pick<ExecuteOptions, 'dry'>,
  ) => Promise<E.Either<SessionError, TalonResponse>>
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
 *   result is `ConcurrencyConflict`. A decision that stores nothing (a refusal, an idempotent
 *   repeat, a dry run) is confirmed the same way, against a caught-up read model.
 * - `executeAll` does the same for a sequence of commands, with one append for all their events.
 * - A new session's `id` is one more than the `Created` events in the store (read models caught
 *   up just before deciding); `firstSession` comes from the profile read model unless the command
 *   sets it.
 * - `execute` resolves after the read models hold its events, so `get` and `list` see them.
 * - A store call that rejects is a `StoreUnavailable` value, never a rejection.
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
  const { policy, newId, currency } = options
  const clock = options.clock ?? (() => new Date())
  const maxRetries = Number.isSafeInteger(options.maxRetries) && options.maxRetries! >= 0 ? options.maxRetries! : 3

  const report = options.onWarning ?? ((message: string) => process.emitWarning(message))
  // A reporter that throws must not turn a read into a failure.
  const warn = (message: string): void => {
    try {
      report(message)
    } catch {
      // nothing more to do: the warning was the report
    }
  }
  const profiles = createProfileReadModel()
  const sessions = createSessionReadModel(profiles, warn)
  const projector = createProjector(store, sessions, warn)
  const queue = createKeyedQueue()
  const takingTurnsToCreate = createLockFor(store)

  const projectOptions = policy === undefined ? {} : { policy }
  const projectionOf = (state: SessionState, profileInternalId = profiles.peekInternalId(state.profileId)): SessionProjection => {
    const projection = project(state, projectOptions)
    projection.profileInternalId = profileInternalId
    return projection
  }

  /**
   * `execute`'s answer. Projecting costs about as much as deciding, and a caller that only needs
   * to know the command went through should not pay for it: the projection is computed when first
   * read, from the state (deeply frozen: it cannot change) and the profile number taken now.
   */
  const resultOf = (events: ReadonlyArray<SessionEvent>, state: SessionState, nextExpectedStreamVersion: number): ExecuteResult => {
    const profileInternalId = profiles.peekInternalId(state.profileId)
    let projection: SessionProjection | undefined
    return {
      events,
      get projection() {
        return (projection ??= projectionOf(state, profileInternalId))
      },
      nextExpectedStreamVersion,
    }
  }

  const now = (action: string): E.Either<SessionError, string> => {
    try {
      return E.right(clock().toISOString())
    } catch (error) {
      return invalid(`${action} refused: the clock gave no usable time: ${describeThrown(error)}`, 'clock', action)
    }
  }

  /** The service numbers the session and works out `firstSession` from the profile read model. */
  const withIdentity = (command: Record<string, unknown>): unknown => {
    const data = command.data
    if (!isObject(data)) return command
    const profileId = typeof data.profileId === 'string' ? data.profileId : ''
    return {
      ...command,
      data: {
        ...data,
        id: sessions.nextSessionId(),
        firstSession: data.firstSession ?? profiles.isFirstSession(profileId),
      },
    }
  }

  /**
   * The decided events as the service keeps them: a deep-frozen copy, made once. `decide` puts the
   * command's own objects (attributes, coupon codes, a line's details) into its events; folding,
   * answering or appending those would freeze the caller's objects, or share them with the state.
   */
  const owned = (events: ReadonlyArray<SessionEvent>, integrationId: string): E.Either<SessionError, ReadonlyArray<SessionEvent>> => {
    const copy = copyBatch(events, integrationId)
    return Array.isArray(copy) ? E.right(copy as ReadonlyArray<SessionEvent>) : E.left(copy as SessionError)
  }

  /** Decides the commands in sequence, each on the state the one before left. */
  const decideInTurn = (
    commands: ReadonlyArray<unknown>,
    state: SessionState,
    at: string,
    integrationId: string,
  ): E.Either<SessionError, { events: ReadonlyArray<SessionEvent>; state: SessionState }> => {
    let identified: ReadonlyArray<unknown>
    try {
      identified = commands.some(isCreate) ? commands.map((command) => (isCreate(command) ? withIdentity(command) : command)) : commands
    } catch (cause) {
      // As `decide` does: a command that cannot be read is refused, not propagated.
      return E.left(sessionError('ValidationFailed', `the command could not be read: ${describeThrown(cause)}`, { sessionId: integrationId }))
    }
    // Built field by field (an unset option is `undefined`, which the decider takes as unset).
    const decideContext = { policy, newId, currency, now: at, integrationId }
    return decideAll(identified, state, decideContext, (events, current) => {
      const copy = owned(events, integrationId)
      return E.isLeft(copy) ? copy : E.right({ events: copy.right, state: fold(copy.right, current) })
    })
  }

  /** Catches the read models up with the store; a store that cannot be read is the answer. */
  const catchUpFor = async (action: string, integrationId: string): Promise<SessionError | undefined> => {
    try {
      await projector.catchUp()
      return undefined
    } catch (error) {
      return storeUnavailable(`${action} on session ${JSON.stringify(integrationId)} could not read the store`, error, integrationId)
    }
  }

  /**
   * Decides what `derive` makes of the session's state and appends it, expecting the version it
   * was derived on; after another writer's append, the read models catch up and the commands are
   * derived again. Runs within the session's turn in the queue.
   */
  const decideAndAppend = async (
    action: string,
    integrationId: string,
    derive: Derive,
    creates: boolean,
    { expectedStreamVersion, dry = false }: ExecuteOptions,
  ): Promise<E.Either<SessionError, ExecuteResult>> => {
    // Whether the read models have been caught up with the store during this call.
    let fresh = false
    // A create is numbered from the count of sessions in the store: count them now.
    if (creates) {
      const failed = await catchUpFor(action, integrationId)
      if (failed !== undefined) return E.left(failed)
      fresh = true
    }
    for (let attempt = 0; ; attempt++) {
      const entry = sessions.entry(integrationId)
      const state = entry?.state ?? initialState
      const version = entry?.version ?? 0
      if (expectedStreamVersion !== undefined && !matchesExpected(expectedStreamVersion, version)) {
        if (!fresh) {
          const failed = await catchUpFor(action, integrationId)
          if (failed !== undefined) return E.left(failed)
          fresh = true
          continue
        }
        const commands = derive(state)
        if (E.isLeft(commands)) return commands
        const types = malformedOrTypes(integrationId, commands.right)
        if (E.isLeft(types)) return types
        return E.left(
          sessionError('ConcurrencyConflict', `session ${JSON.stringify(integrationId)}: expected version ${String(expectedStreamVersion)}, but it is at version ${version}`, {
            sessionId: integrationId,
            state: state.state,
            action: types.right,
            expected: expectedStreamVersion,
            actual: version,
          }),
        )
      }
      const at = now(action)
      if (E.isLeft(at)) return at
      const commands = derive(state)
      const decided = E.isLeft(commands) ? commands : decideInTurn(commands.right, state, at.right, integrationId)
      if (E.isLeft(decided) || decided.right.events.length === 0 || dry) {
        // Nothing to append, so no version check will catch a stale state: check it here.
        if (!fresh) {
          const failed = await catchUpFor(action, integrationId)
          if (failed !== undefined) return E.left(failed)
          fresh = true
          if ((sessions.entry(integrationId)?.version ?? 0) !== version) continue
        }
        if (E.isLeft(decided)) return decided
        const { events, state: next } = decided.right
        return E.right(resultOf(events, next, version + events.length))
      }
      const { events, state: next } = decided.right
      projector.beginAppend(integrationId)
      let appended: E.Either<SessionError, AppendResult>
      try {
        appended = await store.appendToStream(integrationId, events, { expectedStreamVersion: version })
      } catch (error) {
        projector.endAppend(integrationId)
        return E.left(storeUnavailable(`${action} on session ${JSON.stringify(integrationId)}: the events may or may not have been appended`, error, integrationId))
      }
      if (E.isRight(appended)) {
        try {
          await projector.settle(integrationId, version, events, next, appended.right)
        } catch (error) {
          // Stored, so this is a success; the read models catch up on the next read.
          warn(`cartfold: session ${JSON.stringify(integrationId)} was appended to, but the read models could not read the store: ${describeThrown(error)}`)
        } finally {
          projector.endAppend(integrationId)
        }
        return E.right(resultOf(events, next, appended.right.nextExpectedStreamVersion))
      }
      projector.endAppend(integrationId)
      if (appended.left.code !== 'ConcurrencyConflict' || attempt >= maxRetries) return appended
      const failed = await catchUpFor(action, integrationId)
      if (failed !== undefined) return E.left(failed)
      fresh = true
    }
  }

  const run = (
    action: string,
    integrationId: unknown,
    commands: ReadonlyArray<unknown>,
    options: unknown,
  ): Promise<E.Either<SessionError, ExecuteResult>> => {
    const checked = checkArguments(action, integrationId, options)
    if (E.isLeft(checked)) return Promise.resolve(checked)
    const id = integrationId as string
    const creates = checkCreates(action, id, commands)
    if (E.isLeft(creates)) return Promise.resolve(creates)
    const given = E.right(commands)
    const derive = (): E.Either<SessionError, ReadonlyArray<unknown>> => given
    return queue.run(id, () =>
      creates.right && checked.right.dry !== true
        ? takingTurnsToCreate(() => decideAndAppend(action, id, derive, true, checked.right))
        : decideAndAppend(action, id, derive, creates.right, checked.right),
    )
  }

  /**
   * Commands worked out from the session's state, within its turn in the queue: derived on the
   * cached state and version, and derived again after another writer's append. A session the read
   * models do not hold yet may be created, so that case catches up first and takes the create lock.
   */
  const executeFrom = (
    integrationId: string,
    derive: Derive,
    options: ExecuteOptions = {},
    action = 'executeUpdateV2',
  ): Promise<E.Either<SessionError, ExecuteResult>> => {
    const checked = checkArguments(action, integrationId, options)
    if (E.isLeft(checked)) return Promise.resolve(checked)
    const given = { ...(checked.right.dry === undefined ? {} : { dry: checked.right.dry }) }
    return queue.run(integrationId, () => {
      const entry = sessions.entry(integrationId)
      if (entry !== undefined && entry.state.state !== 'none') return decideAndAppend(action, integrationId, derive, false, given)
      // A dry run stores nothing, so it need not take its turn to create.
      return given.dry === true
        ? decideAndAppend(action, integrationId, derive, true, given)
        : takingTurnsToCreate(() => decideAndAppend(action, integrationId, derive, true, given))
    })
  }

  const execute: SessionService['execute'] = (integrationId, command, options) => run('execute', integrationId, [command], options)

  const executeAll: SessionService['executeAll'] = (integrationId, commands, options) => {
    let given: unknown[]
    try {
      // A copy, read once: the array the caller keeps may change while the commands wait their turn.
      given = Array.isArray(commands) ? Array.from(commands) : []
    } catch (cause) {
      return Promise.resolve(invalid(`executeAll refused: commands: could not be read: ${describeThrown(cause)}`, 'commands', 'executeAll'))
    }
    return given.length > 0
      ? run('executeAll', integrationId, given, options)
      : Promise.resolve(invalid('executeAll refused: commands: expected a non-empty array of commands', 'commands', 'executeAll'))
  }

  /** Reads as fresh as the store; when it cannot be read, what the read models hold, and why. */
  const caughtUp = async (action: string): Promise<SessionError | undefined> => {
    const read = await fromStore(`${action} could not read the store, and answered from the read models`, projector.catchUp)
    if (E.isRight(read)) return undefined
    warn(`cartfold: ${read.left.message}`)
    return read.left
  }

  const get: SessionService['get'] = async (integrationId) => {
    if (typeof integrationId !== 'string') return O.none
    await caughtUp('get')
    const entry = sessions.entry(integrationId)
    return entry === undefined || entry.state.state === 'none' ? O.none : O.some(projectionOf(entry.state))
  }

  const list: SessionService['list'] = async (query) => {
    const decoded = decodeListQuery(query)
    if (E.isLeft(decoded)) return { items: [], total: 0, error: decoded.left }
    const error = await caughtUp('list')
    const { entries, total } = selectPage(sessions.inCreationOrder(), decoded.right)
    const items = entries.map((entry) => projectionOf(entry.state))
    return error === undefined ? { items, total } : { items, total, error }
  }

  // Talon.One's two session requests, worked out from the session's state within its turn.
  return talonRequests({ execute, executeAll, get, list, close: projector.stop }, executeFrom, {
    ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
    ...(currency === undefined ? {} : { currency }),
  })
}
