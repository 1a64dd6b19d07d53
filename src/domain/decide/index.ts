import * as E from 'fp-ts/lib/Either.js'
import { describeError, isIsoUtc } from '../codec-kit.ts'
import { SessionCommandCodec, type SessionCommand } from '../commands.ts'
import { describeThrown } from '../describe-thrown.ts'
import { sessionError } from '../errors.ts'
import type { SessionState } from '../state.ts'
import { refusalOf } from '../transitions.ts'
import { addItems, removeItems } from './cart.ts'
import { refuse } from '../refusal.ts'
import type { DecideContext, Decision, Scene } from './context.ts'
import { create } from './create.ts'
import { cancel, close, reopen } from './lifecycle.ts'
import { returnItems } from './returns.ts'
import { update } from './update.ts'

const decideValid = (command: SessionCommand, scene: Scene): Decision => {
  const refusal = refusalOf(command.type, scene.state.state)
  if (refusal !== undefined) return refuse(scene, refusal.code, refusal.reason)
  switch (command.type) {
    case 'CreateSession':
      return create(scene, command.data)
    case 'AddItems':
      return addItems(scene, command.data)
    case 'RemoveItems':
      return removeItems(scene, command.data)
    case 'UpdateSession':
      return update(scene, command.data)
    case 'CloseSession':
      return close(scene)
    case 'ReopenSession':
      return reopen(scene)
    case 'ReturnItems':
      return returnItems(scene, command.data)
    case 'CancelSession':
      return cancel(scene)
  }
}

const isState = (u: unknown): u is SessionState =>
  typeof u === 'object' && u !== null && typeof (u as SessionState).state === 'string' && Array.isArray((u as SessionState).cartItems)

/**
 * Decides which events a command produces in a state, or why it is refused. Validation comes
 * before state: a malformed command is `ValidationFailed` even when its session does not exist.
 * Never throws, whatever it is given: the command is decoded from `unknown`.
 * @since 0.1.0
 * @category decider
 */
export const decide = (command: unknown, state: SessionState, context: DecideContext): Decision => {
  try {
    const decoded = SessionCommandCodec.decode(command)
    const actionOf = (u: unknown) => {
      const type = typeof u === 'object' && u !== null ? (u as { type?: unknown }).type : undefined
      return typeof type === 'string' ? type : 'an unknown command'
    }
    if (!isState(state)) {
      return E.left(sessionError('ValidationFailed', `${actionOf(command)} refused: the state is not a session state`, { path: 'state' }))
    }
    const ctx = (typeof context === 'object' && context !== null ? context : {}) as DecideContext
    const scene: Scene = { state, context: ctx, action: actionOf(command), integrationId: ctx.integrationId }
    if (E.isLeft(decoded)) {
      const { path, message } = describeError(decoded.left)
      return refuse(scene, 'ValidationFailed', message, path)
    }
    if (typeof ctx.now !== 'string' || !isIsoUtc(ctx.now)) {
      return refuse(scene, 'ValidationFailed', `context.now: expected an ISO-8601 UTC timestamp, got ${String(ctx.now)}`, 'context.now')
    }
    return decideValid(decoded.right, scene)
  } catch (cause) {
    // Reading a hostile input (a getter that throws, a revoked proxy) is refused, not propagated.
    return E.left(sessionError('ValidationFailed', `the command could not be read: ${describeThrown(cause)}`))
  }
}

/**
 * Decides a command already decoded (the session service decodes each command when it arrives):
 * no second decoding, and no guard: a throw from `context.newId` is the caller's to report.
 * `context.now` is trusted to be an ISO-8601 UTC timestamp.
 */
export const decideCommand = (command: SessionCommand, state: SessionState, context: DecideContext): Decision =>
  decideValid(command, { state, context, action: command.type })
