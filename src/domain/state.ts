import type { AdditionalCosts, CartItem, PositionQuantity } from './cart-item.ts'
import type { JsonObject } from './codec-kit.ts'
import type { Effect, RollBack } from './effects.ts'

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
  /** the effects granted at the latest close */
  effects: Effect[]
  /** everything rolled back of those effects since */
  rolledBack: RollBack[]
  returns: SessionReturn[]
  created: string
  updated: string
  updateCount: number
}

// Empty values shared by every state: frozen, because recipes only ever replace them.
const empty = <T>(): T[] => Object.freeze([]) as unknown as T[]
const none = { codes: empty<string>(), effects: empty<Effect>(), rolledBack: empty<RollBack>(), object: Object.freeze({}) }

/** A state before any event, with the two lists recipes push to given by the caller. */
const blank = (cartItems: SessionLine[], returns: SessionReturn[]): SessionState => ({
  state: 'none',
  id: 0,
  integrationId: '',
  applicationId: 0,
  profileId: '',
  currency: '',
  couponCodes: none.codes,
  loyaltyCards: none.codes,
  identifiers: none.codes,
  attributes: none.object,
  additionalCosts: none.object,
  firstSession: false,
  cartItems,
  effects: none.effects,
  rolledBack: none.rolledBack,
  returns,
  created: '',
  updated: '',
  updateCount: 0,
})

/**
 * The state before any event: deeply frozen, so its empty values can be shared by every state.
 * @since 0.1.0
 * @category decider
 */
export const initialState: SessionState = Object.freeze(blank(empty(), empty()))

/**
 * A state nobody else holds, whose recipes may mutate it directly: the lists recipes push to
 * (`cartItems`, `returns`) are its own, the others the initial state's frozen empty values.
 */
export const ownedInitialState = (): SessionState => blank([], [])

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
