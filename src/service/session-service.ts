import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describeError } from '../domain/codec-kit.ts'
import { SessionCommandCodec } from '../domain/commands.ts'
import { decide } from '../domain/decide/index.ts'
import type { DiscountPolicy } from '../domain/discounts.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { fold } from '../domain/evolve.ts'
import { project, type SessionProjection } from '../domain/project.ts'
import { initialState, type SessionState } from '../domain/state.ts'
import type { ExpectedStreamVersion } from '../store/event-store.ts'
import { createInMemoryEventStore } from '../store/in-memory-event-store.ts'
import { createLockFor } from './create-lock.ts'
import { createKeyedQueue } from './keyed-queue.ts'
import { decodeListQuery, selectPage, type ListQuery } from './list-query.ts'
import { createProfileReadModel } from './profile-read-model.ts'
import { createProjector } from './projector.ts'
import { createSessionReadModel } from './session-read-model.ts'
import type { SessionStore } from './session-store.ts'

/** @since 0.1.0 @category service */
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

/** @since 0.1.0 @category service */
export interface ExecuteOptions {
  /** checked against the stream's version before deciding; a mismatch is not retried */
  readonly expectedStreamVersion?: ExpectedStreamVersion
  /** decide and project, store nothing */
  readonly dry?: boolean
}

/** @since 0.1.0 @category service */
export interface ExecuteResult {
  /** the events this call recorded (or, dry, would record); none for an idempotent repeat */
  readonly events: ReadonlyArray<SessionEvent>
  /** the session after the command (computed on first read, then kept) */
  readonly projection: SessionProjection
  readonly nextExpectedStreamVersion: number
}

/**
 * One page of `list`. `list` never rejects: when the page cannot be served as asked, `error`
 * says why (a bad query is `ValidationFailed`, with no items and `total` 0).
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
 * The session service: commands in, events stored, read models kept. Every method resolves to a
 * value: refusals and bad input are `Left`s from `execute`, an `error` on `list`'s page.
 * @since 0.1.0
 * @category service
 */
