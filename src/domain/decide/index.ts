import * as E from 'fp-ts/lib/Either.js'
import { describeError, isIsoUtc } from '../codec-kit.ts'
import { SessionCommandCodec, type SessionCommand } from '../commands.ts'
import { show } from '../messages.ts'
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

/**
 * Decides which events a command produces in a state, or why it is refused. Validation comes
 * before state: a malformed command is `ValidationFailed` even when its session does not exist.
 * Never throws, whatever it is given: the command is decoded from `unknown`.
 * @since 0.1.0
 * @category decider
 */
export const decide = (command: unknown, state: SessionState, context: DecideContext): Decision => {
  const decoded = SessionCommandCodec.decode(command)
  const type = typeof command === 'object' && command !== null ? (command as { type?: unknown }).type : undefined
  const scene: Scene = { state, context, action: typeof type === 'string' ? type : 'an unknown command', integrationId: context.integrationId }
  if (E.isLeft(decoded)) {
    const { path, message } = describeError(decoded.left)
    return refuse(scene, 'ValidationFailed', message, path)
  }
  if (typeof context.now !== 'string' || !isIsoUtc(context.now)) {
    return refuse(scene, 'ValidationFailed', `context.now: expected an ISO-8601 UTC timestamp, got ${show(context.now)}`, 'context.now')
  }
  return decideValid(decoded.right, scene)
}

/**
 * Decides a command already decoded (the session service decodes each command when it arrives):
 * no second decoding, and no guard: a throw from `context.newId` is the caller's to report.
 * `context.now` is trusted to be an ISO-8601 UTC timestamp.
 */
export const decideCommand = (command: SessionCommand, state: SessionState, context: DecideContext): Decision =>
  decideValid(command, { state, context, action: command.type })
