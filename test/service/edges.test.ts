import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type AnyEvent, type EventStore, type SubscriptionHandler } from '../../src/index.ts'
import { created } from '../../src/testing/index.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, interceptAppends, item, left, right, served } from './fixtures.ts'
import { withWarnings } from '../store/warnings.ts'

/** The time of `fixedClock`: what the service stamps its own events with. */
const serviceTime = '2024-05-01T10:00:00.000Z'

const test = suite('session service: edges')

test('a malformed command with a stale expected version is refused as malformed', async () => {
  const service = createSessionService({ clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const error = left(await service.execute('a', { type: 'AddItems', data: { cartItems: [] } }, { expectedStreamVersion: 7 }), 'ValidationFailed')
  assert.is(error.path, 'AddItems.cartItems')
  assert.is(left(await service.execute('a', addItems(item('x')), { expectedStreamVersion: 7 }), 'ConcurrencyConflict').action, 'AddItems')
  service.close()
})

test('sessions created with an earlier clock reading are listed in created order', async () => {
  const times = ['2024-05-01T10:00:05.000Z', '2024-05-01T10:00:01.000Z', '2024-05-01T10:00:03.000Z', '2024-05-01T10:00:02.000Z']
  let i = 0
  const service = createSessionService({ clock: () => new Date(times[i++ % times.length]!) })
  for (const id of ['a', 'b', 'c', 'd']) right(await service.execute(id, create(id)))
  const page = served(await service.list({}))
  assert.equal(page.items.map((p) => p.integrationId), ['a', 'c', 'd', 'b'])
  service.close()
})

test('a subscription that skips an event makes the read models read from the store instead', async () => {
  const base = createInMemoryEventStore()
  const store: EventStore<AnyEvent> = {
    ...base,
    subscribe: (handler: SubscriptionHandler<AnyEvent>, options) =>
      base.subscribe((event) => (event.metadata.globalPosition === 1 ? undefined : handler(event)), options),
  }
  const writer = createSessionService({ store: base, clock: fixedClock() })
  const reader = createSessionService({ store, clock: fixedClock() })
  right(await writer.execute('a', create('a')))
  right(await writer.execute('a', addItems(item('x'))))
  assert.is(O.toUndefined(await reader.get('a'))?.cartItems.length, 1)
  writer.close()
  reader.close()
})

test('a read that fails is reported and answered from the read models; the next read retries; failures of live updates are reported', async () => {
  const base = createInMemoryEventStore()
  let failures = 1
  const warnings: string[] = []
  const store: EventStore<AnyEvent> = {
    ...base,
    readAll: async (options) => {
      await Promise.resolve()
      if (failures-- > 0) throw new Error('connection reset')
      return base.readAll(options)
    },
    subscribe: (handler, options) => {
      // A store that hands over a broken event: the handler fails and the store says so.
      queueMicrotask(() => {
        try {
          void handler({ type: 'Broken', data: {} } as never)
        } catch (error) {
          options?.onError?.(error, { type: 'Broken', data: {}, metadata: { globalPosition: 1 } } as never)
        }
      })
      return base.subscribe(handler, options)
    },
  }
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  const [first, second] = await Promise.allSettled([service.get('a'), service.get('a')])
  assert.equal([first.status, second.status], ['fulfilled', 'fulfilled'])
  assert.ok(warnings.some((w) => w.includes('get could not read the store') && w.includes('connection reset')), warnings.join('\n'))
  right(await service.execute('a', create('a')))
  assert.ok(warnings.some((w) => w.includes("subscription stopped")), warnings.join('\n'))
  service.close()
})

test('a live event after a gap that the catch-up cannot read is reported', async () => {
  const base = createInMemoryEventStore()
  const warnings: string[] = []
  let broken = false
  const store: EventStore<AnyEvent> = {
    ...base,
    readAll: async (options) => {
      if (broken) throw new Error('gone')
      return base.readAll(options)
    },
    subscribe: (handler, options) => base.subscribe((event) => (event.metadata.globalPosition === 1 ? undefined : handler(event)), options),
  }
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  broken = true
  await base.appendToStream('x', [{ type: 'ItemsAdded', data: { at: '2024-05-01T10:00:00.000Z', cartItems: [] } }])
  await base.appendToStream('x', [{ type: 'ItemsAdded', data: { at: '2024-05-01T10:00:00.000Z', cartItems: [] } }])
  for (let i = 0; i < 20 && warnings.length === 0; i++) await new Promise((resolve) => setImmediate(resolve))
  assert.ok(warnings.some((w) => w.includes('catch-up failed')), warnings.join('\n'))
  service.close()
})

test('without onWarning, warnings go to process.emitWarning', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const created = (await store.readStream('a')).events[0]!
  await store.appendToStream('b', [{ type: 'Created', data: { ...(created.data as object), integrationId: 'b' } }])
  await withWarnings(async (warnings) => {
    await service.get('b')
    await new Promise((resolve) => setImmediate(resolve))
    assert.ok(warnings.some((w) => w.includes('was created with id 1')), warnings.join('\n'))
  })
  service.close()
})

test('the policy is used for projections', async () => {
  const service = createSessionService({ clock: fixedClock(), policy: { rules: [] } })
  assert.is(right(await service.execute('a', create('a', { cartItems: [item('x', 3)] }))).projection.totalDiscounts, 0)
  service.close()
})

test('another writer landing between the read models and the append is read before execute returns', async () => {
  const base = createInMemoryEventStore()
  let quiet = true
  // A store whose live delivery has not caught up: only reads bring the others' events.
  const lagging: EventStore<AnyEvent> = { ...base, subscribe: (handler, options) => base.subscribe((event) => (quiet ? undefined : handler(event)), options) }
  const store = interceptAppends(lagging, async (streamId) => {
    if (streamId === 'a') await base.appendToStream('z', [created({ at: serviceTime, integrationId: 'z', id: 99 })])
  })
  const service = createSessionService({ store, clock: fixedClock(), onWarning: () => {} })
  right(await service.execute('a', create('a')))
  right(await service.execute('a', addItems(item('x'))))
  assert.is(O.toUndefined(await service.get('z'))?.id, 99)
  assert.equal(served(await service.list({})).items.map((p) => p.integrationId), ['z', 'a'], 'listed once, though created twice')
  quiet = false
  service.close()
})

test("a read that overtakes the service's own append leaves it nothing to apply", async () => {
  const base = createInMemoryEventStore()
  let service!: ReturnType<typeof createSessionService>
  let overtake = false
  const store: EventStore<AnyEvent> = {
    ...base,
    appendToStream: async (streamId, events, options) => {
      const result = await base.appendToStream(streamId, events, options)
      if (overtake) await service.get(streamId)
      return result
    },
  }
  service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  overtake = true
  const added = right(await service.execute('a', addItems(item('x'))))
  assert.equal(O.toUndefined(await service.get('a')), added.projection)
  service.close()
})

test('odd events written straight to the store do not break the read models', async () => {
  const store = createInMemoryEventStore()
  const warnings: string[] = []
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  await store.appendToStream('odd', [{ type: 'Created', data: null }])
  await store.appendToStream('odd2', [{ type: 'Created', data: { ...created({ integrationId: 'odd2' }).data, at: 5 } }])
  assert.is(O.toUndefined(await service.get('odd')), undefined)
  assert.is(O.toUndefined(await service.get('odd2'))?.integrationId, 'odd2')
  assert.is(right(await service.execute('n', create('n'))).projection.id, 2, 'a Created with no data counts for nothing')
  assert.ok(warnings.length > 0)
  service.close()
})

test.run()
