import type { PositionQuantity } from './cart-item.ts'
import type { RollBack } from './effects.ts'
import { fromMinor, type Minor, minorOf, precisionOf } from './money.ts'
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
 * What returning units rolls back, unit by unit: the units of each line in order of position, the
 * highest `subPosition` not yet returned first; for each unit, every per-item effect of that unit
 * (whatever its scope), then its recorded shares of each session-level discount, in effect order.
 * A roll-back never exceeds what is left of its effect. Entries must already be merged and checked
 * against the cart.
 * @since 0.1.0
 * @category discounts
 */
export const rollBackUnits = (state: SessionState, items: readonly PositionQuantity[]): RollBack[] => {
  if (state.effects.length === 0) return []
  const precision = precisionOf(state.currency)
  const left = remainingByEffect(state)
  const unitKey = (position: number, subPosition: number) => `${position}:${subPosition}`
  const perItem = new Map<string, number[]>()
  const shares = new Map<number, Map<string, Minor>>()
  for (const effect of state.effects) {
    if (effect.type === 'setDiscountPerItem' && effect.position !== undefined && effect.subPosition !== undefined) {
      const key = unitKey(effect.position, effect.subPosition)
      perItem.set(key, [...(perItem.get(key) ?? []), effect.effectId])
    } else if (effect.type === 'setDiscount' && effect.shares !== undefined) {
      const byUnit = new Map<string, Minor>()
      for (const share of effect.shares) {
        if (share.position === undefined || share.subPosition === undefined) continue
        const key = unitKey(share.position, share.subPosition)
        byUnit.set(key, (byUnit.get(key) ?? 0) + minorOf(share.value, precision))
      }
      shares.set(effect.effectId, byUnit)
    }
  }
  const out: RollBack[] = []
  /** Rolls back `wanted` of an effect (all that is left when `Infinity`), never more than is left. */
  const rollBack = (effectId: number, wanted: Minor, unit?: { position: number; subPosition: number }) => {
    const have = left.get(effectId) ?? 0
    const value = Math.min(wanted, have)
    if (value <= 0) return
    left.set(effectId, have - value)
    out.push({ effectId, value: fromMinor(value, precision), ...unit })
  }
  for (const { position, quantity } of items) {
    const line = state.cartItems[position]
    if (line === undefined) continue
    const remaining = line.quantity - line.returnedQuantity
    for (let subPosition = remaining - 1; subPosition >= Math.max(0, remaining - quantity); subPosition--) {
      const key = unitKey(position, subPosition)
      for (const effectId of perItem.get(key) ?? []) rollBack(effectId, Infinity)
      for (const [effectId, byUnit] of shares) rollBack(effectId, byUnit.get(key) ?? 0, { position, subPosition })
    }
  }
  return out
}
