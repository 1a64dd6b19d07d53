import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createSessionService } from '../../src/index.ts'
import { create, createInMemoryEventStore, fixedClock, item, left, right } from './fixtures.ts'

const test = suite('session service: idempotent returns')

const closedCart = async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('order', create('order', { cartItems: [item('a', 10, 3), item('b', 5, 1)], state: 'closed' })))
  return { store, service }
}

const returnOf = (returnId: string, items: unknown[]) => ({ type: 'ReturnItems', data: { returnId, items } })

test('the same return sent twice gives the same result and records nothing new', async () => {
  const { store, service } = await closedCart()
  const once = right(await service.execute('order', returnOf('r1', [{ position: 0, quantity: 2 }])))
  assert.equal(once.events.map((e) => e.type), ['ItemsReturned'])
  const stored = (await store.readAll()).length
  const twice = right(await service.execute('order', returnOf('r1', [{ position: 0, quantity: 2 }])))
  assert.equal(twice.events, [], 'nothing recorded by the repeat')
  assert.equal(twice.projection, once.projection)
  assert.is(twice.nextExpectedStreamVersion, once.nextExpectedStreamVersion)
  assert.is((await store.readAll()).length, stored)
  // The same units named by SKU are the same return.
  const bySku = right(await service.execute('order', returnOf('r1', [{ sku: 'a', quantity: 2 }])))
  assert.equal(bySku.events, [])
  service.close()
})

test('a returnId reused for other items is refused', async () => {
  const { service } = await closedCart()
  right(await service.execute('order', returnOf('r1', [{ position: 0, quantity: 1 }])))
  left(await service.execute('order', returnOf('r1', [{ position: 1, quantity: 1 }])), 'ValidationFailed')
  service.close()
})

test('a return repeated concurrently is recorded once', async () => {
  const { store, service } = await closedCart()
  const results = await Promise.all(Array.from({ length: 5 }, () => service.execute('order', returnOf('r1', [{ position: 0, quantity: 3 }]))))
  assert.equal(results.map((r) => right(r).events.length), [1, 0, 0, 0, 0])
  const returns = (await store.readAll()).filter((e) => e.type === 'ItemsReturned')
  assert.is(returns.length, 1)
  service.close()
})

test('a return repeated through another instance is recognised after catching up', async () => {
  const { store, service } = await closedCart()
  const other = createSessionService({ store, clock: fixedClock() })
  const first = right(await other.execute('order', returnOf('r1', [{ position: 0, quantity: 1 }])))
  const repeat = right(await service.execute('order', returnOf('r1', [{ position: 0, quantity: 1 }])))
  assert.equal(repeat.events, [])
  assert.equal(repeat.projection, first.projection)
  assert.is((await store.readAll()).filter((e) => e.type === 'ItemsReturned').length, 1)
  service.close()
  other.close()
})

test.run()
