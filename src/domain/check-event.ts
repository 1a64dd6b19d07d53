import * as E from 'fp-ts/lib/Either.js'
import type { AdditionalCosts, PositionQuantity } from './cart-item.ts'
import { hasOwn } from './codecs/core.ts'
import { checkAddedLines, checkCosts, checkNewCosts } from './decide/checks.ts'
import { describeThrown } from './describe-thrown.ts'
import type { Effect, RollBack } from './effects.ts'
import { type SessionError, type SessionErrorCode, sessionError } from './errors.ts'
import type { EventOf, SessionEvent } from './events.ts'
import { fromMinor, isCurrency, precisionOf, show, toMinor } from './money.ts'
import { remainingByEffect } from './rollbacks.ts'
import { maxCouponCodes } from './session-details.ts'
import type { SessionState } from './state.ts'
import { refusalOf } from './transitions.ts'

type Check = E.Either<SessionError, void>
const ok: Check = E.right(undefined)

const refuse = (state: SessionState, type: string, code: SessionErrorCode, reason: string, path?: string): Check => {
  const where = state.state === 'none' ? 'no session' : state.state
  const sessionId = state.state === 'none' ? undefined : state.integrationId
  const who = sessionId === undefined ? 'the stream' : `session ${JSON.stringify(sessionId)}`
  return E.left(
    sessionError(code, `${who} (${where}) refuses ${type}: ${reason}`, {
      ...(sessionId === undefined ? {} : { sessionId }),
      state: state.state,
      action: type,
      ...(path === undefined ? {} : { path }),
    }),
  )
}

/** Re-addresses an error raised by a shared check to this session and event. */
const within = (state: SessionState, type: string, check: Check): Check =>
  E.isLeft(check) ? refuse(state, type, check.left.code, check.left.message, check.left.path) : ok

const distinctCount = (codes: readonly string[]): number => new Set(codes).size

const checkCouponCount = (state: SessionState, type: string, codes: readonly string[] | undefined): Check =>
  codes !== undefined && codes.length > maxCouponCodes && distinctCount(codes) > maxCouponCodes
    ? refuse(state, type, 'ValidationFailed', `${type}.couponCodes: ${distinctCount(codes)} distinct codes, at most ${maxCouponCodes} are allowed`, `${type}.couponCodes`)
    : ok

/** Entries of one event address the cart as it was before it; entries for one line add up. */
const sumByPosition = (items: readonly PositionQuantity[]): Map<number, number> => {
  const by = new Map<number, number>()
  for (const { position, quantity } of items) by.set(position, (by.get(position) ?? 0) + quantity)
  return by
}

const checkPositions = (state: SessionState, type: string, items: readonly PositionQuantity[]): Check => {
  for (let i = 0; i < items.length; i++) {
    const { position } = items[i]!
    if (position >= state.cartItems.length) {
      return refuse(state, type, 'UnknownPosition', `${type}.items[${i}].position: no line at position ${position} (the cart has ${state.cartItems.length})`, `${type}.items[${i}].position`)
    }
  }
  return ok
}

/** Effects granted at close: amounts at the currency's precision, units that exist. */
/** A unit a recorded effect or share names exists in the cart. */
const checkUnit = (state: SessionState, path: string, position: number | undefined, subPosition: number | undefined): Check => {
  if (position === undefined) return ok
  const line = state.cartItems[position]
  if (line === undefined) {
    return refuse(state, 'Closed', 'UnknownPosition', `${path}.position: no line at position ${position} (the cart has ${state.cartItems.length})`, `${path}.position`)
  }
  if (subPosition !== undefined && subPosition >= line.quantity) {
    return refuse(state, 'Closed', 'UnknownPosition', `${path}.subPosition: line ${position} has ${line.quantity} units, no unit ${subPosition}`, `${path}.subPosition`)
  }
  return ok
}

/**
 * Effects granted at close: amounts at the currency's precision, units that exist, and shares that
 * name real cells and add up to their discount (roll-backs read the shares as recorded).
 */
