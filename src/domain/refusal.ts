import * as E from 'fp-ts/lib/Either.js'
import { type SessionError, type SessionErrorCode, sessionError } from './errors.ts'
import { refusalMessage } from './messages.ts'
import type { SessionState } from './state.ts'

/**
 * What a refusal is about: the session's state and the refused command or event, and the session's
 * id when it does not exist yet (a create names it).
 */
export interface Scene {
  readonly state: SessionState
  readonly action: string
  readonly integrationId?: string | undefined
}

/**
 * The one refusal builder of `decide` and `checkEvent`: the message names the session, its state
 * and the refused action, then the reason; the error carries them as fields, and the path.
 */
export const refuse = (scene: Scene, code: SessionErrorCode, reason: string, path?: string): E.Left<SessionError> => {
  const { state } = scene.state
  const sessionId = state === 'none' ? scene.integrationId : scene.state.integrationId
  return E.left(
    sessionError(code, refusalMessage(sessionId, state, scene.action, reason), {
      ...(sessionId === undefined ? {} : { sessionId }),
      state,
      action: scene.action,
      ...(path === undefined ? {} : { path }),
    }),
  ) as E.Left<SessionError>
}

/** Re-addresses an error raised by a check (money, policy) to this session and action. */
export const within = (scene: Scene, error: SessionError): E.Left<SessionError> =>
  refuse(scene, error.code, error.message, error.path)
