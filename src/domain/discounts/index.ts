import * as E from 'fp-ts/lib/Either.js'
import type { Effect } from '../effects.ts'
import type { SessionError } from '../errors.ts'
import type { SessionState } from '../state.ts'
import { checkedPolicy } from './decode.ts'
import { evaluate } from './evaluate.ts'
import type { DiscountPolicy } from './policy.ts'

export { decodePolicy, parsePolicy } from './decode.ts'
export {
  ConditionsCodec,
  DiscountPolicyCodec,
  RuleCodec,
  TargetCodec,
  type Conditions,
  type DiscountPolicy,
  type Rounding,
  type Rule,
  type Target,
} from './policy.ts'

/**
 * The effects a policy grants a session now, in rule order, each session-level discount with its
 * shares; or `ValidationFailed` (path under `context.policy`) when the policy is not valid. No
 * policy grants nothing. This is what `CloseSession` records in `Closed`.
 * @since 0.1.0
 * @category discounts
 */
export const tryEvaluatePolicy = (state: SessionState, policy: DiscountPolicy | undefined): E.Either<SessionError, Effect[]> =>
  policy === undefined ? E.right([]) : E.map((valid: DiscountPolicy) => evaluate(state, valid))(checkedPolicy(policy, 'context.policy'))

/**
 * The effects a policy grants a session now (the projection's preview of an open session). An
 * invalid policy grants nothing here; `decide` refuses to close with one.
 * @since 0.1.0
 * @category discounts
 */
export const evaluatePolicy = (state: SessionState, policy: DiscountPolicy | undefined): Effect[] => {
  const effects = tryEvaluatePolicy(state, policy)
  return E.isRight(effects) ? effects.right : []
}