const checkEffects = (state: SessionState, effects: readonly Effect[], precision: number): Check => {
  const ids = new Set<number>()
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!
    const path = `Closed.effects[${i}]`
    if (ids.has(effect.effectId)) return refuse(state, 'Closed', 'ValidationFailed', `${path}.effectId: ${effect.effectId} is used twice`, `${path}.effectId`)
    ids.add(effect.effectId)
    const value = toMinor(effect.value, precision, `${path}.value`)
    if (E.isLeft(value)) return within(state, 'Closed', value)
    if (effect.desiredValue !== undefined) {
      const desired = toMinor(effect.desiredValue, precision, `${path}.desiredValue`)
      if (E.isLeft(desired)) return within(state, 'Closed', desired)
    }
    const unit = checkUnit(state, path, effect.position, effect.subPosition)
    if (E.isLeft(unit)) return unit
    if (effect.shares === undefined) continue
    let sum = 0
    for (let j = 0; j < effect.shares.length; j++) {
      const share = effect.shares[j]!
      const sharePath = `${path}.shares[${j}]`
      const shareValue = toMinor(share.value, precision, `${sharePath}.value`)
      if (E.isLeft(shareValue)) return within(state, 'Closed', shareValue)
      sum += shareValue.right
      const shareUnit = checkUnit(state, sharePath, share.position, share.subPosition)
      if (E.isLeft(shareUnit)) return shareUnit
      if (share.additionalCost !== undefined && state.additionalCosts[share.additionalCost] === undefined) {
        return refuse(state, 'Closed', 'ValidationFailed', `${sharePath}.additionalCost: the session has no cost ${JSON.stringify(share.additionalCost)}`, `${sharePath}.additionalCost`)
      }
    }
    if (sum !== value.right) {
      return refuse(state, 'Closed', 'ValidationFailed', `${path}.shares: they add up to ${fromMinor(sum, precision)}, the discount is ${effect.value}`, `${path}.shares`)
    }
  }
  return ok
}

/** Roll-backs name granted effects and take back no more than is left of each. */
const checkRollBacks = (state: SessionState, type: string, rolledBack: readonly RollBack[], precision: number): Check => {
  if (rolledBack.length === 0) return ok
  const left = remainingByEffect(state)
  for (let i = 0; i < rolledBack.length; i++) {
    const back = rolledBack[i]!
    const path = `${type}.rolledBack[${i}]`
    const value = toMinor(back.value, precision, `${path}.value`)
    if (E.isLeft(value)) return within(state, type, value)
    const remaining = left.get(back.effectId)
    if (remaining === undefined) return refuse(state, type, 'ValidationFailed', `${path}.effectId: no effect ${back.effectId} was granted`, `${path}.effectId`)
    if (value.right > remaining) {
      return refuse(state, type, 'ValidationFailed', `${path}.value: rolls back ${back.value} of effect ${back.effectId}, which has ${fromMinor(remaining, precision)} left`, `${path}.value`)
    }
    left.set(back.effectId, remaining - value.right)
  }
  return ok
}

type Checker<K extends SessionEvent['type']> = (state: SessionState, data: EventOf<K>['data'], precision: number) => Check

