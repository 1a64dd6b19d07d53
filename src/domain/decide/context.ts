import type { DiscountPolicy } from '../discounts.ts'
import type { SessionError } from '../errors.ts'
import type { SessionEvent } from '../events.ts'
import type { Scene as RefusalScene } from '../refusal.ts'
import type * as E from 'fp-ts/lib/Either.js'

/**
 * What `decide` is given besides the command and the state: the edges of the world, injected.
 * @since 0.1.0
 * @category decider
 */
export interface DecideContext {
  /** the business time of the events decided, ISO-8601 UTC */
  readonly now: string
  /** the discount policy evaluated at close */
  readonly policy?: DiscountPolicy
  /** an id source, for return ids not given by the command */
  readonly newId?: () => string
  /** the currency of a session created without one (`USD` when not set) */
  readonly currency?: string
  /** the session's id, for messages about a session that does not exist yet */
  readonly integrationId?: string
}

/** What `decide` returns: the events to store, or why the command was refused. @since 0.1.0 @category decider */
export type Decision = E.Either<SessionError, SessionEvent[]>

/** The session, its state and the command, for every refusal's message, and the context. */
export interface Scene extends RefusalScene {
  readonly context: DecideContext
}
