import { type CartItem, type PositionQuantity, withOptionalFields } from './cart-item.ts'
import { type DiscountPolicy, evaluatePolicy } from './discounts.ts'
import type { Effect } from './effects.ts'
import { fromMinor, type Minor, minorOf, precisionOf } from './money.ts'
import { remainingByEffect } from './rollbacks.ts'
import { isFirstSession, type SessionLine, type SessionState } from './state.ts'
import { totalsOfSums, unitValueOf } from './totals.ts'

/** A cart line in a projection. @since 0.1.0 @category projection */
export type ProjectedCartItem = CartItem & { position: number; returnedQuantity: number; remainingQuantity: number }

/** A return in a projection. @since 0.1.0 @category projection */
export interface ProjectedReturn {
  returnId: string
  at: string
  items: PositionQuantity[]
  /** the returned units' prices plus their item-level costs */
  value: number
  /** the discounts this return rolled back */
  rolledBackDiscounts: number
  /** value minus rolledBackDiscounts */
  refund: number
}

/**
 * What a session looks like: its details, cart, the four totals (before discounts, over remaining
 * units), discounts and returns. Amounts are JSON numbers in the currency's major unit.
 * @since 0.1.0
 * @category projection
 */
export type SessionProjection = Omit<SessionState, 'cartItems' | 'sums' | 'effects' | 'rolledBack' | 'returns'> & {
  cartItems: ProjectedCartItem[]
  cartItemTotal: number
  additionalCostTotal: number
  cartItemAdditionalCostTotal: number
  total: number
  /** label -> amount, only labels with a positive amount */
  discounts: Record<string, number>
  totalDiscounts: number
  /** each granted effect with what is left of its value (a preview while open) */
  effects: Effect[]
  returns: ProjectedReturn[]
  /** the profile's internal number, from the runtime that holds the session */
  profileInternalId?: number
}

/** Options of `project`. @since 0.1.0 @category projection */
export interface ProjectOptions {
  /** previews the discounts of an open session */
  readonly policy?: DiscountPolicy
}

/** A line with its position and remaining units. */
const projectLine = (line: SessionLine, position: number): ProjectedCartItem =>
  withOptionalFields(
    {
      sku: line.sku,
      quantity: line.quantity,
      price: line.price,
      position,
      returnedQuantity: line.returnedQuantity,
      remainingQuantity: line.quantity - line.returnedQuantity,
    },
    line,
  )

const labelOf = (effect: Effect): string =>
  effect.type === 'setDiscountPerItem' ? `${effect.ruleName}#${effect.position ?? 0}` : effect.ruleName

/** Net effects: each granted effect with what is left of it; while open, the policy's preview. */
const netEffects = (state: SessionState, policy: DiscountPolicy | undefined, precision: number): Effect[] => {
  if (state.state === 'open') return evaluatePolicy(state, policy)
  const left = remainingByEffect(state)
  return state.effects.map((effect) => ({ ...effect, value: fromMinor(left.get(effect.effectId) ?? 0, precision) }))
}

/**
 * Projects a session state.
 * @since 0.1.0
 * @category projection
 */
export const project = (state: SessionState, options: ProjectOptions = {}): SessionProjection => {
  const precision = precisionOf(state.currency)
  const money = (minor: Minor) => fromMinor(minor, precision)
  const totals = totalsOfSums(state.sums)
  const effects = netEffects(state, options.policy, precision)
  const byLabel = new Map<string, Minor>()
  let totalDiscounts = 0
  for (const effect of effects) {
    const value = minorOf(effect.value, precision)
    if (value <= 0) continue
    byLabel.set(labelOf(effect), (byLabel.get(labelOf(effect)) ?? 0) + value)
    totalDiscounts += value
  }
  const discounts: Record<string, number> = {}
  for (const [label, value] of byLabel) discounts[label] = money(value)

  const returns = state.returns.map((r): ProjectedReturn => {
    let value = 0
    for (const { position, quantity } of r.items) {
      const line = state.cartItems[position]
      if (line !== undefined) value += unitValueOf(line, precision) * quantity
    }
    let rolledBack = 0
    for (const back of r.rolledBack) rolledBack += minorOf(back.value, precision)
    return { returnId: r.returnId, at: r.at, items: r.items, value: money(value), rolledBackDiscounts: money(rolledBack), refund: money(value - rolledBack) }
  })

  return {
    id: state.id,
    integrationId: state.integrationId,
    applicationId: state.applicationId,
    profileId: state.profileId,
    ...(state.storeIntegrationId === undefined ? {} : { storeIntegrationId: state.storeIntegrationId }),
    currency: state.currency,
    couponCodes: state.couponCodes,
    ...(state.referralCode === undefined ? {} : { referralCode: state.referralCode }),
    loyaltyCards: state.loyaltyCards,
    identifiers: state.identifiers,
    attributes: state.attributes,
    additionalCosts: state.additionalCosts,
    state: state.state,
    firstSession: isFirstSession(state),
    cartItems: state.cartItems.map(projectLine),
    cartItemTotal: money(totals.cartItemTotal),
    additionalCostTotal: money(totals.additionalCostTotal),
    cartItemAdditionalCostTotal: money(totals.cartItemAdditionalCostTotal),
    total: money(totals.total),
    discounts,
    totalDiscounts: money(totalDiscounts),
    effects,
    returns,
    created: state.created,
    updated: state.updated,
    updateCount: state.updateCount,
  }
}
