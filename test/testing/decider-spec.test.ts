import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AssertionError } from 'node:assert'
import {
  addItems,
  cartItem,
  closeSession,
  closed,
  created,
  createSession,
  expectEqual,
  given,
  itemsAdded,
} from '../../src/testing/index.ts'

const test = suite('cartfold/testing: given / when / then')

/** The AssertionError a check throws, or a failure when it throws nothing (or something else). */
const failure = (check: () => unknown): AssertionError => {
  try {
    check()
  } catch (error) {
    if (error instanceof AssertionError) return error
    throw error
  }
  throw new Error('expected the check to fail')
}

test('passes when the events are exactly the expected ones, in order', () => {
  given([created()]).when(addItems(cartItem({ sku: 'TEA' }), cartItem({ sku: 'MUG' }))).then([itemsAdded([cartItem({ sku: 'TEA' }), cartItem({ sku: 'MUG' })])])
  given([]).when(createSession('s-1', { profileId: 'p-1', cartItems: [cartItem()], state: 'closed' })).then([created(), itemsAdded([cartItem()]), closed()])
})

test('a mismatch fails with an AssertionError naming the first difference and showing a diff', () => {
  const error = failure(() => given([created()]).when(addItems(cartItem({ price: 6 }))).then([itemsAdded([cartItem({ price: 60 })])]))
  assert.match(error.message, 'events[0].data.cartItems[0].price: expected 60, got 6')
  assert.match(error.message, '+ actual - expected')
  assert.match(error.message, /\+\s+price: 6,/)
  assert.match(error.message, /-\s+price: 60,/)
  assert.equal(error.expected, [itemsAdded([cartItem({ price: 60 })])], 'runners that draw their own diff get expected')
  assert.equal(error.actual, [itemsAdded([cartItem({ price: 6 })])], 'and actual')
})

test('order counts: the same events in another order do not pass', () => {
  const events = given([]).when(createSession('s-1', { profileId: 'p-1', cartItems: [cartItem()] })).events()
  assert.is(events.length, 2)
  const error = failure(() => given([]).when(createSession('s-1', { profileId: 'p-1', cartItems: [cartItem()] })).then([events[1]!, events[0]!]))
  assert.match(error.message, 'events[0].type: expected "ItemsAdded", got "Created"')
})

test('a missing or an extra event is named as such', () => {
  const command = createSession('s-1', { profileId: 'p-1', cartItems: [cartItem()] })
  assert.match(failure(() => given([]).when(command).then([created()])).message, 'events[1]: expected nothing (1 items), got {"type":"ItemsAdded"')
  assert.match(failure(() => given([]).when(command).then([created(), itemsAdded([cartItem()]), closed()])).message, 'events[2]: expected {"type":"Closed"')
})

test('a field missing on one side, or undefined on one side only, is a difference', () => {
  const [event] = given([created()]).when(addItems(cartItem())).events()
  assert.match(failure(() => expectEqual(event, { ...event, extra: 1 }, 'event')).message, 'event.extra: expected 1, got no such field')
  assert.match(failure(() => expectEqual({ a: 1 }, { a: 1, b: undefined }, 'x')).message, 'x.b: expected undefined, got no such field')
  assert.match(failure(() => expectEqual({ a: 1, 'odd key': 2 }, { a: 1 }, 'x')).message, 'x["odd key"]: expected no such field, got 2')
})

test('long values are cut short in the summary line', () => {
  const long = 'x'.repeat(500)
  const message = failure(() => expectEqual(long, 'y', 'text')).message.split('\n')[0]!
  assert.ok(message.length < 300, message)
  assert.match(message, '...')
})

test('an expected refusal is checked by code, and by message when given', () => {
  const refusal = given([]).when(addItems(cartItem())).thenRefuses('SessionNotFound')
  assert.is(refusal.sessionId, 's-1')
  given([created(), closed()]).when(closeSession()).thenRefuses('InvalidTransition', '(closed) refuses CloseSession')
  given([created(), closed()]).when(closeSession()).thenRefuses('InvalidTransition', /refuses CloseSession: allowed only when/)
})

test('a refusal with another code, or another message, fails', () => {
  assert.match(failure(() => given([]).when(addItems(cartItem())).thenRefuses('InvalidTransition')).message, 'expected a refusal InvalidTransition, got SessionNotFound')
  assert.match(failure(() => given([]).when(addItems(cartItem())).thenRefuses('SessionNotFound', 'no such words')).message, 'does not contain no such words')
  assert.match(failure(() => given([]).when(addItems(cartItem())).thenRefuses('SessionNotFound', /^nope/)).message, 'does not match /^nope/')
})

test('events where a refusal was expected fail, and so does a refusal where events were', () => {
  assert.match(failure(() => given([created()]).when(closeSession()).thenRefuses('InvalidTransition')).message, 'expected a refusal InvalidTransition, got events:')
  const error = failure(() => given([created(), closed()]).when(closeSession()).then([closed()]))
  assert.match(error.message, 'expected events, got a refusal InvalidTransition')
  assert.match(failure(() => given([created(), closed()]).when(closeSession()).events()).message, 'expected events, got a refusal InvalidTransition')
})

test('a context of its own: the time of the events', () => {
  const at = '2027-01-01T00:00:00.000Z'
  given([created()], { now: at }).when(closeSession()).then([closed([], at)])
})

test.run()
