import type { CartItem, PositionQuantity } from '../domain/cart-item.ts'
import type { CommandOf, ReturnEntry } from '../domain/commands.ts'
import type { DecideContext } from '../domain/decide/context.ts'
import { decodePolicy, type Conditions, type DiscountPolicy, type Rule, type Target } from '../domain/discounts.ts'
import type { Effect, RollBack } from '../domain/effects.ts'
import type { EventOf } from '../domain/events.ts'

// Builders of the messages a test states its case in: each fills in what the case does not care
// about, with values the decider accepts, and takes what it does care about as overrides.

/**
 * The business time every spec decides at, and every event builder writes, unless told otherwise.
 * @since 0.1.0
 * @category testing
 */
export const now = '2026-11-22T10:00:00.000Z'

/**
 * The context `given` decides in by default: the time `now`, session `s-1`.
 * @since 0.1.0
 * @category testing
 */
export const defaultContext: DecideContext = { now, integrationId: 's-1' }

/**
 * A cart line: one unit of `SKU-1` at 10.00 unless overridden.
 * @since 0.1.0
 * @category testing
 */
export const cartItem = (overrides: Partial<CartItem> = {}): CartItem => ({ sku: 'SKU-1', quantity: 1, price: 10, ...overrides })

// Commands

/** `CreateSession` of session `integrationId` (`s-1`) in application 1. @since 0.1.0 @category testing */
export const createSession = (
  integrationId = 's-1',
  data: Partial<CommandOf<'CreateSession'>['data']> = {},
): CommandOf<'CreateSession'> => ({ type: 'CreateSession', data: { integrationId, applicationId: 1, ...data } })

/** @since 0.1.0 @category testing */
export const addItems = (...cartItems: CartItem[]): CommandOf<'AddItems'> => ({ type: 'AddItems', data: { cartItems } })

/** @since 0.1.0 @category testing */
export const removeItems = (...items: PositionQuantity[]): CommandOf<'RemoveItems'> => ({ type: 'RemoveItems', data: { items } })

/** @since 0.1.0 @category testing */
export const updateSession = (details: CommandOf<'UpdateSession'>['data']): CommandOf<'UpdateSession'> => ({
  type: 'UpdateSession',
  data: details,
})

/** @since 0.1.0 @category testing */
export const closeSession = (): CommandOf<'CloseSession'> => ({ type: 'CloseSession', data: {} })

/** @since 0.1.0 @category testing */
export const reopenSession = (): CommandOf<'ReopenSession'> => ({ type: 'ReopenSession', data: {} })

/** `ReturnItems`, with a `returnId` when one is given. @since 0.1.0 @category testing */
export const returnItems = (items: ReturnEntry[], returnId?: string): CommandOf<'ReturnItems'> => ({
  type: 'ReturnItems',
  data: returnId === undefined ? { items } : { items, returnId },
})

/** @since 0.1.0 @category testing */
export const cancelSession = (): CommandOf<'CancelSession'> => ({ type: 'CancelSession', data: {} })

// Events, for the history a spec is given

/**
 * `Created` of session `s-1` (application 1, profile `p-1`, USD) at `now`, with overrides.
 * @since 0.1.0
 * @category testing
 */
export const created = (overrides: Partial<EventOf<'Created'>['data']> = {}): EventOf<'Created'> => ({
  type: 'Created',
  data: {
    at: now,
    integrationId: 's-1',
    applicationId: 1,
    profileId: 'p-1',
    currency: 'USD',
    couponCodes: [],
    loyaltyCards: [],
    identifiers: [],
    attributes: {},
    additionalCosts: {},
    firstSession: false,
    ...overrides,
  },
})

/** @since 0.1.0 @category testing */
export const itemsAdded = (cartItems: CartItem[], at = now): EventOf<'ItemsAdded'> => ({ type: 'ItemsAdded', data: { at, cartItems } })

/** @since 0.1.0 @category testing */
export const itemsRemoved = (items: PositionQuantity[], at = now): EventOf<'ItemsRemoved'> => ({
  type: 'ItemsRemoved',
  data: { at, items },
})

/** `Updated` with the changed details. @since 0.1.0 @category testing */
export const updated = (details: Omit<EventOf<'Updated'>['data'], 'at'>, at = now): EventOf<'Updated'> => ({
  type: 'Updated',
  data: { at, ...details },
})

/** @since 0.1.0 @category testing */
export const closed = (effects: Effect[] = [], at = now): EventOf<'Closed'> => ({ type: 'Closed', data: { at, effects } })

/** @since 0.1.0 @category testing */
export const reopened = (rolledBack: RollBack[] = [], at = now): EventOf<'Reopened'> => ({ type: 'Reopened', data: { at, rolledBack } })

/** `ItemsReturned` of return `return-1` unless another id is given. @since 0.1.0 @category testing */
export const itemsReturned = (
  items: PositionQuantity[],
  returnId = 'return-1',
  rolledBack: RollBack[] = [],
  at = now,
): EventOf<'ItemsReturned'> => ({ type: 'ItemsReturned', data: { at, returnId, items, rolledBack } })

/** @since 0.1.0 @category testing */
export const cancelled = (rolledBack: RollBack[] = [], at = now): EventOf<'Cancelled'> => ({ type: 'Cancelled', data: { at, rolledBack } })

// Discount policies

const cartItems: Target = { type: 'session', scope: 'cartItems' }

/**
 * A rule taking `percent` % off `target` (the session's cart items by default), when `when` holds.
 * @since 0.1.0
 * @category testing
 */
export const percentOff = (name: string, percent: number, target: Target = cartItems, when?: Conditions): Rule => ({
  name,
  target,
  percent,
  ...(when === undefined ? {} : { when }),
})

/**
 * A rule taking a fixed `amount` off `target` (the session's cart items by default).
 * @since 0.1.0
 * @category testing
 */
export const amountOff = (name: string, amount: number, target: Target = cartItems, when?: Conditions): Rule => ({
  name,
  target,
  amount,
  ...(when === undefined ? {} : { when }),
})

/**
 * A discount policy of these rules, in order, checked by the policy codec: a policy the codec
 * refuses is a mistake in the test, and throws a `TypeError` naming the field.
 * @since 0.1.0
 * @category testing
 */
export const policy = (...rules: Rule[]): DiscountPolicy => {
  const decoded = decodePolicy({ rules })
  if (decoded._tag === 'Left') throw new TypeError(decoded.left.message)
  return decoded.right
}
