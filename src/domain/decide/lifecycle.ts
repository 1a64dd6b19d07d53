import * as E from 'fp-ts/lib/Either.js'
import { tryEvaluatePolicy } from '../discounts.ts'
import { rollBackAll } from '../rollbacks.ts'
import { within } from '../refusal.ts'
import type { Decision, Scene } from './context.ts'

/**
 * `CloseSession`: the policy is evaluated now and its effects recorded in `Closed` (refused as
 * `ValidationFailed` when the context's policy is not valid).
 */
export const close = (scene: Scene): Decision => {
  const effects = tryEvaluatePolicy(scene.state, scene.context.policy)
  if (E.isLeft(effects)) return within(scene, effects.left)
  return E.right([{ type: 'Closed', data: { at: scene.context.now, effects: effects.right } }])
}

/** `ReopenSession`: rolls back everything granted at close. */
export const reopen = (scene: Scene): Decision =>
  E.right([{ type: 'Reopened', data: { at: scene.context.now, rolledBack: rollBackAll(scene.state) } }])

/** `CancelSession`: rolls back everything still granted (nothing, for an open session). */
export const cancel = (scene: Scene): Decision =>
  E.right([{ type: 'Cancelled', data: { at: scene.context.now, rolledBack: rollBackAll(scene.state) } }])
