import type { AdditionalCosts, CartItem } from './cart-item.ts'
import { type Minor, minorOf } from './money.ts'
import type { CartSums } from './state.ts'

/**
 * The four totals, in minor units, before any discount, over remaining units (domain.md section 5).
 * @since 0.1.0
 * @category projection
 */
export interface Totals {
  cartItemTotal: Minor
  additionalCostTotal: Minor
  cartItemAdditionalCostTotal: Minor
  total: Minor
}

/** A cart line, with the units returned so far when it has any. */
export type Line = CartItem & { returnedQuantity?: number }

/** The sum of a cost map's prices, in minor units. */
export const costsOf = (costs: AdditionalCosts | undefined, precision: number): Minor => {
  let sum = 0
  if (costs !== undefined) for (const name in costs) sum += minorOf(costs[name]!.price, precision)
  return sum
}

/** One unit of a line: its price plus its item-level costs, in minor units. */
export const unitValueOf = (line: CartItem, precision: number): Minor =>
  minorOf(line.price, precision) + costsOf(line.additionalCosts, precision)

/**
 * Totals of a cart and its session-level costs. Sums past the safe-integer range stay past it in
 * floating point, so `Number.isSafeInteger(total)` tells whether they are exact.
 * @since 0.1.0
 * @category projection
 */
export const totalsOf = (lines: readonly Line[], additionalCosts: AdditionalCosts, precision: number): Totals => {
  let cartItemTotal = 0
  let cartItemAdditionalCostTotal = 0
  for (const line of lines) {
    const remaining = line.quantity - (line.returnedQuantity ?? 0)
    cartItemTotal += minorOf(line.price, precision) * remaining
    if (line.additionalCosts !== undefined) cartItemAdditionalCostTotal += costsOf(line.additionalCosts, precision) * remaining
  }
  const additionalCostTotal = costsOf(additionalCosts, precision)
  return {
    cartItemTotal,
    additionalCostTotal,
    cartItemAdditionalCostTotal,
    total: cartItemTotal + additionalCostTotal + cartItemAdditionalCostTotal,
  }
}

/** The four totals from the sums a state keeps: what `totalsOf` would count over its lines. */
export const totalsOfSums = (sums: CartSums): Totals => ({
  cartItemTotal: sums.cartItemTotal,
  additionalCostTotal: sums.additionalCostTotal,
  cartItemAdditionalCostTotal: sums.cartItemAdditionalCostTotal,
  total: sums.cartItemTotal + sums.additionalCostTotal + sums.cartItemAdditionalCostTotal,
})