const checkers: { [K in SessionEvent['type']]: Checker<K> } = {
  Created: (state, data) => {
    if (!isCurrency(data.currency)) {
      return refuse(state, 'Created', 'ValidationFailed', `Created.currency: ${JSON.stringify(data.currency)} is not an ISO 4217 currency`, 'Created.currency')
    }
    const precision = precisionOf(data.currency)
    const coupons = checkCouponCount(state, 'Created', data.couponCodes)
    if (E.isLeft(coupons)) return coupons
    return within(state, 'Created', checkCosts(data.additionalCosts, precision, 'Created.additionalCosts'))
  },
  ItemsAdded: (state, data, precision) => {
    return within(state, 'ItemsAdded', checkAddedLines(state.cartItems, data.cartItems, state.additionalCosts, precision, 'ItemsAdded.cartItems'))
  },
  ItemsRemoved: (state, data) => {
    const positions = checkPositions(state, 'ItemsRemoved', data.items)
    if (E.isLeft(positions)) return positions
    for (const [position, quantity] of sumByPosition(data.items)) {
      const line = state.cartItems[position]!
      if (quantity > line.quantity) {
        return refuse(state, 'ItemsRemoved', 'ValidationFailed', `ItemsRemoved.items: removing ${quantity} units from line ${position} (${line.sku}), which has ${line.quantity}`, 'ItemsRemoved.items')
      }
    }
    return ok
  },
  Updated: (state, data, precision) => {
    const coupons = checkCouponCount(state, 'Updated', data.couponCodes)
    if (E.isLeft(coupons)) return coupons
    if (data.additionalCosts === undefined) return ok
    const costs: AdditionalCosts = data.additionalCosts
    return within(state, 'Updated', checkNewCosts(state.cartItems, costs, precision, 'Updated.additionalCosts'))
  },
  Closed: (state, data, precision) => checkEffects(state, data.effects, precision),
  Reopened: (state, data, precision) => checkRollBacks(state, 'Reopened', data.rolledBack, precision),
  ItemsReturned: (state, data, precision) => {
    if (state.returns.some((r) => r.returnId === data.returnId)) {
      return refuse(state, 'ItemsReturned', 'ValidationFailed', `ItemsReturned.returnId: ${JSON.stringify(data.returnId)} was already used`, 'ItemsReturned.returnId')
    }
    const positions = checkPositions(state, 'ItemsReturned', data.items)
    if (E.isLeft(positions)) return positions
    for (const [position, quantity] of sumByPosition(data.items)) {
      const line = state.cartItems[position]!
      const remaining = line.quantity - line.returnedQuantity
      if (quantity > remaining) {
        return refuse(state, 'ItemsReturned', 'ReturnExceedsRemaining', `returning ${quantity} units of line ${position} (${line.sku}), ${remaining} remain`, 'ItemsReturned.items')
      }
    }
    return checkRollBacks(state, 'ItemsReturned', data.rolledBack, precision)
  },
  Cancelled: (state, data, precision) => checkRollBacks(state, 'Cancelled', data.rolledBack, precision),
}

/**
 * Whether an event may be applied to a state: the transition is allowed in the state (domain.md
 * section 3), the positions it names exist, removals and returns stay within quantities, the cart
 * limits hold, and amounts are at the currency's precision. Replay runs it before `evolve`, whose
 * recipes are total and would otherwise apply a refused event silently. Pure; never throws: what
 * is not a session event (null, an unknown `type`, data that cannot be read) is `ValidationFailed`.
 * @since 0.1.0
 * @category decider
 */
export const checkEvent = (state: SessionState, event: SessionEvent): E.Either<SessionError, void> => {
  try {
    const type: unknown = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined
    // Own keys only: `toString` is a property of every object, not an event type.
    if (typeof type !== 'string' || !hasOwn(checkers, type)) {
      const [path, reason] =
        typeof event === 'object' && event !== null
          ? ['type', `expected a session event type, got ${show(type)}`]
          : ['event', `expected an event { type, data }, got ${show(event)}`]
      return E.left(sessionError('ValidationFailed', `checkEvent refused: ${path}: ${reason}`, { path }))
    }
    const from = state.state
    const refusal = refusalOf(event.type, from)
    if (refusal !== undefined) return refuse(state, event.type, refusal.code, refusal.reason)
    const checker = checkers[event.type] as Checker<typeof event.type>
    return checker(state, event.data, from === 'none' ? 0 : precisionOf(state.currency))
  } catch (cause) {
    // Data of the wrong shape (the types were cast away) or a hostile value is refused, not thrown.
    return E.left(sessionError('ValidationFailed', `checkEvent refused: the event could not be checked: ${describeThrown(cause)}`))
  }
}
