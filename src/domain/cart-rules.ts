import * as E from 'fp-ts/lib/Either.js'
import type { AdditionalCosts, CartItem, PositionQuantity } from './cart-item.ts'
import type { SessionError } from './errors.ts'
import { type Minor, toMinor } from './money.ts'
import { refuse, type Scene, within } from './refusal.ts'
import { maxCouponCodes, maxLines, maxUnits } from './session-details.ts'
import { costsOf, unitValueOf } from './totals.ts'

/**
 * The cart rules `decide` applies to a command and `checkEvent` to an event of a log: positions,
 * quantities, remaining units, the cart limits (1000 lines, 10,000 units), the safe range of the
 * total, amounts at the currency's precision and the coupon count. Each answers a refusal
 * addressed to the scene (`path` is where the entries or lines are, e.g. `RemoveItems.items`), or
 * nothing. They read the cart's kept sums, so they cost what the command or event changes.
 */
export type Refusal = E.Left<SessionError> | undefined

/** Every amount of a cost map at the currency's precision. */
export const checkCosts = (scene: Scene, costs: AdditionalCosts | undefined, precision: number, path: string): Refusal => {
  if (costs === undefined) return undefined
  for (const name in costs) {
    const r = toMinor(costs[name]!.price, precision, `${path}.${name}.price`)
    if (E.isLeft(r)) return within(scene, r.left)
  }
  return undefined
}

/** A session total stays within the safe-integer range of minor units (sums past it stay past it). */
const checkTotal = (scene: Scene, total: Minor): Refusal =>
  Number.isSafeInteger(total) ? undefined : refuse(scene, 'AmountOutOfRange', 'the session total would leave the safe range of minor units', 'total')

/**
 * Lines added to the scene's cart: their amounts, the cart limits over the lines it has and those
 * added, and the total they would produce (with `sessionCosts`, the session-level costs in minor
 * units: the state's, or a create's own).
 */
export const checkAddedLines = (
  scene: Scene,
  added: readonly CartItem[],
  precision: number,
  path: string,
  sessionCosts: Minor = scene.state.sums.additionalCostTotal,
): Refusal => {
  let units = scene.state.sums.units
  let total = scene.state.sums.cartItemTotal + scene.state.sums.cartItemAdditionalCostTotal + sessionCosts
  for (let i = 0; i < added.length; i++) {
    const line = added[i]!
    const price = toMinor(line.price, precision, `${path}[${i}].price`)
    if (E.isLeft(price)) return within(scene, price.left)
    const costs = checkCosts(scene, line.additionalCosts, precision, `${path}[${i}].additionalCosts`)
    if (costs !== undefined) return costs
    units += line.quantity
    total += unitValueOf(line, precision) * line.quantity
  }
  const count = scene.state.cartItems.length + added.length
  if (count > maxLines) return refuse(scene, 'CartLimitExceeded', `the cart would hold ${count} lines, at most ${maxLines} are allowed`)
  if (units > maxUnits) return refuse(scene, 'CartLimitExceeded', `the cart would hold ${units} units, at most ${maxUnits} are allowed`)
  return checkTotal(scene, total)
}

/** Session-level costs that replace the scene's: their amounts and the total they would produce. */
export const checkNewCosts = (scene: Scene, costs: AdditionalCosts, precision: number, path: string): Refusal => {
  const { sums } = scene.state
  return checkCosts(scene, costs, precision, path) ?? checkTotal(scene, sums.cartItemTotal + sums.cartItemAdditionalCostTotal + costsOf(costs, precision))
}

/** At most 100 coupon codes, counted after repeats are dropped. */
export const checkCouponCount = (scene: Scene, codes: readonly string[] | undefined, path: string): Refusal => {
  if (codes === undefined || codes.length <= maxCouponCodes) return undefined
  const distinct = new Set(codes).size
  return distinct > maxCouponCodes ? refuse(scene, 'ValidationFailed', `${path}: ${distinct} distinct codes, at most ${maxCouponCodes} are allowed`, path) : undefined
}

/**
 * Adds up entries for the same line, in order of position: every entry of one command or event
 * addresses the cart as it was before it.
 */
export const mergeEntries = (entries: readonly PositionQuantity[]): PositionQuantity[] => {
  const byPosition = new Map<number, number>()
  for (const { position, quantity } of entries) byPosition.set(position, (byPosition.get(position) ?? 0) + quantity)
  return [...byPosition.entries()].sort((a, b) => a[0] - b[0]).map(([position, quantity]) => ({ position, quantity }))
}

/** Every entry names a line of the cart: checked before any quantity. */
export const checkPositions = (scene: Scene, entries: readonly PositionQuantity[], path: string): Refusal => {
  const lines = scene.state.cartItems.length
  for (let i = 0; i < entries.length; i++) {
    const { position } = entries[i]!
    if (position >= lines) {
      return refuse(scene, 'UnknownPosition', `${path}[${i}].position: no line at position ${position} (the cart has ${lines})`, `${path}[${i}].position`)
    }
  }
  return undefined
}

/** Removals name lines of the cart and take no more units than a line has, entries for one line added up. */
export const checkRemovals = (scene: Scene, entries: readonly PositionQuantity[], path: string): Refusal => {
  const positions = checkPositions(scene, entries, path)
  if (positions !== undefined) return positions
  for (const { position, quantity } of mergeEntries(entries)) {
    const line = scene.state.cartItems[position]!
    if (quantity > line.quantity) {
      const at = `${path}[${entries.findIndex((e) => e.position === position)}].quantity`
      return refuse(scene, 'ValidationFailed', `${at}: removing ${quantity} units from a line of ${line.quantity} (line ${position}, ${line.sku})`, at)
    }
  }
  return undefined
}

/** Returns name lines of the cart and take back no more units than remain, entries for one line added up. */
export const checkReturns = (scene: Scene, entries: readonly PositionQuantity[], path: string): Refusal => {
  const positions = checkPositions(scene, entries, path)
  if (positions !== undefined) return positions
  for (const { position, quantity } of mergeEntries(entries)) {
    const line = scene.state.cartItems[position]!
    const remaining = line.quantity - line.returnedQuantity
    if (quantity > remaining) {
      return refuse(scene, 'ReturnExceedsRemaining', `returning ${quantity} units of line ${position} (${line.sku}), ${remaining} remain`, path)
    }
  }
  return undefined
}

/** Keeps the first occurrence of each coupon code. */
export const uniqueCodes = (codes: readonly string[]): string[] => [...new Set(codes)]
