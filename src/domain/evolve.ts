import { type CartItem, withOptionalFields } from './cart-item.ts'
import type { EventOf, SessionEvent } from './events.ts'
import { minorOf, precisionOf } from './money.ts'
import { initialState, type SessionLine, type SessionState } from './state.ts'
import { costsOf } from './totals.ts'

/**
 * A fold in progress: `next` is a copy of the state made by this fold, its own to write. The
 * `cartItems` and `returns` arrays are the earlier state's until the first event that changes
 * them copies them; a line is never written, only replaced. The cart's sums are carried
 * here and written into `next` once, at the end.
 */
interface Fold {
  readonly next: SessionState
  precision: number
  ownsLines: boolean
  ownsReturns: boolean
  units: number
  cartItemTotal: number
  cartItemAdditionalCostTotal: number
  additionalCostTotal: number
}

/** A copy of a state's top level, field by field (a spread costs several times more). */
const copyOf = (s: SessionState): SessionState => {
  const next: SessionState = {
    state: s.state,
    id: s.id,
    integrationId: s.integrationId,
    applicationId: s.applicationId,
    profileId: s.profileId,
    currency: s.currency,
    couponCodes: s.couponCodes,
    loyaltyCards: s.loyaltyCards,
    identifiers: s.identifiers,
    attributes: s.attributes,
    additionalCosts: s.additionalCosts,
    firstSession: s.firstSession,
    cartItems: s.cartItems,
    sums: s.sums,
    effects: s.effects,
    rolledBack: s.rolledBack,
    returns: s.returns,
    created: s.created,
    updated: s.updated,
    updateCount: s.updateCount,
  }
  if (s.storeIntegrationId !== undefined) next.storeIntegrationId = s.storeIntegrationId
  if (s.referralCode !== undefined) next.referralCode = s.referralCode
  return next
}

const linesOf = (f: Fold): SessionLine[] => {
  if (!f.ownsLines) {
    f.next.cartItems = [...f.next.cartItems]
    f.ownsLines = true
  }
  return f.next.cartItems
}

/** A line as the state keeps it: a new object (the state replaces lines, never writes into one). */
const lineOf = (item: CartItem, quantity: number, returnedQuantity: number): SessionLine =>
  withOptionalFields({ sku: item.sku, quantity, price: item.price, returnedQuantity }, item)

/** Adds (`sign` 1) or takes away (-1) what a line counts for in the cart's sums. */
const count = (f: Fold, line: SessionLine, sign: 1 | -1): void => {
  const remaining = sign * (line.quantity - line.returnedQuantity)
  f.units += sign * line.quantity
  f.cartItemTotal += minorOf(line.price, f.precision) * remaining
  if (line.additionalCosts !== undefined) f.cartItemAdditionalCostTotal += costsOf(line.additionalCosts, f.precision) * remaining
}

const rolledBackWith = (s: SessionState, more: SessionState['rolledBack']): SessionState['rolledBack'] =>
  more.length === 0 ? s.rolledBack : [...s.rolledBack, ...more]

type Step<K extends SessionEvent['type']> = (f: Fold, s: SessionState, data: EventOf<K>['data']) => void

/**
 * One step per event, writing only into what the fold owns. Steps are total: an entry that
 * addresses no line is skipped (deciding refuses such events, and replay checks them first).
 */
