import { type Draft, produce } from 'immer'
import type { EventOf, SessionEvent } from './events.ts'
import { type CartItem, withOptionalFields } from './cart-item.ts'
import { initialState, ownedInitialState, type SessionLine, type SessionState } from './state.ts'

/** A cart line for the state: a new object, since the state changes its quantities. */
const lineOf = (item: CartItem): SessionLine =>
  withOptionalFields({ sku: item.sku, quantity: item.quantity, price: item.price, returnedQuantity: 0 }, item)

type Recipe<K extends SessionEvent['type']> = (draft: Draft<SessionState>, data: EventOf<K>['data']) => void

/**
 * One immer recipe per event. Recipes never mutate an object taken from an event: they assign
 * new objects or replace whole values, so a stored event can never change through the state.
 * They are total: an entry that addresses no line is skipped (deciding refuses such events,
 * and replay checks them before applying).
 */
const recipes: { [K in SessionEvent['type']]: Recipe<K> } = {
  Created: (draft, data) => {
    draft.state = 'open'
    draft.id = data.id ?? 0
    draft.integrationId = data.integrationId
    draft.applicationId = data.applicationId
    draft.profileId = data.profileId
    if (data.storeIntegrationId !== undefined) draft.storeIntegrationId = data.storeIntegrationId
    draft.currency = data.currency
    draft.couponCodes = data.couponCodes
    if (data.referralCode !== undefined) draft.referralCode = data.referralCode
    draft.loyaltyCards = data.loyaltyCards
    draft.identifiers = data.identifiers
    draft.attributes = data.attributes
    draft.additionalCosts = data.additionalCosts
    // As recorded at creation; isFirstSession adds domain.md's rule for anonymous sessions.
    draft.firstSession = data.firstSession
    draft.created = data.at
  },
  ItemsAdded: (draft, data) => {
    for (const item of data.cartItems) draft.cartItems.push(lineOf(item))
  },
  ItemsRemoved: (draft, data) => {
    let emptied = false
    for (const { position, quantity } of data.items) {
      const line = draft.cartItems[position]
      if (line === undefined) continue
      line.quantity = Math.max(0, line.quantity - quantity)
      emptied ||= line.quantity === 0
    }
    // Entries address the cart as it was before the command: drop emptied lines only at the end.
    if (emptied) draft.cartItems = draft.cartItems.filter((line) => line.quantity > 0)
  },
  Updated: (draft, data) => {
    if (data.profileId !== undefined) draft.profileId = data.profileId
    if (data.storeIntegrationId === '') delete draft.storeIntegrationId
    else if (data.storeIntegrationId !== undefined) draft.storeIntegrationId = data.storeIntegrationId
    if (data.referralCode === '') delete draft.referralCode
    else if (data.referralCode !== undefined) draft.referralCode = data.referralCode
    if (data.couponCodes !== undefined) draft.couponCodes = data.couponCodes
    if (data.loyaltyCards !== undefined) draft.loyaltyCards = data.loyaltyCards
    if (data.identifiers !== undefined) draft.identifiers = data.identifiers
    if (data.attributes !== undefined) draft.attributes = data.attributes
    if (data.additionalCosts !== undefined) draft.additionalCosts = data.additionalCosts
  },
  Closed: (draft, data) => {
    draft.state = 'closed'
    draft.effects = data.effects
    draft.rolledBack = initialState.rolledBack
  },
  Reopened: (draft) => {
    draft.state = 'open'
    draft.effects = initialState.effects
    draft.rolledBack = initialState.rolledBack
  },
  ItemsReturned: (draft, data) => {
    draft.state = 'partially_returned'
    for (const { position, quantity } of data.items) {
      const line = draft.cartItems[position]
      if (line !== undefined) line.returnedQuantity = Math.min(line.quantity, line.returnedQuantity + quantity)
    }
    draft.returns.push({ returnId: data.returnId, at: data.at, items: data.items, rolledBack: data.rolledBack })
    if (data.rolledBack.length > 0) draft.rolledBack = draft.rolledBack.concat(data.rolledBack)
  },
  Cancelled: (draft, data) => {
    draft.state = 'cancelled'
    if (data.rolledBack.length > 0) draft.rolledBack = draft.rolledBack.concat(data.rolledBack)
  },
}

/**
 * Applies one event to a draft: the recipe every fold shares.
 * @since 0.1.0
 * @category decider
 */
export const evolveDraft = (draft: Draft<SessionState>, event: SessionEvent): void => {
  // A switch keeps each call site monomorphic, where a look-up table's one call site is not; the
  // recipes stay small functions that the optimiser handles one by one.
  switch (event.type) {
    case 'Created':
      recipes.Created(draft, event.data)
      break
    case 'ItemsAdded':
      recipes.ItemsAdded(draft, event.data)
      break
    case 'ItemsRemoved':
      recipes.ItemsRemoved(draft, event.data)
      break
    case 'Updated':
      recipes.Updated(draft, event.data)
      break
    case 'Closed':
      recipes.Closed(draft, event.data)
      break
    case 'Reopened':
      recipes.Reopened(draft, event.data)
      break
    case 'ItemsReturned':
      recipes.ItemsReturned(draft, event.data)
      break
    case 'Cancelled':
      recipes.Cancelled(draft, event.data)
      break
    default:
      return
  }
  draft.updated = event.data.at
  draft.updateCount += 1
}

/**
 * Folds a whole batch of events within one immer draft (never one `produce` per event). From the
 * initial state, which nobody else can hold, the same recipes run directly on a state the fold
 * owns: a draft would only guard a value no caller has, at many times the cost. Either way the
 * input is never changed.
 * @since 0.1.0
 * @category decider
 */
export const fold = (events: Iterable<SessionEvent>, state: SessionState = initialState): SessionState => {
  if (state === initialState) {
    const owned = ownedInitialState()
    for (const event of events) evolveDraft(owned as Draft<SessionState>, event)
    return owned
  }
  return produce(state, (draft) => {
    for (const event of events) evolveDraft(draft, event)
  })
}

/**
 * `evolve(state, event)`: the decider's one-event step.
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: SessionState, event: SessionEvent): SessionState => fold([event], state)
