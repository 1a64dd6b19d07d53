import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DiscountPolicy } from '../domain/discounts.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { ProfileReadModel } from '../domain/profiles.ts'
import { project, type SessionProjection } from '../domain/project.ts'
import type { SessionState } from '../domain/state.ts'
import { decodeListQuery, selectPage, type ListQuery } from './list-query.ts'
import type { Projector } from './projector.ts'
import type { SessionReadModel } from './session-read-model.ts'
import { fromStore } from './store-failure.ts'

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

export interface QueryParts {
  readonly sessions: SessionReadModel
  readonly profiles: ProfileReadModel
  readonly projector: Projector
  readonly policy: DiscountPolicy | undefined
  readonly warn: (message: string) => void
}

/** A projection as the service answers it: with the profile's internal number. */
const projectionsOf = (profiles: ProfileReadModel, policy: DiscountPolicy | undefined) => {
  const projectOptions = policy === undefined ? {} : { policy }
  return (state: SessionState, profileInternalId = profiles.peekInternalId(state.profileId)): SessionProjection => {
    const projection = project(state, projectOptions)
    projection.profileInternalId = profileInternalId
    return projection
  }
}

/**
 * `execute`'s answer. Projecting costs about as much as deciding, and a caller that only needs
 * to know the command went through should not pay for it: the projection is computed when first
 * read, from the state (frozen: it cannot change) and the profile number taken now.
 */
const answerer =
  (profiles: ProfileReadModel, projectionOf: ReturnType<typeof projectionsOf>) =>
  (events: ReadonlyArray<SessionEvent>, state: SessionState, nextExpectedStreamVersion: number): ExecuteResult => {
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

/** The service's read side: `get`, `list`, and the answers of `execute`. */
export const createQueries = ({ sessions, profiles, projector, policy, warn }: QueryParts) => {
  const projectionOf = projectionsOf(profiles, policy)
  const resultOf = answerer(profiles, projectionOf)

  /** Reads as fresh as the store; when it cannot be read, what the read models hold, and why. */
  const caughtUp = async (action: string): Promise<SessionError | undefined> => {
    const read = await fromStore(`${action} could not read the store, and answered from the read models`, projector.catchUp)
    if (E.isRight(read)) return undefined
    warn(`cartfold: ${read.left.message}`)
    return read.left
  }

  const get = async (integrationId: string): Promise<O.Option<SessionProjection>> => {
    if (typeof integrationId !== 'string') return O.none
    await caughtUp('get')
    const entry = sessions.entry(integrationId)
    return entry === undefined || entry.state.state === 'none' ? O.none : O.some(projectionOf(entry.state))
  }

  const list = async (query?: ListQuery): Promise<SessionPage> => {
    const decoded = decodeListQuery(query)
    if (E.isLeft(decoded)) return { items: [], total: 0, error: decoded.left }
    const error = await caughtUp('list')
    const { entries, total } = selectPage(sessions.inCreationOrder(), decoded.right)
    const items = entries.map((entry) => projectionOf(entry.state))
    return error === undefined ? { items, total } : { items, total, error }
  }

  return { resultOf, get, list }
}
