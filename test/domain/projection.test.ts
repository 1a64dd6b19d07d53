import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fold, isTerminal, project, type SessionEvent } from '../../src/index.ts'
import {
  cancelled as cancelledEvent,
  closed as closedEvent,
  created,
  itemsAdded,
  itemsReturned as returned,
  now,
} from '../../src/testing/index.ts'

const closed = closedEvent()
const cancelled = cancelledEvent()

const history: SessionEvent[] = [
  created({ id: 3, additionalCosts: { shipping: { price: 7.99 } } }),
  itemsAdded([
    { sku: 'A', quantity: 1, price: 60 },
    { sku: 'B', quantity: 3, price: 19.99, additionalCosts: { wrap: { price: 0.5 }, card: { price: 0.25 } } },
  ]),
  { type: 'ItemsRemoved', data: { at: '2026-11-22T10:05:00.000Z', items: [{ position: 1, quantity: 1 }] } },
  closed,
  returned([{ position: 1, quantity: 1 }]),
]

test('the four totals count remaining units; session-level costs stay after a return', () => {
  const p = project(fold(history))
  assert.is(p.cartItemTotal, 79.99)
  assert.is(p.cartItemAdditionalCostTotal, 0.75)
  assert.is(p.additionalCostTotal, 7.99)
  assert.is(p.total, 88.73)
  assert.is(p.state, 'partially_returned')
})

test('lines carry position, returned and remaining quantities', () => {
  const p = project(fold(history))
  assert.equal(
    p.cartItems.map(({ sku, position, quantity, returnedQuantity, remainingQuantity }) => ({ sku, position, quantity, returnedQuantity, remainingQuantity })),
    [
      { sku: 'A', position: 0, quantity: 1, returnedQuantity: 0, remainingQuantity: 1 },
      { sku: 'B', position: 1, quantity: 2, returnedQuantity: 1, remainingQuantity: 1 },
    ],
  )
})

test('a return is valued at its units prices plus their item-level costs', () => {
  const p = project(fold(history))
  assert.equal(p.returns, [
    { returnId: 'return-1', at: now, items: [{ position: 1, quantity: 1 }], value: 20.74, rolledBackDiscounts: 0, refund: 20.74 },
  ])
})

test('created, updated and updateCount follow the events; the id is the one Created carries', () => {
  const p = project(fold(history))
  assert.is(p.created, now)
  assert.is(p.updated, now)
  assert.is(p.updateCount, 5)
  assert.is(p.id, 3)
  assert.is(project(fold([created()])).id, 0)
})

test('removing the last unit of a line removes it and later lines move up', () => {
  const state = fold([
    created(),
    itemsAdded([{ sku: 'A', quantity: 1, price: 1 }, { sku: 'B', quantity: 1, price: 2 }, { sku: 'C', quantity: 1, price: 3 }]),
    { type: 'ItemsRemoved', data: { at: now, items: [{ position: 0, quantity: 1 }, { position: 1, quantity: 1 }] } },
  ])
  assert.equal(project(state).cartItems.map((l) => [l.sku, l.position]), [['C', 0]])
})

test('updates clear and replace whole values', () => {
  const state = fold([
    created({ referralCode: 'R', storeIntegrationId: 'st', attributes: { a: 1 } }),
    { type: 'Updated', data: { at: now, referralCode: '', storeIntegrationId: '', attributes: { b: 2 }, profileId: '' } },
  ])
  const p = project(state)
  assert.is(p.referralCode, undefined)
  assert.is(p.storeIntegrationId, undefined)
  assert.equal(p.attributes, { b: 2 })
  assert.is(p.profileId, '')
})

test('money stays exact: 0.10 added a thousand times totals 100.00', () => {
  const lines = Array.from({ length: 1000 }, () => ({ sku: 'x', quantity: 1, price: 0.1 }))
  assert.is(project(fold([created(), itemsAdded(lines)])).total, 100)
})

test('fold leaves its input untouched', () => {
  const before = fold([created()])
  const after = fold([itemsAdded([{ sku: 'A', quantity: 1, price: 1 }])], before)
  assert.is(before.cartItems.length, 0)
  assert.is(after.cartItems.length, 1)
  assert.ok(isTerminal(fold([cancelled], after)))
  assert.not.ok(isTerminal(after))
})

test('folding never changes the events, nor a state folded earlier', () => {
  const snapshot = JSON.stringify(history)
  const first = fold(history.slice(0, 3))
  const firstText = JSON.stringify(first)
  const second = fold(history.slice(3), first)
  assert.is(JSON.stringify(first), firstText)
  assert.is.not(second.cartItems, first.cartItems)
  assert.is(second.cartItems[0], first.cartItems[0], 'a line no event changed is shared')
  assert.is.not(second.cartItems[1], first.cartItems[1], 'a changed line is a new object')
  assert.is(JSON.stringify(history), snapshot)
  assert.not.ok(history.some((event) => Object.isFrozen(event.data)), 'the events are not frozen')
  const later = fold([{ type: 'Cancelled', data: { at: now, rolledBack: [] } }], second)
  assert.is(second.state, 'partially_returned')
  assert.is(later.state, 'cancelled')
})

test('a line keeps every field it was sent with', () => {
  const line = {
    sku: 'LAMP',
    quantity: 2,
    price: 30,
    name: 'Desk lamp',
    category: 'office',
    product: { name: 'Lamps' },
    weight: 1200,
    height: 400,
    width: 150,
    length: 150,
    attributes: { colour: 'green' },
    additionalCosts: { assembly: { price: 5 } },
  }
  const [projected] = project(fold([created(), itemsAdded([line])])).cartItems
  assert.equal(projected, { ...line, position: 0, returnedQuantity: 0, remainingQuantity: 2 })
})

test('an anonymous session is a first session, even when its profile was cleared later', () => {
  const named = fold([created({ profileId: 'alice', firstSession: false })])
  assert.is(project(named).firstSession, false)
  const cleared = fold([{ type: 'Updated', data: { at: now, profileId: '' } }], named)
  assert.is(project(cleared).firstSession, true)
  const back = fold([{ type: 'Updated', data: { at: now, profileId: 'alice' } }], cleared)
  assert.is(project(back).firstSession, false)
})

test.run()
