import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type ExecuteOptions } from '../../src/index.ts'
import { withTalonAdapter } from '../../src/talon/index.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, item, left, right } from './fixtures.ts'

const test = suite('session service: every argument is read when the call is made')

const skus = async (service: ReturnType<typeof createSessionService>, id: string) =>
  O.toUndefined(await service.get(id))!.cartItems.map((line) => line.sku)

test('execute: one command object, filled again before each call (none awaited) is four commands', async () => {
  const service = createSessionService({ clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const line = item('apple')
  const command = addItems(line)
  const calls = ['apple', 'bread', 'milk', 'eggs'].map((sku) => {
    line.sku = sku
    return service.execute('a', command)
  })
  for (const call of calls) right(await call)
  assert.equal(await skus(service, 'a'), ['apple', 'bread', 'milk', 'eggs'])
  service.close()
})

test('executeAll: the commands in the array are read at the call, not only the array', async () => {
  const service = createSessionService({ clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const line = item('apple')
  const commands: unknown[] = [addItems(line)]
  const calls = ['apple', 'bread', 'milk', 'eggs'].map((sku) => {
    line.sku = sku
    return service.executeAll('a', commands)
  })
  commands[0] = create('other') // changing the array afterwards changes nothing either
  for (const call of calls) right(await call)
  assert.equal(await skus(service, 'a'), ['apple', 'bread', 'milk', 'eggs'])
  service.close()
})

test('options: read at the call; changing them while the command waits its turn changes nothing', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const options: { -readonly [K in keyof ExecuteOptions]: ExecuteOptions[K] } = { dry: true }
  const ahead = service.execute('a', addItems(item('x'))) // takes session a's turn first
  const dry = service.execute('a', addItems(item('y')), options)
  const expected = service.execute('a', addItems(item('z')), { expectedStreamVersion: 1 })
  options.dry = false
  right(await ahead)
  assert.equal(right(await dry).events.map((e) => e.type), ['ItemsAdded'])
  assert.equal(left(await expected, 'ConcurrencyConflict').expected, 1)
  assert.equal(await skus(service, 'a'), ['x'], 'the dry run stored nothing, the stale expectation was refused')
  assert.is(left(await service.execute('a', addItems(item('x')), { expectedStreamVersion: Object.create(null) }), 'ValidationFailed').path, 'options.expectedStreamVersion')
  service.close()
})

test("Talon.One's requests: one payload object, changed before each call, is four requests", async () => {
  const talon = withTalonAdapter(createSessionService({ clock: fixedClock() }), { applicationId: 1 })
  const cartItems = [item('apple')]
  const payload = { customerSession: { cartItems } }
  const updates = ['apple', 'bread', 'milk', 'eggs'].map((sku) => {
    cartItems.push(item(sku))
    return talon.executeUpdateV2('u', payload)
  })
  for (const update of updates) right(await update)
  right(await talon.executeUpdateV2('u', { customerSession: { state: 'closed' } }))
  assert.equal(await skus(talon, 'u'), ['apple', 'apple', 'bread', 'milk', 'eggs'])
  const entry = { position: 0, quantity: 1 }
  const ret = { return: { returnedCartItems: [entry] } }
  const returns = [0, 1, 2].map((position) => {
    entry.position = position
    return talon.executeReturn('u', ret)
  })
  entry.position = 9
  for (const returned of returns) right(await returned)
  const session = O.toUndefined(await talon.get('u'))!
  assert.equal(session.cartItems.map((line) => line.returnedQuantity), [1, 1, 1, 0, 0])
  talon.close()
})

test('a throwing id source or clock is CallbackFailed naming it, not "the command could not be read"', async () => {
  const boom = (): never => {
    throw new Error('boom')
  }
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock(), newId: boom })
  right(await service.execute('a', create('a', { cartItems: [item('x')], state: 'closed' })))
  const failed = left(await service.execute('a', { type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }), 'CallbackFailed')
  assert.equal([failed.path, failed.sessionId, failed.action], ['newId', 'a', 'execute'])
  assert.match(failed.message, 'newId threw: boom')
  // the session's turn is free again, and a return with an id needs no id source
  right(await service.execute('a', { type: 'ReturnItems', data: { returnId: 'r1', items: [{ position: 0, quantity: 1 }] } }))
  const broken = createSessionService({ store, clock: boom })
  assert.match(left(await broken.executeAll('b', [create('b')]), 'CallbackFailed').message, 'clock threw: boom')
  const invalidDate = createSessionService({ store, clock: () => new Date(NaN) })
  assert.is(left(await invalidDate.execute('b', create('b')), 'CallbackFailed').path, 'clock')
  const derived = await service.executeFrom('a', () => boom())
  assert.is(left(derived, 'CallbackFailed').path, 'derive')
  assert.equal((await store.readAll()).map((e) => e.type), ['Created', 'ItemsAdded', 'Closed', 'ItemsReturned'])
  for (const s of [service, broken, invalidDate]) s.close()
})

test('executeAll: a call queued behind another is decided as given', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  const commands: unknown[] = [addItems(item('x'))]
  const first = service.execute('b', addItems(item('y'))) // takes session b's turn first
  const all = service.executeAll('b', commands)
  commands[0] = create('other') // would create session "other" in stream b, had it been read late
  left(await first, 'SessionNotFound')
  left(await all, 'SessionNotFound')
  assert.equal(await store.readAll(), [])
  service.close()
})

test.run()