const steps: { [K in SessionEvent['type']]: Step<K> } = {
  Created: (f, s, data) => {
    s.state = 'open'
    s.id = data.id ?? 0
    s.integrationId = data.integrationId
    s.applicationId = data.applicationId
    s.profileId = data.profileId
    if (data.storeIntegrationId !== undefined) s.storeIntegrationId = data.storeIntegrationId
    s.currency = data.currency
    f.precision = precisionOf(data.currency)
    s.couponCodes = data.couponCodes
    if (data.referralCode !== undefined) s.referralCode = data.referralCode
    s.loyaltyCards = data.loyaltyCards
    s.identifiers = data.identifiers
    s.attributes = data.attributes
    s.additionalCosts = data.additionalCosts
    f.additionalCostTotal = costsOf(s.additionalCosts, f.precision)
    // As recorded at creation; isFirstSession adds domain.md's rule for anonymous sessions.
    s.firstSession = data.firstSession
    s.created = data.at
  },
  ItemsAdded: (f, _s, data) => {
    const lines = linesOf(f)
    for (const item of data.cartItems) {
      const line = lineOf(item, item.quantity, 0)
      lines.push(line)
      count(f, line, 1)
    }
  },
  ItemsRemoved: (f, s, data) => {
    const lines = linesOf(f)
    let emptied = false
    for (const { position, quantity } of data.items) {
      const line = lines[position]
      // An emptied line counts for nothing already; it leaves the cart below.
      if (line === undefined || line.quantity === 0) continue
      count(f, line, -1)
      const left = Math.max(0, line.quantity - quantity)
      lines[position] = lineOf(line, left, line.returnedQuantity)
      if (left === 0) emptied = true
      else count(f, lines[position]!, 1)
    }
    // Entries address the cart as it was before the event: drop emptied lines only at the end.
    if (emptied) s.cartItems = lines.filter((line) => line.quantity > 0)
  },
  Updated: (f, s, data) => {
    if (data.profileId !== undefined) s.profileId = data.profileId
    if (data.storeIntegrationId === '') delete s.storeIntegrationId
    else if (data.storeIntegrationId !== undefined) s.storeIntegrationId = data.storeIntegrationId
    if (data.referralCode === '') delete s.referralCode
    else if (data.referralCode !== undefined) s.referralCode = data.referralCode
    if (data.couponCodes !== undefined) s.couponCodes = data.couponCodes
    if (data.loyaltyCards !== undefined) s.loyaltyCards = data.loyaltyCards
    if (data.identifiers !== undefined) s.identifiers = data.identifiers
    if (data.attributes !== undefined) s.attributes = data.attributes
    if (data.additionalCosts !== undefined) {
      s.additionalCosts = data.additionalCosts
      f.additionalCostTotal = costsOf(s.additionalCosts, f.precision)
    }
  },
  Closed: (_f, s, data) => {
    s.state = 'closed'
    s.effects = data.effects
    s.rolledBack = initialState.rolledBack
  },
  Reopened: (_f, s) => {
    s.state = 'open'
    s.effects = initialState.effects
    s.rolledBack = initialState.rolledBack
  },
  ItemsReturned: (f, s, data) => {
    s.state = 'partially_returned'
    const lines = linesOf(f)
    for (const { position, quantity } of data.items) {
      const line = lines[position]
      if (line === undefined) continue
      count(f, line, -1)
      lines[position] = lineOf(line, line.quantity, Math.min(line.quantity, line.returnedQuantity + quantity))
      count(f, lines[position]!, 1)
    }
    if (!f.ownsReturns) {
      s.returns = [...s.returns]
      f.ownsReturns = true
    }
    s.returns.push({ returnId: data.returnId, at: data.at, items: data.items, rolledBack: data.rolledBack })
    s.rolledBack = rolledBackWith(s, data.rolledBack)
  },
  Cancelled: (_f, s, data) => {
    s.state = 'cancelled'
    s.rolledBack = rolledBackWith(s, data.rolledBack)
  },
}

/** Applies one event to the fold's own copy. */
const step = (f: Fold, event: SessionEvent): void => {
  const s = f.next
  // A switch keeps each call site monomorphic, where a look-up table's one call site is not.
  switch (event.type) {
    case 'Created':
      steps.Created(f, s, event.data)
      break
    case 'ItemsAdded':
      steps.ItemsAdded(f, s, event.data)
      break
    case 'ItemsRemoved':
      steps.ItemsRemoved(f, s, event.data)
      break
    case 'Updated':
      steps.Updated(f, s, event.data)
      break
    case 'Closed':
      steps.Closed(f, s, event.data)
      break
    case 'Reopened':
      steps.Reopened(f, s, event.data)
      break
    case 'ItemsReturned':
      steps.ItemsReturned(f, s, event.data)
      break
    case 'Cancelled':
      steps.Cancelled(f, s, event.data)
      break
    default:
      return
  }
  s.updated = event.data.at
  s.updateCount += 1
}

const start = (state: SessionState): Fold => ({
  next: copyOf(state),
  precision: precisionOf(state.currency),
  ownsLines: false,
  ownsReturns: false,
  units: state.sums.units,
  cartItemTotal: state.sums.cartItemTotal,
  cartItemAdditionalCostTotal: state.sums.cartItemAdditionalCostTotal,
  additionalCostTotal: state.sums.additionalCostTotal,
})

const finish = (f: Fold, base: SessionState): SessionState => {
  const { next } = f
  const sums = base.sums
  if (f.units !== sums.units || f.cartItemTotal !== sums.cartItemTotal || f.cartItemAdditionalCostTotal !== sums.cartItemAdditionalCostTotal || f.additionalCostTotal !== sums.additionalCostTotal) {
    next.sums = { units: f.units, cartItemTotal: f.cartItemTotal, cartItemAdditionalCostTotal: f.cartItemAdditionalCostTotal, additionalCostTotal: f.additionalCostTotal }
  }
  return next
}

/**
 * Folds events into a state: the only way from events to a state. The rule: **a state is a value.
 * `fold` never writes into a state it was given or has returned, nor into an event**; it copies
 * what the events change (the top level, a list it adds to, a line it changes) and shares the
 * rest, with the state it started from and with the events, whose values it takes as they are.
 * So the events a state comes from must not change afterwards: `decide` makes fresh ones, the
 * stores freeze what they keep and the service folds its frozen copies. Nothing is frozen here:
 * freezing each new line cost the fold 2-3x (benchmarks/fold.bench.ts).
 *
 * Within one call the work is in place, on the fold's own copy: the top level is copied once, a
 * list on its first change; lines are replaced, never written into; the cart's sums are kept as
 * lines come and go. A batch costs what its events change, not the size of the cart.
 * @since 0.1.0
 * @category decider
 */
export const fold = (events: Iterable<SessionEvent>, state: SessionState = initialState): SessionState => {
  let f: Fold | undefined
  for (const event of events) step((f ??= start(state)), event)
  return f === undefined ? state : finish(f, state)
}

/**
 * `evolve(state, event)`: the decider's one-event step.
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: SessionState, event: SessionEvent): SessionState => fold([event], state)
