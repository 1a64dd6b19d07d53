import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type AnyEvent, type EventStore } from '../../src/index.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, item, left, right, steppingClock, withOtherWriter } from './fixtures.ts'

const test = suite('session service: executeAll')

const close = { type: 'CloseSession', data: {} }

/** Records the size of every append that reaches the store. */
const countingAppends = (base: EventStore<AnyEvent>) => {
  const sizes: number[] = []
  const store: EventStore<AnyEvent> = {
    ...base,
    appendToStream: (streamId, events, options) => {
      sizes.push(events.length)
      return base.appendToStream(streamId, events, options)
    },
  }
  return { store, sizes }
}

test('decides each command on the state the one before left, and stores all their events in one append', async () => {
  const { store, sizes } = countingAppends(createInMemoryEventStore())
  const service = createSessionService({ store, clock: steppingClock() })
  right(await service.execute('a', create('a')))
  const result = right(await service.executeAll('b', [create('b', { profileId: 'bo', cartItems: [item('x')] }), addItems(item('y', 2)), close]))
  assert.equal(result.events.map((e) => e.type), ['Created', 'ItemsAdded', 'ItemsAdded', 'Closed'])
  assert.is(result.nextExpectedStreamVersion, 4)
  assert.equal([result.projection.id, result.projection.state, result.projection.total, result.projection.firstSession], [2, 'closed', 12, true])
  assert.equal(sizes, [1, 4], 'one append for the whole sequence')
  assert.equal(O.toUndefined(await service.get('b')), result.projection)
  const more = right(await service.executeAll('b', [{ type: 'ReturnItems', data: { returnId: 'r', items: [{ position: 1, quantity: 1 }] } }, { type: 'CancelSession', data: {} }]))
  assert.equal(more.events.map((e) => e.type), ['ItemsReturned', 'Cancelled'])
  assert.is(more.nextExpectedStreamVersion, 6)
  service.close()
})

test('the first refusal refuses the whole sequence: nothing is stored', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  left(await service.executeAll('a', [addItems(item('x')), close, addItems(item('y'))]), 'InvalidTransition')
  left(await service.executeAll('a', [addItems(item('x')), { type: 'AddItems', data: { cartItems: [] } }]), 'ValidationFailed')
  left(await service.executeAll('new', [addItems(item('x'))]), 'SessionNotFound')
  left(await service.executeAll('c', [create('c'), create('c')]), 'SessionAlreadyExists')
  assert.is((await store.readAll()).length, 1)
  assert.is(right(await service.execute('c', create('c'))).projection.id, 2, 'a refused sequence takes no session number')
  service.close()
})

test('another writer between the decision and the append: the whole sequence is decided again', async () => {
  const { base, store, interfere, closeOther } = withOtherWriter('theirs')
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('cart', create('cart')))
  interfere()
  const result = right(await service.executeAll('cart', [addItems(item('mine')), { type: 'UpdateSession', data: { couponCodes: ['SAVE'] } }, close]))
  assert.equal(result.events.map((e) => e.type), ['ItemsAdded', 'Updated', 'Closed'])
  assert.equal(result.projection.cartItems.map((line) => line.sku), ['theirs', 'mine'])
  const stream = await base.readStream('cart')
  assert.equal(stream.events.map((e) => e.type), ['Created', 'ItemsAdded', 'ItemsAdded', 'Updated', 'Closed'])
  assert.is(result.nextExpectedStreamVersion, 5)
  service.close()
  closeOther()
})

test("the caller's expected version, dry runs, and bad arguments", async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const conflict = left(await service.executeAll('a', [addItems(item('x')), close], { expectedStreamVersion: 0 }), 'ConcurrencyConflict')
  assert.equal([conflict.expected, conflict.actual, conflict.action], [0, 1, 'AddItems, CloseSession'])
  const malformed = left(await service.executeAll('a', [close, { type: 'AddItems', data: { cartItems: [] } }], { expectedStreamVersion: 0 }), 'ValidationFailed')
  assert.is(malformed.path, 'AddItems.cartItems', 'a malformed command is refused as such, whatever the version')
  right(await service.executeAll('a', [addItems(item('x'))], { expectedStreamVersion: 1 }))

  const dry = right(await service.executeAll('b', [create('b'), addItems(item('y', 3))], { dry: true }))
  assert.equal([dry.projection.id, dry.projection.total, dry.nextExpectedStreamVersion], [2, 3, 2])
  assert.ok(O.isNone(await service.get('b')))

  for (const [commands, options, path] of [
    [[], undefined, 'commands'],
    ['AddItems', undefined, 'commands'],
    [undefined, undefined, 'commands'],
    [[create('z')], undefined, 'CreateSession.integrationId'],
    [[addItems(item('x'))], { dry: 1 }, 'options.dry'],
  ] as const) {
    const error = left(await service.executeAll('a', commands as never, options as never), 'ValidationFailed')
    assert.is(error.path, path, JSON.stringify(commands))
  }
  assert.is(left(await service.executeAll(7 as never, [close]), 'ValidationFailed').action, 'executeAll')
  assert.is((await store.readAll()).length, 2)
  service.close()
})

test('a sequence creating a session waits its turn with other creates, and is numbered like execute', async () => {
  const service = createSessionService({ clock: fixedClock() })
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? service.executeAll(`s${i}`, [create(`s${i}`), addItems(item('x'))]) : service.execute(`s${i}`, create(`s${i}`)),
    ),
  )
  assert.equal(results.map((r) => right(r).projection.id).sort((x, y) => x - y), Array.from({ length: 10 }, (_, i) => i + 1))
  service.close()
})

test.run()
