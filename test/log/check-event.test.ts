import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { checkEvent, fold, type SessionEvent, type SessionState } from '../../src/index.ts'

const at = '2026-03-01T10:00:00.000Z'
const createdEvent = (extra: object = {}): SessionEvent => ({
  type: 'Created',
  data: { at, integrationId: 's', applicationId: 1, profileId: '', currency: 'EUR', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true, ...extra },
})
const added: SessionEvent = { type: 'ItemsAdded', data: { at, cartItems: [{ sku: 'A', quantity: 2, price: 10 }] } }
const effect = { effectId: 1, ruleName: 'r', type: 'setDiscountPerItem' as const, value: 1, position: 0, subPosition: 1 }
const closed: SessionEvent = { type: 'Closed', data: { at, effects: [effect] } }
const state = (...events: SessionEvent[]): SessionState => fold([createdEvent(), ...events])
const code = (s: SessionState, e: SessionEvent) => {
  const r = checkEvent(s, e)
  return E.isLeft(r) ? r.left.code : 'ok'
}

test('allowed events pass', () => {
  assert.is(code(fold([]), createdEvent()), 'ok')
  assert.is(code(state(), added), 'ok')
  assert.is(code(state(added), closed), 'ok')
  assert.is(code(state(added, closed), { type: 'Reopened', data: { at, rolledBack: [{ effectId: 1, value: 1 }] } }), 'ok')
  assert.is(code(state(added, closed), { type: 'ItemsReturned', data: { at, returnId: 'r', items: [{ position: 0, quantity: 1 }], rolledBack: [{ effectId: 1, value: 1 }] } }), 'ok')
  assert.is(code(state(added), { type: 'Updated', data: { at, additionalCosts: { shipping: { price: 4.9 } }, couponCodes: ['A'] } }), 'ok')
})

test('created: unknown currency, too many coupons, costs beyond precision', () => {
  assert.is(code(fold([]), createdEvent({ currency: 'XXY' })), 'ValidationFailed')
  assert.is(code(fold([]), createdEvent({ couponCodes: Array.from({ length: 101 }, (_, i) => `C${i}`) })), 'ValidationFailed')
  assert.is(code(fold([]), createdEvent({ couponCodes: Array.from({ length: 150 }, () => 'SAME') })), 'ok')
  assert.is(code(fold([]), createdEvent({ additionalCosts: { shipping: { price: 1.001 } } })), 'ValidationFailed')
})

test('cart limits and amounts', () => {
  const many: SessionEvent = { type: 'ItemsAdded', data: { at, cartItems: Array.from({ length: 1001 }, () => ({ sku: 'A', quantity: 1, price: 1 })) } }
  assert.is(code(state(), many), 'CartLimitExceeded')
  assert.is(code(state(), { type: 'ItemsAdded', data: { at, cartItems: [{ sku: 'A', quantity: 10_001, price: 1 }] } }), 'CartLimitExceeded')
  assert.is(code(state(), { type: 'ItemsAdded', data: { at, cartItems: [{ sku: 'A', quantity: 1, price: 2 ** 60 }] } }), 'AmountOutOfRange')
  assert.is(code(state(added), { type: 'Updated', data: { at, additionalCosts: { x: { price: 0.001 } } } }), 'ValidationFailed')
  assert.is(code(state(added), { type: 'Updated', data: { at, couponCodes: Array.from({ length: 101 }, (_, i) => `C${i}`) } }), 'ValidationFailed')
})

test('closed: effects must be at precision, unique, and address existing units', () => {
  const s = state(added)
  const closing = (e: object) => ({ type: 'Closed', data: { at, effects: [{ ...effect, ...e }] } }) as SessionEvent
  assert.is(code(s, closing({ value: 0.001 })), 'ValidationFailed')
  assert.is(code(s, closing({ position: 3 })), 'UnknownPosition')
  assert.is(code(s, closing({ subPosition: 2 })), 'UnknownPosition')
  assert.is(code(s, { type: 'Closed', data: { at, effects: [effect, effect] } }), 'ValidationFailed')
  assert.is(code(s, closing({ desiredValue: 1.005 })), 'ValidationFailed')
})

test('closed: shares are at precision, name real cells and add up to their discount', () => {
  const s = state(added)
  const unitPrice = (value: number, position = 0, subPosition = 0) => ({ cell: 'unitPrice', value, position, subPosition })
  const closing = (shares: object[], value = 2) =>
    ({ type: 'Closed', data: { at, effects: [{ effectId: 1, ruleName: 'tenOff', type: 'setDiscount', scope: 'cartItems', value, shares }] } }) as SessionEvent
  assert.is(code(s, closing([unitPrice(1), unitPrice(1, 0, 1)])), 'ok')
  assert.is(code(s, closing([unitPrice(1.5), unitPrice(0.5, 0, 1)])), 'ok')
  assert.is(code(s, closing([unitPrice(1.005), unitPrice(0.995, 0, 1)])), 'ValidationFailed')
  assert.is(code(s, closing([unitPrice(1, 7, 9), unitPrice(1, 0, 1)])), 'UnknownPosition')
  assert.is(code(s, closing([unitPrice(1), unitPrice(0.5, 0, 1)])), 'ValidationFailed')
  assert.is(code(s, closing([{ cell: 'sessionAdditionalCost', additionalCost: 'shipping', value: 2 }])), 'ValidationFailed')
})

test('roll-backs must name granted effects and not exceed what is left', () => {
  const s = state(added, closed)
  const cancel = (rolledBack: object[]) => ({ type: 'Cancelled', data: { at, rolledBack } }) as SessionEvent
  assert.is(code(s, cancel([{ effectId: 9, value: 1 }])), 'ValidationFailed')
  assert.is(code(s, cancel([{ effectId: 1, value: 0.6 }, { effectId: 1, value: 0.6 }])), 'ValidationFailed')
  assert.is(code(s, cancel([{ effectId: 1, value: 0.001 }])), 'ValidationFailed')
  assert.is(code(s, cancel([{ effectId: 1, value: 1 }])), 'ok')
})

test('returns: used return ids, unknown positions; transitions refused with the state named', () => {
  const s = state(added, closed, { type: 'ItemsReturned', data: { at, returnId: 'r', items: [{ position: 0, quantity: 1 }], rolledBack: [] } })
  const ret = (returnId: string, position: number): SessionEvent => ({ type: 'ItemsReturned', data: { at, returnId, items: [{ position, quantity: 1 }], rolledBack: [] } })
  assert.is(code(s, ret('r', 0)), 'ValidationFailed')
  assert.is(code(s, ret('r2', 5)), 'UnknownPosition')
  assert.is(code(s, ret('r2', 0)), 'ok')
  assert.is(code(s, { type: 'Reopened', data: { at, rolledBack: [] } }), 'InvalidTransition')
  const refused = checkEvent(s, added)
  assert.ok(E.isLeft(refused))
  assert.is(refused.left.message, 'session "s" (partially_returned) refuses ItemsAdded: allowed only when the session is open')
  assert.equal([refused.left.sessionId, refused.left.state, refused.left.action], ['s', 'partially_returned', 'ItemsAdded'])
})

test.run()
