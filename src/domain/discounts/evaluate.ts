import type { Effect } from '../effects.ts'
import { fromMinor, type Minor, minorOf, precisionOf, toMinor } from '../money.ts'
import type { SessionState } from '../state.ts'
import { totalsOf } from '../totals.ts'
import { cellsOf, sessionScopeCells, shareOf, unitScopeCells } from './cells.ts'
import { conditionsHold } from './conditions.ts'
import { type DiscountPolicy, percentDigits, type Rule } from './policy.ts'
import { percentOf } from './rounding.ts'
import { splitByLargestRemainder } from './shares.ts'

/** What one grant took: the value, what was asked, and the part taken from each cell. */
interface Grant {
  value: Minor
  desired: Minor
  parts: Minor[]
}

/**
 * The cascade: `left` holds what the rules so far left of each cell. A grant takes
 * `min(desired, base)` from the cells named, split in proportion to what was left of each by
 * largest remainder (so no cell goes below zero), or nothing at all when that is 0.
 */
const take = (left: Minor[], indexes: readonly number[], desiredOf: (base: Minor) => Minor): Grant | undefined => {
  const bases = indexes.map((i) => left[i]!)
  const base = bases.reduce((sum, b) => sum + b, 0)
  const desired = desiredOf(base)
  const value = Math.min(desired, base)
  if (value <= 0) return undefined
  const parts = splitByLargestRemainder(value, bases)
  indexes.forEach((cell, k) => (left[cell]! -= parts[k]!))
  return { value, desired, parts }
}

/**
 * The rule's amount as a function of its base, in minor units: a percentage rounds once with the
 * policy's rounding; a fixed amount is taken as is. A fixed amount with more fraction digits than
 * the currency allows does not apply (`undefined`): money is never rounded silently.
 */
const desireOf = (rule: Rule, precision: number, rounding: NonNullable<DiscountPolicy['rounding']>) => {
  if (rule.percent !== undefined) {
    const scaled = minorOf(rule.percent, percentDigits)
    return (base: Minor) => percentOf(base, scaled, rounding)
  }
  const fixed = toMinor(rule.amount, precision, 'amount')
  return fixed._tag === 'Right' ? () => fixed.right : undefined
}

/**
 * The effects a (validated) policy grants a session now, in rule order: `effectId` is the
 * effect's index. Pure: reads only the state and the policy.
 */
export const evaluate = (state: SessionState, policy: DiscountPolicy): Effect[] => {
  const precision = precisionOf(state.currency)
  const money = (minor: Minor) => fromMinor(minor, precision)
  const { cells, units, sessionCosts } = cellsOf(state, precision)
  const left = cells.map((cell) => cell.value)
  const effects: Effect[] = []
  const grantOf = (grant: Grant) => ({
    value: money(grant.value),
    ...(grant.desired > grant.value ? { desiredValue: money(grant.desired) } : {}),
  })
  // Before any discount: the unit prices' cells are what the cart's items cost.
  const { cartItemTotal } = totalsOf(state.cartItems, state.additionalCosts, precision)
  for (const rule of policy.rules) {
    if (!conditionsHold(rule.when, state, precision, cartItemTotal)) continue
    const desire = desireOf(rule, precision, policy.rounding ?? 'halfUp')
    if (desire === undefined) continue
    const { target } = rule
    const named = { ruleName: rule.name }
    if (target.type === 'session') {
      const indexes = sessionScopeCells(cells, target.scope)
      const grant = take(left, indexes, desire)
      if (grant === undefined) continue
      const shares = indexes.flatMap((cell, k) => (grant.parts[k]! > 0 ? [shareOf(cells[cell]!, money(grant.parts[k]!))] : []))
      effects.push({ effectId: effects.length, ...named, type: 'setDiscount', ...grantOf(grant), scope: target.scope, shares })
    } else if (target.type === 'item') {
      // Sets once per rule: a rule may list many SKUs, and a cart holds up to 10,000 units.
      const skus = target.skus === undefined ? undefined : new Set(target.skus)
      const categories = target.categories === undefined ? undefined : new Set(target.categories)
      for (const unit of units) {
        if (skus !== undefined && !skus.has(unit.sku)) continue
        if (categories !== undefined && (unit.category === undefined || !categories.has(unit.category))) continue
        const grant = take(left, unitScopeCells(unit, target.scope), desire)
        if (grant === undefined) continue
        effects.push({
          effectId: effects.length,
          ...named,
          type: 'setDiscountPerItem',
          ...grantOf(grant),
          scope: target.scope,
          position: unit.position,
          subPosition: unit.subPosition,
        })
      }
    } else {
      const cell = sessionCosts.get(target.name)
      if (cell === undefined) continue
      const grant = take(left, [cell], desire)
      if (grant === undefined) continue
      effects.push({ effectId: effects.length, ...named, type: 'setDiscountPerAdditionalCost', ...grantOf(grant), additionalCost: target.name })
    }
  }
  return effects
}
