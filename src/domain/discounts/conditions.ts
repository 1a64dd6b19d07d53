import { minorOf } from '../money.ts'
import { isFirstSession, type SessionState } from '../state.ts'
import { type Conditions, policyAmountDigits } from './policy.ts'

/**
 * Whether a rule's conditions all hold for a session now (at close, or for a preview). No
 * conditions always hold. `minCartItemTotal` compares exactly, inclusive, with `cartItemTotal`
 * before discounts (given in minor units, computed once per evaluation), even when it has more
 * fraction digits than the currency.
 */
export const conditionsHold = (
  when: Conditions | undefined,
  state: SessionState,
  precision: number,
  cartItemTotal: number,
): boolean => {
  if (when === undefined) return true
  if (when.coupon !== undefined) {
    if (when.coupon === true ? state.couponCodes.length === 0 : !state.couponCodes.includes(when.coupon)) return false
  }
  if (when.referral !== undefined) {
    const code = state.referralCode
    if (when.referral === true ? code === undefined || code === '' : code !== when.referral) return false
  }
  if (when.firstSession !== undefined && isFirstSession(state) !== when.firstSession) return false
  if (when.minCartItemTotal !== undefined) {
    // Both sides at 10^-(precision + 3): exact whatever the two precisions.
    const have = BigInt(cartItemTotal) * 10n ** BigInt(policyAmountDigits)
    const want = BigInt(minorOf(when.minCartItemTotal, policyAmountDigits)) * 10n ** BigInt(precision)
    if (have < want) return false
  }
  if (when.attributes !== undefined) {
    for (const [name, value] of Object.entries(when.attributes)) {
      if (!Object.prototype.hasOwnProperty.call(state.attributes, name) || state.attributes[name] !== value) return false
    }
  }
  return true
}
