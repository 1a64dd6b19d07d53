import type { PositionQuantity } from './cart-item.ts'
import type { RollBack } from './effects.ts'
import { fromMinor, type Minor, minorOf } from './money.ts'
import { precisionOf } from './money.ts'
import type { SessionState } from './state.ts'

/** What is left of each granted effect, in minor units, by effect id. */
export const remainingByEffect = (state: SessionState): Map<number, Minor> => {
  const precision = precisionOf(state.currency)
  const left = new Map<number, Minor>()
  for (const effect of state.effects) left.set(effect.effectId, minorOf(effect.value, precision))
  for (const back of state.rolledBack) {
    const value = left.get(back.effectId)
    if (value !== undefined) left.set(back.effectId, value - minorOf(back.value, precision))
  }
  return left
}

/**
 * Everything still granted: what a cancel rolls back, and (a closed session having no returns)
 * everything granted at close, which a reopen rolls back.
 * @since 0.1.0
 * @category discounts
 */
export const rollBackAll = (state: SessionState): RollBack[] => {
  const precision = precisionOf(state.currency)
  const out: RollBack[] = []
  for (const [effectId, left] of remainingByEffect(state)) {
    if (left > 0) out.push({ effectId, value: fromMinor(left, precision) })
  }
  return out
}

/**
 * What returning units rolls back: for each returned unit (the highest `subPosition` not yet
 * returned first), every per-item effect of that unit and its recorded shares of every
 * session-level discount. Entries must already be merged and checked against the cart.
 * @since 0.1.0
 * @category discounts
 */
export const rollBackUnits = (state: SessionState, items: readonly PositionQuantity[]): RollBack[] => {
  if (state.effects.length === 0) return []
  const precision = precisionOf(state.currency)
  const left = remainingByEffect(state)
  const out: RollBack[] = []
  const unitKey = (position: number, subPosition: number) => `${position}:${subPosition}`
  const returned = new Set<string>()
  for (const { position, quantity } of items) {
    const line = state.cartItems[position]
    if (line === undefined) continue
    const remaining = line.quantity - line.returnedQuantity
    for (let sub = remaining - 1; sub >= remaining - quantity && sub >= 0; sub--) returned.add(unitKey(position, sub))
  }
  for (const effect of state.effects) {
    if (effect.type === 'setDiscountPerItem') {
      if (effect.position === undefined || effect.subPosition === undefined) continue
      if (!returned.has(unitKey(effect.position, effect.subPosition))) continue
      const value = left.get(effect.effectId) ?? 0
      if (value > 0) out.push({ effectId: effect.effectId, value: fromMinor(value, precision) })
      continue
    }
    if (effect.type !== 'setDiscount' || effect.shares === undefined) continue
    const byUnit = new Map<string, { position: number; subPosition: number; value: Minor }>()
    for (const share of effect.shares) {
      if (share.position === undefined || share.subPosition === undefined) continue
      const key = unitKey(share.position, share.subPosition)
      if (!returned.has(key)) continue
      const entry = byUnit.get(key) ?? { position: share.position, subPosition: share.subPosition, value: 0 }
      entry.value += minorOf(share.value, precision)
      byUnit.set(key, entry)
    }
    for (const { position, subPosition, value } of byUnit.values()) {
      if (value > 0) out.push({ effectId: effect.effectId, value: fromMinor(value, precision), position, subPosition })
    }
  }
  return out
}
