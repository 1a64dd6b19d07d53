import type { AdditionalCosts, CartItem, PositionQuantity } from './cart-item.ts'
import type { JsonObject } from './codec-kit.ts'
import type { Effect, RollBack } from './effects.ts'
import type { Minor } from './money.ts'

/** The states of a session. @since 0.1.0 @category model */
export type SessionStatus = 'open' | 'closed' | 'partially_returned' | 'cancelled'

/** A cart line as the state holds it: the line as sent, plus the units returned so far. */
export type SessionLine = CartItem & { returnedQuantity: number }

/** A return as recorded by `ItemsReturned`. @since 0.1.0 @category model */
export interface SessionReturn {
  returnId: string
  at: string
  items: PositionQuantity[]
  rolledBack: RollBack[]
}

/**
 * What the cart limits and the totals need, kept by the fold as lines come and go so that deciding
 * or folding a command costs what it changes, not the size of the cart. Minor units at the
 * session's currency precision; the property tests check them against a recount of the lines.
 * @since 0.1.0
 * @category model
 */
export interface CartSums {
  /** units over every line, returned ones included (the 10,000-unit limit counts them) */
  readonly units: number
  /** price x remaining units, over every line */
  readonly cartItemTotal: Minor
  /** item-level costs x remaining units, over every line */
  readonly cartItemAdditionalCostTotal: Minor
  /** the session-level costs */
  readonly additionalCostTotal: Minor
}

/**
 * The state a session's events fold into. `state` is `'none'` until `Created`.
 * @since 0.1.0
 * @category model
 */
export interface SessionState {
  state: SessionStatus | 'none'
  /** the internal id carried by `Created`; 0 when it carried none */
  id: number
  integrationId: string
  applicationId: number
  profileId: string
  storeIntegrationId?: string
  currency: string
  couponCodes: string[]
  referralCode?: string
  loyaltyCards: string[]
  identifiers: string[]
  attributes: JsonObject
  additionalCosts: AdditionalCosts
  firstSession: boolean
  cartItems: SessionLine[]
  /** the cart's sums, kept as lines come and go */
  sums: CartSums
  /** the effects granted at the latest close */
  effects: Effect[]
  /** everything rolled back of those effects since */
  rolledBack: RollBack[]
  returns: SessionReturn[]
  created: string
  updated: string
  updateCount: number
}

/**
 * The state before any event, frozen: its empty values are shared by the states folded from it
 * (`fold` copies a list before it adds to it).
 * @since 0.1.0
 * @category decider
 */
export const initialState: SessionState = Object.freeze({
  state: 'none',
  id: 0,
  integrationId: '',
  applicationId: 0,
  profileId: '',
  currency: '',
  couponCodes: Object.freeze([]) as unknown as string[],
  loyaltyCards: Object.freeze([]) as unknown as string[],
  identifiers: Object.freeze([]) as unknown as string[],
  attributes: Object.freeze({}),
  additionalCosts: Object.freeze({}),
  firstSession: false,
  cartItems: Object.freeze([]) as unknown as SessionLine[],
  sums: Object.freeze({ units: 0, cartItemTotal: 0, cartItemAdditionalCostTotal: 0, additionalCostTotal: 0 }),
  effects: Object.freeze([]) as unknown as Effect[],
  rolledBack: Object.freeze([]) as unknown as RollBack[],
  returns: Object.freeze([]) as unknown as SessionReturn[],
  created: '',
  updated: '',
  updateCount: 0,
})

/**
 * Whether the session counts as its profile's first: as recorded at creation, and always while it
 * is anonymous (domain.md section 1). The projection and the discount conditions both ask this.
 * @since 0.1.0
 * @category model
 */
export const isFirstSession = (state: SessionState): boolean => state.firstSession || state.profileId === ''

/**
 * A cancelled session accepts nothing more.
 * @since 0.1.0
 * @category decider
 */
export const isTerminal = (state: SessionState): boolean => state.state === 'cancelled'
