import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AssertionError } from 'node:assert'
import {
  addItems,
  cancelSession,
  cartItem,
  closeSession,
  closed,
  created,
  createSession,
  itemsAdded,
  percentOff,
  policy,
  returnItems,
  serviceSpec,
} from '../../src/testing/index.ts'

const test = suite('cartfold/testing: the service spec')

const failure = async (check: () => Promise<unknown>): Promise<AssertionError> => {
  try {
    await check()
  } catch (error) {
    if (error instanceof AssertionError) return error
    throw error
  }
  throw new Error('expected the check to fail')
}

test('given events, when commands, then the projection', async () => {
  const spec = serviceSpec()
  const session = await spec.given([created(), itemsAdded([cartItem({ sku: 'TEA', price: 4.2, quantity: 2 })])]).when(addItems(cartItem({ sku: 'MUG', price: 12 })), closeSession()).projection()
  assert.equal([session.state, session.total, session.cartItems.length, session.updateCount], ['closed', 20.4, 2, 4])
  await spec.given([created(), itemsAdded([cartItem({ sku: 'TEA', price: 4.2, quantity: 2 })])]).when(addItems(cartItem({ sku: 'MUG', price: 12 })), closeSession()).then(session)
})

test('the service is built with the options given: a policy evaluated at close', async () => {
  const spec = serviceSpec({ policy: policy(percentOff('tenth', 10)) })
  const session = await spec.given([created(), itemsAdded([cartItem({ price: 50 })])]).when(closeSession()).projection()
  assert.equal([session.cartItemTotal, session.totalDiscounts, session.discounts], [50, 5, { tenth: 5 }])
})

test('no commands: the session as its events left it', async () => {
  const session = await serviceSpec().given([created(), closed()], 's-1').when().projection()
  assert.is(session.state, 'closed')
  assert.match((await failure(() => serviceSpec().given([]).when().projection())).message, 'session "s-1" does not exist')
})

test('a session of its own name, created by a command', async () => {
  const session = await serviceSpec().given([], 'cart-9').when(createSession('cart-9', { cartItems: [cartItem()] })).projection()
  assert.equal([session.integrationId, session.id, session.total], ['cart-9', 1, 10])
})

test('a projection that differs fails with the path of the difference', async () => {
  const spec = serviceSpec().given([created()]).when(addItems(cartItem({ price: 5 })))
  const session = await spec.projection()
  const error = await failure(() => spec.then({ ...session, total: 6 }))
  assert.match(error.message, 'projection.total: expected 6, got 5')
})

test('the first refusal ends the run, and is what thenRefuses checks', async () => {
  const spec = serviceSpec().given([created()])
  const refusal = await spec.when(cancelSession(), addItems(cartItem())).thenRefuses('InvalidTransition', '(cancelled) refuses AddItems')
  assert.is(refusal.sessionId, 's-1')
  await spec.when(returnItems([{ position: 0, quantity: 1 }])).thenRefuses('InvalidTransition')
  assert.match((await failure(() => spec.when(cancelSession()).thenRefuses('InvalidTransition'))).message, 'expected a refusal InvalidTransition, got the session')
  assert.match((await failure(() => spec.when(cancelSession(), cancelSession()).projection())).message, 'got a refusal InvalidTransition')
})

test('given events that no store would take fail the spec', async () => {
  const bad = { type: 'Created', data: { at: Number.NaN } } as never
  assert.match((await failure(() => serviceSpec().given([bad]).when().projection())).message, 'the given events could not be stored')
})

test.run()
