import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type AnyEvent, type EventStore, type SessionService } from '../../src/index.ts'
import { addItems, create, item, left, right, served, steppingClock } from '../service/fixtures.ts'
import { dropSchema, freshSchema, makeStore, pgUrl, skipNotice } from './support.ts'

// Issue 8: "the session service runs on it unchanged; read models can be rebuilt from the log".
const test = suite('the session service on PostgreSQL')

/** Counts the appends that reach the store, to see retries happen. */
const counting = (store: EventStore<AnyEvent>) => {
  let appends = 0
  const counted: EventStore<AnyEvent> = {
    ...store,
    appendToStream: (streamId, events, options) => {
      appends++
      return store.appendToStream(streamId, events, options)
    },
  }
  return { store: counted, appends: () => appends }
}

/** Everything the read models hold, as `get` and `list` give it. */
const snapshot = async (service: SessionService, ids: string[]) => ({
  listed: served(await service.list({})),
  sessions: await Promise.all(ids.map(async (id) => O.toUndefined(await service.get(id)))),
})

if (pgUrl === undefined) {
  skipNotice('session service on PostgreSQL')
} else {
  const schemas: string[] = []
  const schema = (label: string) => {
    const name = freshSchema(label)
    schemas.push(name)
    return name
  }
  test.after(async () => {
    for (const name of schemas) await dropSchema(name)
  })

  test('creates, adds, closes, returns, lists and gets, as on the in-memory store', async () => {
    const store = makeStore(schema('svc'))
    const service = createSessionService({ store, clock: steppingClock() })
    const a = right(await service.execute('a', create('a', { profileId: 'ann', cartItems: [item('tea', 4.2, 2)] })))
    assert.equal([a.projection.id, a.projection.firstSession, a.projection.profileInternalId, a.nextExpectedStreamVersion], [1, true, 1, 2])
    const b = right(await service.execute('b', create('b')))
    assert.equal([b.projection.id, b.projection.profileInternalId], [2, 0])
    right(await service.execute('a', addItems(item('mug', 12))))
    left(await service.execute('a', create('a')), 'SessionAlreadyExists')
    const closed = right(await service.executeAll('a', [addItems(item('pen', 1.5)), { type: 'CloseSession', data: {} }]))
    assert.equal([closed.projection.state, closed.projection.total, closed.nextExpectedStreamVersion], ['closed', 21.9, 5])
    const giveBack = { type: 'ReturnItems', data: { returnId: 'rma-1', items: [{ sku: 'mug', quantity: 1 }] } }
    const returned = right(await service.execute('a', giveBack))
    assert.equal([returned.projection.state, returned.projection.total, returned.events.length], ['partially_returned', 9.9, 1])
    const again = right(await service.execute('a', giveBack))
    assert.equal([again.events.length, again.nextExpectedStreamVersion], [0, 6], 'an idempotent repeat records nothing')
    left(await service.execute('a', addItems(item('x'))), 'InvalidTransition')
    const c = right(await service.execute('c', create('c', { profileId: 'ann' })))
    assert.equal([c.projection.id, c.projection.firstSession, c.projection.profileInternalId], [3, false, 1])

    assert.equal(O.toUndefined(await service.get('a')), returned.projection)
    assert.equal(served(await service.list({})).items.map((p) => p.integrationId), ['c', 'b', 'a'])
    assert.equal(served(await service.list({ profileId: 'ann', state: 'partially_returned' })).items.map((p) => p.id), [1])
    assert.is(served(await service.list({ pageSize: 1, skip: 1 })).total, 3)
    assert.equal((await store.readStream('a')).events.map((e) => e.type), ['Created', 'ItemsAdded', 'ItemsAdded', 'ItemsAdded', 'Closed', 'ItemsReturned'])
    service.close()
    await store.close()
  })

  test('two service instances over one database, concurrent writers to one session: nothing lost, retries work', async () => {
    const name = schema('svc2')
    const one = counting(makeStore(name))
    const two = counting(makeStore(name))
    const first = createSessionService({ store: one.store, clock: steppingClock(), maxRetries: 50 })
    const second = createSessionService({ store: two.store, clock: steppingClock(), maxRetries: 50 })
    right(await first.execute('cart', create('cart')))
    const perInstance = 15
    const results = await Promise.all(
      Array.from({ length: perInstance * 2 }, (_, i) => (i % 2 === 0 ? first : second).execute('cart', addItems(item(`sku-${i}`)))),
    )
    for (const result of results) right(result)
    const appends = one.appends() + two.appends() - 1
    assert.ok(appends > perInstance * 2, `the instances lost races and retried (${appends} appends for ${perInstance * 2} commands)`)

    const stream = await one.store.readStream('cart')
    assert.equal(stream.events.map((e) => e.metadata.streamVersion), Array.from({ length: perInstance * 2 + 1 }, (_, i) => i + 1))
    const skus = (p: { cartItems: Array<{ sku: string }> } | undefined) => p?.cartItems.map((line) => line.sku).sort()
    const expected = Array.from({ length: perInstance * 2 }, (_, i) => `sku-${i}`).sort()
    assert.equal(skus(O.toUndefined(await first.get('cart'))), expected)
    assert.equal(skus(O.toUndefined(await second.get('cart'))), expected)
    // Each instance's own commands went in its arrival order.
    const order = O.toUndefined(await first.get('cart'))!.cartItems.map((line) => Number(line.sku.slice(4)))
    assert.equal(order.filter((n) => n % 2 === 0), [...order.filter((n) => n % 2 === 0)].sort((x, y) => x - y))
    assert.equal(order.filter((n) => n % 2 === 1), [...order.filter((n) => n % 2 === 1)].sort((x, y) => x - y))

    // Creates through one instance after the other's: numbered from the store, not a local counter.
    assert.is(right(await second.execute('other', create('other'))).projection.id, 2)
    assert.is(right(await first.execute('third', create('third'))).projection.id, 3)
    first.close()
    second.close()
    await one.store.close?.()
    await two.store.close?.()
  })

  test('a fresh instance rebuilds the same read models from the log', async () => {
    const name = schema('svc3')
    const store = makeStore(name)
    const service = createSessionService({ store, clock: steppingClock() })
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const id = `s${i}`
      ids.push(id)
      right(await service.execute(id, create(id, { profileId: i % 4 === 0 ? '' : `p${i % 3}`, cartItems: [item('a', 2, 1 + (i % 3))] })))
      if (i % 5 === 0) right(await service.execute(id, { type: 'UpdateSession', data: { profileId: `late-${i}` } }))
      if (i % 2 === 0) right(await service.execute(id, { type: 'CloseSession', data: {} }))
      if (i % 4 === 0) right(await service.execute(id, { type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }))
    }
    const before = await snapshot(service, ids)
    service.close()
    await store.close()

    const reopened = makeStore(name)
    const rebuilt = createSessionService({ store: reopened, clock: steppingClock() })
    const after = await snapshot(rebuilt, ids)
    assert.equal(after, before)
    assert.equal(after.listed.items.map((p) => p.id), [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    assert.equal(
      after.sessions.map((p) => p?.profileInternalId),
      before.sessions.map((p) => p?.profileInternalId),
      'profile numbers come from the log order',
    )
    assert.is(right(await rebuilt.execute('next', create('next'))).projection.id, 13, 'and the numbering goes on')
    rebuilt.close()
    await reopened.close()
  })
}

test.run()
