import * as E from 'fp-ts/lib/Either.js'
import { checkAddedLines, checkCosts, checkCouponCount, checkNewCosts, checkRemovals, checkReturns, type Refusal } from './cart-rules.ts'
import type { Effect, RollBack } from './effects.ts'
import type { SessionError } from './errors.ts'
import type { EventOf, SessionEvent } from './events.ts'
import { fromMinor, isCurrency, precisionOf, toMinor } from './money.ts'
import { refuse, type Scene, within } from './refusal.ts'
import { remainingByEffect } from './rollbacks.ts'
import type { SessionState } from './state.ts'
import { refusalOf } from './transitions.ts'

/** A unit a recorded effect or share names exists in the cart. */
const checkUnit = (scene: Scene, path: string, position: number | undefined, subPosition: number | undefined): Refusal => {
  if (position === undefined) return undefined
  const line = scene.state.cartItems[position]
  if (line === undefined) {
    return refuse(scene, 'UnknownPosition', `${path}.position: no line at position ${position} (the cart has ${scene.state.cartItems.length})`, `${path}.position`)
  }
  if (subPosition !== undefined && subPosition >= line.quantity) {
    return refuse(scene, 'UnknownPosition', `${path}.subPosition: line ${position} has ${line.quantity} units, no unit ${subPosition}`, `${path}.subPosition`)
  }
  return undefined
}

/**
 * Effects granted at close: amounts at the currency's precision, units that exist, and shares that
 * name real cells and add up to their discount (roll-backs read the shares as recorded).
 */
const checkEffects = (scene: Scene, effects: readonly Effect[], precision: number): Refusal => {
  const { state } = scene
  const ids = new Set<number>()
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!
    const path = `Closed.effects[${i}]`
    if (ids.has(effect.effectId)) return refuse(scene, 'ValidationFailed', `${path}.effectId: ${effect.effectId} is used twice`, `${path}.effectId`)
    ids.add(effect.effectId)
    const value = toMinor(effect.value, precision, `${path}.value`)
    if (E.isLeft(value)) return within(scene, value.left)
    if (effect.desiredValue !== undefined) {
      const desired = toMinor(effect.desiredValue, precision, `${path}.desiredValue`)
      if (E.isLeft(desired)) return within(scene, desired.left)
    }
    const unit = checkUnit(scene, path, effect.position, effect.subPosition)
    if (unit !== undefined) return unit
    if (effect.shares === undefined) continue
    let sum = 0
    for (let j = 0; j < effect.shares.length; j++) {
      const share = effect.shares[j]!
      const sharePath = `${path}.shares[${j}]`
      const shareValue = toMinor(share.value, precision, `${sharePath}.value`)
      if (E.isLeft(shareValue)) return within(scene, shareValue.left)
      sum += shareValue.right
      const shareUnit = checkUnit(scene, sharePath, share.position, share.subPosition)
      if (shareUnit !== undefined) return shareUnit
      if (share.additionalCost !== undefined && state.additionalCosts[share.additionalCost] === undefined) {
        return refuse(scene, 'ValidationFailed', `${sharePath}.additionalCost: the session has no cost ${JSON.stringify(share.additionalCost)}`, `${sharePath}.additionalCost`)
      }
    }
    if (sum !== value.right) {
      return refuse(scene, 'ValidationFailed', `${path}.shares: they add up to ${fromMinor(sum, precision)}, the discount is ${effect.value}`, `${path}.shares`)
    }
  }
  return undefined
}

/** Roll-backs name granted effects and take back no more than is left of each. */
const checkRollBacks = (scene: Scene, rolledBack: readonly RollBack[], precision: number): Refusal => {
  if (rolledBack.length === 0) return undefined
  const type = scene.action
  const left = remainingByEffect(scene.state)
  for (let i = 0; i < rolledBack.length; i++) {
    const back = rolledBack[i]!
    const path = `${type}.rolledBack[${i}]`
    const value = toMinor(back.value, precision, `${path}.value`)
    if (E.isLeft(value)) return within(scene, value.left)
    const remaining = left.get(back.effectId)
    if (remaining === undefined) return refuse(scene, 'ValidationFailed', `${path}.effectId: no effect ${back.effectId} was granted`, `${path}.effectId`)
    if (value.right > remaining) {
      return refuse(scene, 'ValidationFailed', `${path}.value: rolls back ${back.value} of effect ${back.effectId}, which has ${fromMinor(remaining, precision)} left`, `${path}.value`)
    }
    left.set(back.effectId, remaining - value.right)
  }
  return undefined
}

type Checker<K extends SessionEvent['type']> = (scene: Scene, data: EventOf<K>['data'], precision: number) => Refusal

const checkers: { [K in SessionEvent['type']]: Checker<K> } = {
  Created: (scene, data) => {
    if (!isCurrency(data.currency)) {
      return refuse(scene, 'ValidationFailed', `Created.currency: ${JSON.stringify(data.currency)} is not an ISO 4217 currency`, 'Created.currency')
    }
    return (
      checkCouponCount(scene, data.couponCodes, 'Created.couponCodes') ??
      checkCosts(scene, data.additionalCosts, precisionOf(data.currency), 'Created.additionalCosts')
    )
  },
  ItemsAdded: (scene, data, precision) => checkAddedLines(scene, data.cartItems, precision, 'ItemsAdded.cartItems'),
  ItemsRemoved: (scene, data) => checkRemovals(scene, data.items, 'ItemsRemoved.items'),
  Updated: (scene, data, precision) =>
    checkCouponCount(scene, data.couponCodes, 'Updated.couponCodes') ??
    (data.additionalCosts === undefined ? undefined : checkNewCosts(scene, data.additionalCosts, precision, 'Updated.additionalCosts')),
  Closed: (scene, data, precision) => checkEffects(scene, data.effects, precision),
  Reopened: (scene, data, precision) => checkRollBacks(scene, data.rolledBack, precision),
  ItemsReturned: (scene, data, precision) => {
    if (scene.state.returns.some((r) => r.returnId === data.returnId)) {
      return refuse(scene, 'ValidationFailed', `ItemsReturned.returnId: ${JSON.stringify(data.returnId)} was already used`, 'ItemsReturned.returnId')
    }
    return checkReturns(scene, data.items, 'ItemsReturned.items') ?? checkRollBacks(scene, data.rolledBack, precision)
  },
  Cancelled: (scene, data, precision) => checkRollBacks(scene, data.rolledBack, precision),
}

const checked: E.Either<SessionError, void> = E.right(undefined)

/**
 * Whether an event may be applied to a state: the transition is allowed in the state (domain.md
 * section 3), the positions it names exist, removals and returns stay within quantities, the cart
 * limits hold, and amounts are at the currency's precision. Replay runs it before `evolve`, whose
 * recipes are total and would otherwise apply a refused event silently. Pure; the event is a
 * decoded `SessionEvent` (replay decodes each line first).
 * @since 0.1.0
 * @category decider
 */
export const checkEvent = (state: SessionState, event: SessionEvent): E.Either<SessionError, void> => {
  const scene: Scene = { state, action: event.type }
  const refusal = refusalOf(event.type, state.state)
  if (refusal !== undefined) return refuse(scene, refusal.code, refusal.reason)
  const checker = checkers[event.type] as Checker<typeof event.type>
  return checker(scene, event.data, state.state === 'none' ? 0 : precisionOf(state.currency)) ?? checked
}
