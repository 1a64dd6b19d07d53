import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type AnyEvent, type EventStore } from '../../src/index.ts'
import { withTalonAdapter } from '../../src/talon/index.ts'
import { sessionError } from '../../src/domain/errors.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, item, left, right, served } from './fixtures.ts'

const test = suite('session service: a store that fails')

/**
 * A store that can go down, as a PostgreSQL server does: reads reject, and an append is refused
 * with `StoreUnavailable` (or, `rejectAppends`, rejects as a broken store might).
 */
const flakyStore = () => {
  const base = createInMemoryEventStore()
  const state = { down: false, rejectAppends: false }
  const gone = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))
  const store: EventStore<AnyEvent> = {
    ...base,
    readAll: (options) => (state.down ? gone() : base.readAll(options)),
    readStream: (streamId, options) => (state.down ? gone() : base.readStream(streamId, options)),
    appendToStream: async (streamId, events, options) => {
      if (!state.down) return base.appendToStream(streamId, events, options)
      if (state.rejectAppends) return gone()
      return E.left(sessionError('StoreUnavailable', 'append failed and nothing was appended'))
    },
  }
  return { store, state }
}

test('while the store is down, every call resolves: StoreUnavailable values, reads from the read models', async () => {
  const { store, state } = flakyStore()
  const warnings: string[] = []
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  right(await service.execute('a', create('a', { profileId: 'ann', cartItems: [item('x')] })))
  state.down = true

  const createFailed = left(await service.execute('b', create('b')), 'StoreUnavailable')
  assert.match(createFailed.message, 'ECONNREFUSED')
  assert.is(createFailed.sessionId, 'b')
  assert.match(left(await service.execute('a', addItems(item('y'))), 'StoreUnavailable').message, 'nothing was appended')
  left(await service.execute('a', { type: 'ReopenSession', data: {} }), 'StoreUnavailable') // a refusal is confirmed by reading
  left(await service.execute('a', addItems(item('y')), { dry: true }), 'StoreUnavailable')
  left(await service.execute('a', addItems(item('y')), { expectedStreamVersion: 7 }), 'StoreUnavailable')
  left(await service.executeAll('a', [addItems(item('y')), { type: 'CloseSession', data: {} }]), 'StoreUnavailable')
  state.rejectAppends = true
  assert.match(left(await service.execute('a', addItems(item('y'))), 'StoreUnavailable').message, 'may or may not have been appended')

  // get and list answer from what the read models hold, and say the store could not be read
  assert.equal(O.toUndefined(await service.get('a'))?.cartItems.map((line) => line.sku), ['x'])
  assert.ok(O.isNone(await service.get('b')))
  const page = await service.list({ profileId: 'ann' })
  assert.equal([page.items.map((p) => p.integrationId), page.total, page.error?.code], [['a'], 1, 'StoreUnavailable'])
  assert.is((await service.list({ pageSize: 0 })).error?.code, 'ValidationFailed', 'a bad query is refused before the store is read')
  assert.ok(warnings.some((w) => w.includes('get could not read the store')), warnings.join('\n'))

  // back up: nothing was stored while it was down, and the numbering goes on from the store
  state.down = false
  assert.is(right(await service.execute('b', create('b'))).projection.id, 2)
  assert.equal(O.toUndefined(await service.get('a'))?.cartItems.map((line) => line.sku), ['x'])
  assert.is(served(await service.list({})).total, 2)
  service.close()
})

test('a service started while the store is down knows no session, and says why', async () => {
  const { store, state } = flakyStore()
  state.down = true
  const service = createSessionService({ store, clock: fixedClock(), onWarning: () => {} })
  assert.ok(O.isNone(await service.get('a')))
  assert.equal(await service.list(), { items: [], total: 0, error: (await service.list()).error })
  assert.is((await service.list()).error?.code, 'StoreUnavailable')
  left(await service.execute('a', create('a')), 'StoreUnavailable')
  service.close()
})

test('an append that went through while the store cannot be read afterwards is still a success', async () => {
  const base = createInMemoryEventStore()
  let reads = true
  let interfere = false
  const warnings: string[] = []
  const store: EventStore<AnyEvent> = {
    ...base,
    readAll: (options) => (reads ? base.readAll(options) : Promise.reject(new Error('connection reset'))),
    // Another writer lands first, so the service must read to apply its own append in order.
    subscribe: (handler, options) => base.subscribe((event) => (event.metadata.streamId === 'elsewhere' ? undefined : handler(event)), options),
    appendToStream: async (streamId, events, options) => {
      if (interfere) {
        await base.appendToStream('elsewhere', [{ type: 'Noted', data: {} }])
        reads = false
      }
      return base.appendToStream(streamId, events, options)
    },
  }
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  right(await service.execute('a', create('a')))
  interfere = true
  const added = right(await service.execute('a', addItems(item('x'))))
  assert.is(added.nextExpectedStreamVersion, 2)
  assert.ok(warnings.some((w) => w.includes('was appended to, but the read models could not read the store')), warnings.join('\n'))
  interfere = false
  reads = true
  assert.equal(O.toUndefined(await service.get('a'))?.cartItems.map((line) => line.sku), ['x'])
  service.close()
})

test('a warning reporter that throws does not turn a read into a failure', async () => {
  const { store, state } = flakyStore()
  const service = createSessionService({ store, clock: fixedClock(), onWarning: () => { throw new Error('logger down too') } })
  right(await service.execute('a', create('a')))
  state.down = true
  assert.ok(O.isSome(await service.get('a')))
  service.close()
})

test('a store that fails with a value that has no string form is StoreUnavailable all the same', async () => {
  const base = createInMemoryEventStore()
  let down = false
  const unprintable = () => Promise.reject(Object.create(null))
  const store: EventStore<AnyEvent> = {
    ...base,
    readAll: (options) => (down ? unprintable() : base.readAll(options)),
    appendToStream: (streamId, events, options) => (down ? unprintable() : base.appendToStream(streamId, events, options)),
  }
  const warnings: string[] = []
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  right(await service.execute('a', create('a')))
  down = true
  assert.match(left(await service.execute('b', create('b')), 'StoreUnavailable').message, 'the store failed: an unprintable value')
  assert.match(left(await service.execute('a', addItems(item('x'))), 'StoreUnavailable').message, 'may or may not have been appended')
  assert.is((await service.list()).error?.code, 'StoreUnavailable')
  assert.ok(O.isSome(await service.get('a')))
  assert.ok(warnings.some((w) => w.includes('an unprintable value')), warnings.join('\n'))
  service.close()
})

test('the Talon.One adapter: a store that cannot be read is StoreUnavailable', async () => {
  const { store, state } = flakyStore()
  const talon = withTalonAdapter(createSessionService({ store, clock: fixedClock(), onWarning: () => {} }), { applicationId: 1 })
  right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [item('x')] } }))
  state.down = true
  left(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [item('y')] } }), 'StoreUnavailable')
  left(await talon.executeReturn('web-1', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } }), 'StoreUnavailable')
  talon.close()
})

test.run()
