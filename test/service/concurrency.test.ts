import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService } from '../../src/index.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, interceptAppends, item, left, right, served, withOtherWriter } from './fixtures.ts'

const test = suite('session service: concurrency and retries')

test('twenty concurrent AddItems on one cart all succeed, in arrival order', async () => {
  const service = createSessionService({ clock: fixedClock() })
  right(await service.execute('cart', create('cart')))
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => service.execute('cart', addItems(item(`sku-${i}`)))))
  assert.equal(results.map((r) => right(r).nextExpectedStreamVersion), Array.from({ length: 20 }, (_, i) => i + 2))
  const cart = O.toUndefined(await service.get('cart'))
  assert.equal(cart?.cartItems.map((line) => line.sku), Array.from({ length: 20 }, (_, i) => `sku-${i}`))
  service.close()
})

test('commands on different sessions run concurrently', async () => {
  const base = createInMemoryEventStore()
  let unblock!: () => void
  const blocked = new Promise<void>((resolve) => (unblock = resolve))
  const store = interceptAppends(base, (streamId) => (streamId === 'slow' ? blocked : undefined))
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('fast', create('fast')))
  const slow = service.execute('slow', create('slow'))
  // While the create of 'slow' waits in its append, 'fast' gets on with its own commands.
  right(await service.execute('fast', addItems(item('x'))))
  right(await service.execute('fast', addItems(item('y'))))
  unblock()
  assert.is(right(await slow).projection.id, 2)
  service.close()
})

test('an append that rejects is StoreUnavailable for that one call, and the queue goes on', async () => {
  const base = createInMemoryEventStore()
  const store = interceptAppends(base, (_streamId, call) => {
    if (call === 2) throw new Error('disk full')
  })
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const [failed, next] = await Promise.all([service.execute('a', addItems(item('x'))), service.execute('a', addItems(item('y')))])
  assert.match(left(failed!, 'StoreUnavailable').message, 'may or may not have been appended')
  right(next!)
  assert.equal(O.toUndefined(await service.get('a'))?.cartItems.map((line) => line.sku), ['y'])
  service.close()
})

test('a writer that gets in between read and append makes the service re-read and decide again', async () => {
  const { base, store, interfere, closeOther } = withOtherWriter('from-the-other-process')
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('cart', create('cart')))
  right(await service.execute('cart', addItems(item('mine-1'))))
  interfere()
  const appendsBefore = store.appends()
  const result = right(await service.execute('cart', addItems(item('mine-2'))))
  assert.is(store.appends() - appendsBefore, 2, 'one conflict, one successful retry')
  assert.equal(result.projection.cartItems.map((line) => line.sku), ['mine-1', 'from-the-other-process', 'mine-2'])
  assert.is(result.nextExpectedStreamVersion, 4)
  const stream = await base.readStream('cart')
  assert.is(stream.currentStreamVersion, 4)
  service.close()
  closeOther()
})

test('a writer that always wins: ConcurrencyConflict after maxRetries retries', async () => {
  for (const [maxRetries, expectedAppends] of [[undefined, 4], [0, 1], [5, 6]] as const) {
    const { store, interfere, closeOther } = withOtherWriter('theirs')
    const service = createSessionService({ store, clock: fixedClock(), ...(maxRetries === undefined ? {} : { maxRetries }) })
    right(await service.execute('cart', create('cart')))
    interfere('always')
    const before = store.appends()
    left(await service.execute('cart', addItems(item('mine'))), 'ConcurrencyConflict')
    assert.is(store.appends() - before, expectedAppends)
    interfere('off')
    const cart = O.toUndefined(await service.get('cart'))
    assert.is(cart?.cartItems.filter((line) => line.sku === 'mine').length, 0)
    assert.is(cart?.cartItems.length, expectedAppends, 'the read model caught up with the other writer')
    service.close()
    closeOther()
  }
})

test('a refusal decided on a stale state is checked against the store first', async () => {
  const store = createInMemoryEventStore()
  const a = createSessionService({ store, clock: fixedClock() })
  const b = createSessionService({ store, clock: fixedClock() })
  right(await a.execute('cart', create('cart')))
  right(await b.execute('cart', addItems(item('x'))))
  right(await b.execute('cart', { type: 'CloseSession', data: {} }))
  // `a` last saw the cart open; the cart is closed now, so the return is allowed.
  const returned = right(await a.execute('cart', { type: 'ReturnItems', data: { returnId: 'r1', items: [{ position: 0, quantity: 1 }] } }))
  assert.is(returned.projection.state, 'partially_returned')
  right(await b.execute('cart', { type: 'CancelSession', data: {} }))
  left(await a.execute('cart', { type: 'ReturnItems', data: { returnId: 'r1', items: [{ position: 0, quantity: 1 }] } }), 'InvalidTransition')
  a.close()
  b.close()
})

test('service instances sharing a store number their sessions without gaps or repeats', async () => {
  const store = createInMemoryEventStore()
  const services = [0, 1, 2].map(() => createSessionService({ store, clock: fixedClock() }))
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => services[i % 3]!.execute(`s${i}`, create(`s${i}`, { profileId: `p${i % 4}` }))),
  )
  const ids = results.map((r) => right(r).projection.id).sort((x, y) => x - y)
  assert.equal(ids, Array.from({ length: 30 }, (_, i) => i + 1))
  const firsts = results.filter((r) => right(r).projection.firstSession).length
  assert.is(firsts, 4, 'one first session per profile, whichever instance created it')
  // Every instance numbers profiles the same way, from the store's global order.
  const numbering = async (service: (typeof services)[number]) => {
    const page = served(await service.list({}))
    return page.items.map((p) => [p.profileId, p.profileInternalId]).sort().join()
  }
  const [n0, n1, n2] = await Promise.all(services.map(numbering))
  assert.is(n0, n1)
  assert.is(n1, n2)
  for (const service of services) service.close()
})

test('a new instance over an existing store catches up before it decides', async () => {
  const store = createInMemoryEventStore()
  const first = createSessionService({ store, clock: fixedClock() })
  for (let i = 0; i < 5; i++) right(await first.execute(`s${i}`, create(`s${i}`, { profileId: 'p' })))
  right(await first.execute('s0', addItems(item('x'))))
  first.close()
  const second = createSessionService({ store, clock: fixedClock() })
  const next = right(await second.execute('s5', create('s5', { profileId: 'p' })))
  assert.is(next.projection.id, 6)
  assert.is(next.projection.firstSession, false)
  left(await second.execute('s0', create('s0')), 'SessionAlreadyExists')
  const added = right(await second.execute('s0', addItems(item('y'))))
  assert.equal(added.projection.cartItems.map((line) => line.sku), ['x', 'y'])
  second.close()
})

test('an append refused for another reason than a conflict is returned as it is', async () => {
  const base = createInMemoryEventStore()
  const store = { ...base, appendToStream: async () => E.left({ code: 'ValidationFailed' as const, message: 'no room', path: 'events' }) }
  const service = createSessionService({ store, clock: fixedClock() })
  assert.is(left(await service.execute('a', create('a')), 'ValidationFailed').message, 'no room')
  service.close()
})

test.run()