export interface SessionService {
  readonly execute: (
    integrationId: string,
    command: unknown,
    options?: ExecuteOptions,
  ) => Promise<E.Either<SessionError, ExecuteResult>>
  readonly get: (integrationId: string) => Promise<O.Option<SessionProjection>>
  /** a page of sessions, newest first; a bad query resolves to `{ items: [], total: 0, error }` */
  readonly list: (query?: ListQuery) => Promise<SessionPage>
  /** stops the read models' subscription (the store stays open: it is the caller's) */
  readonly close: () => void
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

const isExpected = (u: unknown): u is ExpectedStreamVersion =>
  u === 'any' || u === 'no_stream' || u === 'stream_exists' || (Number.isSafeInteger(u) && (u as number) >= 0)

const matches = (expected: ExpectedStreamVersion, version: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' ? version === 0 : expected === 'stream_exists' ? version > 0 : expected === version)

const invalid = (message: string, path: string): E.Either<SessionError, never> =>
  E.left(sessionError('ValidationFailed', message, { path, action: 'execute' }))

/** Bad arguments to `execute`, before any command is read. */
const checkArguments = (integrationId: unknown, options: unknown): E.Either<SessionError, ExecuteOptions> => {
  if (typeof integrationId !== 'string' || integrationId.length === 0 || integrationId.length > 1000) {
    return invalid(`execute refused: integrationId: expected a string of 1..1000 characters, got ${typeof integrationId === 'string' ? `${integrationId.length} characters` : typeof integrationId}`, 'integrationId')
  }
  if (options === undefined) return E.right({})
  if (!isObject(options)) return invalid('execute refused: options: expected an object', 'options')
  if (options.expectedStreamVersion !== undefined && !isExpected(options.expectedStreamVersion)) {
    return invalid(`execute refused: options.expectedStreamVersion: expected an integer >= 0, 'no_stream', 'stream_exists' or 'any', got ${String(options.expectedStreamVersion)}`, 'options.expectedStreamVersion')
  }
  if (options.dry !== undefined && typeof options.dry !== 'boolean') {
    return invalid(`execute refused: options.dry: expected a boolean, got ${typeof options.dry}`, 'options.dry')
  }
  return E.right(options as ExecuteOptions)
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
 * - A new session's `id` is one more than the `Created` events in the store (read models caught
 *   up just before deciding); `firstSession` comes from the profile read model unless the command
 *   sets it.
 * - `execute` resolves after the read models hold its events, so `get` and `list` see them.
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

  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message))
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
   * read, from the (immutable) state and the profile number taken now.
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

  const now = (): E.Either<SessionError, string> => {
    try {
      return E.right(clock().toISOString())
    } catch (error) {
      return invalid(`execute refused: the clock gave no usable time: ${String(error)}`, 'clock')
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

  const context = {
    ...(policy === undefined ? {} : { policy }),
    ...(newId === undefined ? {} : { newId }),
    ...(currency === undefined ? {} : { currency }),
  }

  const decideAndAppend = async (
    integrationId: string,
    command: unknown,
    isCreate: boolean,
    { expectedStreamVersion, dry = false }: ExecuteOptions,
  ): Promise<E.Either<SessionError, ExecuteResult>> => {
    let fresh = false
    const catchUp = async () => {
      await projector.catchUp()
      fresh = true
    }
    // A create is numbered from the count of sessions in the store: count them now.
    if (isCreate) await catchUp()
    for (let attempt = 0; ; attempt++) {
      const entry = sessions.entry(integrationId)
      const state = entry?.state ?? initialState
      const version = entry?.version ?? 0
      if (expectedStreamVersion !== undefined && !matches(expectedStreamVersion, version)) {
        if (!fresh) {
          await catchUp()
          continue
        }
        // Validation comes before state: a malformed command is refused as such.
        const decoded = SessionCommandCodec.decode(command)
        if (E.isLeft(decoded)) {
          const { path, message } = describeError(decoded.left)
          return E.left(sessionError('ValidationFailed', `session ${JSON.stringify(integrationId)} refuses the command: ${message}`, { sessionId: integrationId, path }))
        }
        return E.left(
          sessionError('ConcurrencyConflict', `session ${JSON.stringify(integrationId)}: expected version ${String(expectedStreamVersion)}, but it is at version ${version}`, {
            sessionId: integrationId,
            state: state.state,
            action: decoded.right.type,
            expected: expectedStreamVersion,
            actual: version,
          }),
        )
      }
      const at = now()
      if (E.isLeft(at)) return at
      const decided = decide(isCreate ? withIdentity(command as Record<string, unknown>) : command, state, { ...context, now: at.right, integrationId })
      if (E.isLeft(decided) || decided.right.length === 0 || dry) {
        // Nothing to append, so no version check will catch a stale state: check it here.
        if (!fresh) {
          await catchUp()
          if ((sessions.entry(integrationId)?.version ?? 0) !== version) continue
        }
        if (E.isLeft(decided)) return decided
        const events = decided.right
        return E.right(resultOf(events, fold(events, state), version + events.length))
      }
      const events = decided.right
      const next = fold(events, state)
      const release = projector.beginAppend(integrationId)
      try {
        const appended = await store.appendToStream(integrationId, events, { expectedStreamVersion: version })
        if (E.isRight(appended)) {
          await projector.settle(integrationId, version, events, next, appended.right)
          return E.right(resultOf(events, next, appended.right.nextExpectedStreamVersion))
        }
        if (appended.left.code !== 'ConcurrencyConflict' || attempt >= maxRetries) return appended
      } finally {
        release()
      }
      await catchUp()
    }
  }

  const execute: SessionService['execute'] = async (integrationId, command, options) => {
    const checked = checkArguments(integrationId, options)
    if (E.isLeft(checked)) return checked
    const isCreate = isObject(command) && command.type === 'CreateSession'
    if (isCreate && isObject(command.data) && typeof command.data.integrationId === 'string' && command.data.integrationId !== integrationId) {
      return invalid(
        `execute refused: CreateSession.integrationId ${JSON.stringify(command.data.integrationId)} is not the session executed, ${JSON.stringify(integrationId)}`,
        'CreateSession.integrationId',
      )
    }
    return queue.run(integrationId, () =>
      isCreate && checked.right.dry !== true
        ? takingTurnsToCreate(() => decideAndAppend(integrationId, command, true, checked.right))
        : decideAndAppend(integrationId, command, isCreate, checked.right),
    )
  }

  const get: SessionService['get'] = async (integrationId) => {
    if (typeof integrationId !== 'string') return O.none
    await projector.catchUp()
    const entry = sessions.entry(integrationId)
    return entry === undefined || entry.state.state === 'none' ? O.none : O.some(projectionOf(entry.state))
  }

  const list: SessionService['list'] = async (query) => {
    const decoded = decodeListQuery(query)
    if (E.isLeft(decoded)) return { items: [], total: 0, error: decoded.left }
    await projector.catchUp()
    const { entries, total } = selectPage(sessions.inCreationOrder(), decoded.right)
    return { items: entries.map((entry) => projectionOf(entry.state)), total }
  }

  return { execute, get, list, close: projector.stop }
}
