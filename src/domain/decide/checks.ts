import * as E from 'fp-ts/lib/Either.js'
import type { AdditionalCosts, CartItem } from '../cart-item.ts'
import { type SessionError, sessionError } from '../errors.ts'
import { type Minor, toMinor } from '../money.ts'
import { maxLines, maxUnits } from '../session-details.ts'
import { costsOf, type Line, unitValueOf } from '../totals.ts'

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


/** The units of some lines and what their remaining units are worth, in one pass. */
const tally = (lines: readonly Line[], precision: number): { units: number; total: Minor } => {
  let units = 0
  let total = 0
  for (const line of lines) {
    units += line.quantity
    total += unitValueOf(line, precision) * (line.quantity - (line.returnedQuantity ?? 0))
  }
  return { units, total }
}

/** A session total stays within the safe-integer range of minor units (sums past it stay past it). */
const checkTotal = (total: Minor): Check =>
  Number.isSafeInteger(total)
    ? ok
    : E.left(sessionError('AmountOutOfRange', 'the session total would leave the safe range of minor units', { path: 'total' }))

/**
 * Lines added to a cart: their amounts, the cart limits (1000 lines, 10,000 units) over the lines
 * it has and those added, and the total they would produce.
 */
export const checkAddedLines = (
  lines: readonly Line[],
  added: readonly CartItem[],
  costs: AdditionalCosts,
  precision: number,
  path: string,
): Check => {
  const amounts = checkLines(added, precision, path)
  if (E.isLeft(amounts)) return amounts
  const count = lines.length + added.length
  if (count > maxLines) {
    return E.left(sessionError('CartLimitExceeded', `the cart would hold ${count} lines, at most ${maxLines} are allowed`))
  }
  const before = tally(lines, precision)
  const more = tally(added, precision)
  const units = before.units + more.units
  if (units > maxUnits) {
    return E.left(sessionError('CartLimitExceeded', `the cart would hold ${units} units, at most ${maxUnits} are allowed`))
  }
  return checkTotal(before.total + more.total + costsOf(costs, precision))
}

/** Session-level costs that replace a cart's: their amounts and the total they would produce. */
export const checkNewCosts = (lines: readonly Line[], costs: AdditionalCosts, precision: number, path: string): Check => {
  const amounts = checkCosts(costs, precision, path)
  return E.isLeft(amounts) ? amounts : checkTotal(tally(lines, precision).total + costsOf(costs, precision))
}

/** Keeps the first occurrence of each coupon code. */
export const uniqueCodes = (codes: readonly string[]): string[] => [...new Set(codes)]
