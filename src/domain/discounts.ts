import type { Effect } from './effects.ts'
import type { SessionState } from './state.ts'

/**
 * A discount policy: an ordered list of rules (the discount issue defines the rule format).
 * @since 0.1.0
 * @category discounts
 */
export interface DiscountPolicy {
  readonly rules: ReadonlyArray<unknown>
  readonly rounding?: 'halfUp' | 'halfEven' | 'down'
}

/**
 * The effects a policy grants a session now, in rule order, with the shares of each
 * session-level discount. No rule engine yet: grants nothing.
 * @since 0.1.0
 * @category discounts
 */
export const evaluatePolicy = (_state: SessionState, _policy: DiscountPolicy | undefined): Effect[] => []
