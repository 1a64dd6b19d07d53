import type { DiscountPolicy } from '../discounts.ts'
import type { SessionError, SessionErrorCode } from '../errors.ts'
import { sessionError } from '../errors.ts'
import type { SessionEvent } from '../events.ts'
import type { SessionState } from '../state.ts'
import * as E from 'fp-ts/lib/Either.js'

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

/** The session, its state and the command, for every refusal's message. */
export interface Scene {
  readonly state: SessionState
  readonly context: DecideContext
  readonly action: string
}

const sessionIdOf = (scene: Scene): string =>
  scene.state.state === 'none' ? scene.context.integrationId ?? '(unknown)' : scene.state.integrationId

/** A refusal naming the session, its state and the refused action. */
export const refuse = (scene: Scene, code: SessionErrorCode, reason: string, path?: string): E.Left<SessionError> => {
  const sessionId = sessionIdOf(scene)
  const where = scene.state.state === 'none' ? 'no session' : scene.state.state
  return E.left(
    sessionError(code, `session ${JSON.stringify(sessionId)} (${where}) refuses ${scene.action}: ${reason}`, {
      sessionId,
      state: scene.state.state,
      action: scene.action,
      ...(path === undefined ? {} : { path }),
    }),
  ) as E.Left<SessionError>
}

/** Re-addresses an error raised by a check (money, limits) to this session and command. */
export const within = (scene: Scene, error: SessionError): E.Left<SessionError> =>
  refuse(scene, error.code, error.message, error.path)
