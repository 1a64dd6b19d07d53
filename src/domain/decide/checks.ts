import * as E from 'fp-ts/lib/Either.js'
import type { AdditionalCosts, CartItem } from '../cart-item.ts'
import { type SessionError, sessionError } from '../errors.ts'
import { toMinor } from '../money.ts'
import { maxLines, maxUnits } from '../session-details.ts'
import { type Line, totalsOf } from '../totals.ts'

type Check = E.Either<SessionError, void>
const ok: Check = E.right(undefined)

/** Every amount of a cost map at the currency's precision. */
export const checkCosts = (costs: AdditionalCosts | undefined, precision: number, path: string): Check => {
  if (costs === undefined) return ok
  for (const name in costs) {
    const r = toMinor(costs[name]!.price, precision, `${path}.${name}.price`)
    if (E.isLeft(r)) return r
  }
  return ok
}

/** Every price and item-level cost of some lines at the currency's precision. */
const checkLines = (lines: readonly CartItem[], precision: number, path: string): Check => {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const price = toMinor(line.price, precision, `${path}[${i}].price`)
    if (E.isLeft(price)) return price
    const costs = checkCosts(line.additionalCosts, precision, `${path}[${i}].additionalCosts`)
    if (E.isLeft(costs)) return costs
  }
  return ok
}


/** The cart limits, over the lines a cart has and those a change adds: 1000 lines, 10,000 units. */
const checkCartLimits = (lines: readonly { quantity: number }[], added: readonly { quantity: number }[] = []): Check => {
  const count = lines.length + added.length
  if (count > maxLines) {
    return E.left(sessionError('CartLimitExceeded', `the cart would hold ${count} lines, at most ${maxLines} are allowed`))
  }
  let units = 0
  for (const line of lines) units += line.quantity
  for (const line of added) units += line.quantity
  if (units > maxUnits) {
    return E.left(sessionError('CartLimitExceeded', `the cart would hold ${units} units, at most ${maxUnits} are allowed`))
  }
  return ok
}

/** The totals a change would produce stay within the safe-integer range of minor units. */
const checkTotals = (lines: readonly Line[], added: readonly Line[], costs: AdditionalCosts, precision: number): Check => {
  const total = totalsOf(lines, costs, precision).total + totalsOf(added, {}, precision).total
  return Number.isSafeInteger(total)
    ? ok
    : E.left(sessionError('AmountOutOfRange', 'the session total would leave the safe range of minor units', { path: 'total' }))
}

/** Lines added to a cart: their amounts, the cart limits, and the totals they would produce. */
export const checkAddedLines = (
  lines: readonly Line[],
  added: readonly CartItem[],
  costs: AdditionalCosts,
  precision: number,
  path: string,
): Check => {
  const amounts = checkLines(added, precision, path)
  if (E.isLeft(amounts)) return amounts
  const limits = checkCartLimits(lines, added)
  return E.isLeft(limits) ? limits : checkTotals(lines, added, costs, precision)
}

/** Session-level costs that replace a cart's: their amounts and the totals they would produce. */
export const checkNewCosts = (lines: readonly Line[], costs: AdditionalCosts, precision: number, path: string): Check => {
  const amounts = checkCosts(costs, precision, path)
  return E.isLeft(amounts) ? amounts : checkTotals(lines, [], costs, precision)
}

/** Keeps the first occurrence of each coupon code. */
export const uniqueCodes = (codes: readonly string[]): string[] => [...new Set(codes)]
