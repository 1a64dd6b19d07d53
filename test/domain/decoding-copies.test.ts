import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CartItemCodec, decide, fold, initialState, project, SessionCommandCodec, SessionEventCodec, type SessionEvent } from '../../src/index.ts'
import { policyOf } from '../discounts/support.ts'
import { now } from '../../src/testing/index.ts'

const test = suite('decoding copies: no decoded value shares an object with its input')

const goldHalfOff = policyOf({
  rules: [{ name: 'gold', target: { type: 'session', scope: 'cartItems' }, when: { attributes: { tier: 'gold' } }, percent: 50 }],
})

const decided = (command: unknown, events: SessionEvent[] = []): SessionEvent[] => {
  const r = decide(command, fold(events), { now, policy: goldHalfOff })
  if (r._tag === 'Left') throw new Error(r.left.message)
  return [...events, ...r.right]
}

test("mutating a command's attributes after decide changes no event and no folded state", () => {
  const attributes: Record<string, unknown> = { tier: 'silver', tags: ['a', 'b'] }
  const create = { type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, attributes } }
  let events = decided(create)
  attributes.tier = 'gold'
  ;(attributes.tags as string[]).push('c')
  const line = { sku: 'A', quantity: 2, price: 10, attributes: { colour: 'red' } as Record<string, unknown> }
  events = decided({ type: 'AddItems', data: { cartItems: [line] } }, events)
  line.attributes.colour = 'blue'
  line.price = 1
  const before = JSON.stringify(events)
  events = decided({ type: 'CloseSession', data: {} }, events)
  attributes.tier = 'gold'
  const created = events[0]!
  assert.equal(created.type === 'Created' && created.data.attributes, { tier: 'silver', tags: ['a', 'b'] })
  const added = events[1]!
  assert.equal(added.type === 'ItemsAdded' && added.data.cartItems[0]!.attributes, { colour: 'red' })
  assert.is(JSON.stringify(events.slice(0, 2)), before)
  // the 50% rule on tier "gold" does not fire for a session created "silver"
  const closed = events[2]!
  assert.equal(closed.type === 'Closed' && closed.data.effects, [])
  const state = fold(events)
  assert.equal(state.state !== 'none' && state.attributes, { tier: 'silver', tags: ['a', 'b'] })
  const projection = project(state, { policy: goldHalfOff })
  assert.is(projection.totalDiscounts, 0)
  assert.is(projection.total, 20)
})

test('decoded commands, events and cart items are fresh at every level', () => {
  const attributes = { nested: { list: [1, { deep: true }] } }
  const additionalCosts = { wrap: { price: 1 } }
  const item = { sku: 'A', quantity: 1, price: 2, attributes, additionalCosts, product: { name: 'p' } }
  const codes = ['X']
  const command = { type: 'CreateSession', data: { integrationId: 's', applicationId: 1, couponCodes: codes, cartItems: [item], attributes } }
  const r = SessionCommandCodec.decode(command)
  if (r._tag === 'Left' || r.right.type !== 'CreateSession') return assert.unreachable()
  const data = r.right.data
  assert.equal(r.right, command)
  assert.is.not(r.right, command)
  assert.is.not(data, command.data)
  assert.is.not(data.couponCodes, codes)
  assert.is.not(data.cartItems, command.data.cartItems)
  assert.is.not(data.attributes, attributes)
  assert.is.not(data.attributes!.nested, attributes.nested)
  assert.is.not((data.attributes!.nested as { list: unknown[] }).list, attributes.nested.list)
  assert.is.not((data.attributes!.nested as { list: unknown[] }).list[1], attributes.nested.list[1])
  const decodedItem = data.cartItems![0]!
  assert.is.not(decodedItem, item)
  assert.is.not(decodedItem.additionalCosts, additionalCosts)
  assert.is.not(decodedItem.additionalCosts!.wrap, additionalCosts.wrap)
  assert.is.not(decodedItem.product, item.product)
  const e = SessionEventCodec.decode({ type: 'ItemsRemoved', data: { at: now, items: [{ position: 0, quantity: 1 }] } })
  if (e._tag === 'Left') return assert.unreachable()
  const again = CartItemCodec.decode(decodedItem)
  assert.ok(again._tag === 'Right' && again.right !== decodedItem)
})

test('an optional key whose value is undefined counts as absent', () => {
  const r = SessionCommandCodec.decode({ type: 'CreateSession', data: { integrationId: 's', applicationId: 1, attributes: undefined } })
  assert.equal(r, { _tag: 'Right', right: { type: 'CreateSession', data: { integrationId: 's', applicationId: 1 } } })
  assert.ok(decide(r._tag === 'Right' ? r.right : null, initialState, { now })._tag === 'Right')
})

test.run()
