import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type ListQuery, type SessionProjection } from '../../src/index.ts'
import { create, createInMemoryEventStore, fixedClock, item, right, steppingClock, served } from './fixtures.ts'

const test = suite('session service: read models and list')

const states = ['open', 'closed', 'partially_returned', 'cancelled'] as const

/** What `list` must return, computed the slow way from every session's projection. */
const reference = (all: SessionProjection[], query: ListQuery) => {
  const after = query.createdAfter === undefined ? -Infinity : Date.parse(query.createdAfter)
  const before = query.createdBefore === undefined ? Infinity : Date.parse(query.createdBefore)
  const matches = all
    .filter((p) => Date.parse(p.created) > after && Date.parse(p.created) < before)
    .filter((p) => query.state === undefined || p.state === query.state)
    .filter((p) => query.profileId === undefined || p.profileId === query.profileId)
    .filter((p) => query.storeIntegrationId === undefined || p.storeIntegrationId === query.storeIntegrationId)
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.id - a.id)
  const skip = query.skip ?? 0
  return { ids: matches.slice(skip, skip + (query.pageSize ?? 1000)).map((p) => p.integrationId), total: matches.length }
}

test('list serves Talon.One filters over thousands of sessions, as a full scan would', async () => {
  // Two sessions per clock second, so that `created` ties are broken by id.
  let tick = 0
  const base = Date.parse('2024-05-01T00:00:00.000Z')
  const clock = () => new Date(base + Math.floor(tick++ / 6) * 1000)
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock })
  const count = 3000
  for (let i = 0; i < count; i++) {
    const id = `s${i}`
    right(await service.execute(id, create(id, {
      profileId: i % 7 === 0 ? '' : `p${i % 50}`,
      ...(i % 3 === 0 ? {} : { storeIntegrationId: `store-${i % 3}` }),
      cartItems: [item('a', 1, 2)],
    })))
    const target = states[i % 4]!
    if (target !== 'open') right(await service.execute(id, { type: 'CloseSession', data: {} }))
    if (target === 'partially_returned') right(await service.execute(id, { type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }))
    if (target === 'cancelled') right(await service.execute(id, { type: 'CancelSession', data: {} }))
  }
  const all = served(await service.list({ pageSize: 1000, skip: 0 }))
  assert.is(all.total, count)
  const everyone: SessionProjection[] = []
  for (let i = 0; i < count; i++) everyone.push(O.toUndefined(await service.get(`s${i}`))!)
  const queries: ListQuery[] = [
    {},
    { pageSize: 10 },
    { pageSize: 7, skip: 2990 },
    { skip: 5000 },
    { state: 'partially_returned' },
    { state: 'open', profileId: 'p1' },
    { profileId: '' },
    { storeIntegrationId: 'store-1', pageSize: 1000, skip: 100 },
    { createdAfter: '2024-05-01T00:01:00.000Z', createdBefore: '2024-05-01T00:02:00.000Z' },
    { createdAfter: '2024-05-01T00:01:00.000Z', state: 'cancelled', storeIntegrationId: 'store-2' },
    { createdBefore: '2024-05-01T00:00:01.000Z' },
    { createdAfter: '2030-01-01T00:00:00.000Z' },
  ]
  for (const query of queries) {
    const page = served(await service.list(query))
    const expected = reference(everyone, query)
    assert.is(page.total, expected.total, JSON.stringify(query))
    assert.equal(page.items.map((p) => p.integrationId), expected.ids, JSON.stringify(query))
  }
  // Another instance over the same store builds the same read models from the history.
  const replica = createSessionService({ store, clock })
  for (const query of queries.slice(0, 6)) assert.equal(served(await replica.list(query)), served(await service.list(query)))
  service.close()
  replica.close()
})

test('a page is newest first, then higher id first; the bounds are exclusive', async () => {
  const service = createSessionService({ clock: fixedClock('2024-05-01T10:00:00.000Z') })
  for (const id of ['a', 'b', 'c']) right(await service.execute(id, create(id)))
  const page = served(await service.list({}))
  assert.equal(page.items.map((p) => [p.integrationId, p.id]), [['c', 3], ['b', 2], ['a', 1]])
  assert.is(served(await service.list({ createdAfter: '2024-05-01T10:00:00.000Z' })).total, 0)
  assert.is(served(await service.list({ createdBefore: '2024-05-01T10:00:00.000Z' })).total, 0)
  assert.is(served(await service.list({ createdAfter: '2024-05-01T09:59:59.999Z', createdBefore: '2024-05-01T10:00:00.001Z' })).total, 3)
  service.close()
})

test('a bad query resolves to an empty page with a ValidationFailed error, never a rejection', async () => {
  const service = createSessionService()
  const bad: Array<[unknown, string]> = [
    [{ pageSize: 0 }, 'ListQuery.pageSize'],
    [{ pageSize: 1001 }, 'ListQuery.pageSize'],
    [{ skip: -1 }, 'ListQuery.skip'],
    [{ state: 'lost' }, 'ListQuery.state'],
    [{ createdAfter: 'yesterday' }, 'ListQuery.createdAfter'],
    [{ sortBy: 'id' }, 'ListQuery.sortBy'],
    ['all', 'ListQuery'],
  ]
  for (const [query, path] of bad) {
    const page = await service.list(query as ListQuery)
    assert.equal([page.items, page.total, page.error?.code], [[], 0, 'ValidationFailed'], JSON.stringify(query))
    assert.is(page.error?.path, path, JSON.stringify(query))
  }
  assert.equal(served(await service.list()), { items: [], total: 0 })
  service.close()
})

test('get and list see the caller’s writes as soon as execute resolves', async () => {
  const service = createSessionService({ clock: steppingClock() })
  for (let i = 0; i < 50; i++) {
    const id = `s${i}`
    const created = right(await service.execute(id, create(id, { profileId: 'p' })))
    assert.equal(O.toUndefined(await service.get(id)), created.projection)
    assert.is(served(await service.list({ profileId: 'p', pageSize: 1 })).items[0]?.integrationId, id)
    assert.is(served(await service.list({ profileId: 'p' })).total, i + 1)
  }
  service.close()
})

test('events written straight to the store reach the read models', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  const at = '2024-05-01T10:00:00.000Z'
  await store.appendToStream('imported', [
    { type: 'Created', data: { at, integrationId: 'imported', applicationId: 1, profileId: 'zoe', currency: 'EUR', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true } },
    { type: 'ItemsAdded', data: { at, cartItems: [item('k', 4)] } },
  ])
  await store.appendToStream('imported', [{ type: 'SomethingElse', data: { at } }])
  const imported = O.toUndefined(await service.get('imported'))
  assert.is(imported?.id, 0, 'a Created without an id projects id 0')
  assert.is(imported?.total, 4)
  assert.is(imported?.profileInternalId, 1)
  const next = right(await service.execute('mine', create('mine', { profileId: 'zoe' })))
  assert.is(next.projection.id, 2, 'numbered after the sessions already in the store')
  assert.is(next.projection.firstSession, false)
  right(await service.execute('imported', { type: 'CloseSession', data: {} }))
  service.close()
})

test('an event the fold cannot take is reported, and the session stays usable', async () => {
  const store = createInMemoryEventStore()
  const warnings: string[] = []
  const onWarning = (message: string) => warnings.push(message)
  const service = createSessionService({ store, clock: fixedClock(), onWarning })
  right(await service.execute('a', create('a', { cartItems: [item('x')] })))
  await store.appendToStream('a', [{ type: 'ItemsAdded', data: { at: '2024-05-01T10:00:00.000Z' } }])
  await store.appendToStream('a', [{ type: 'ItemsAdded', data: { at: '2024-05-01T10:00:00.000Z', cartItems: [item('y')] } }])
  // A new instance folds the whole stream in one batch; the live one gets the events one by one.
  const other = createSessionService({ store, clock: fixedClock(), onWarning })
  assert.equal(O.toUndefined(await other.get('a'))?.cartItems.map((line) => line.sku), ['x', 'y'])
  assert.equal(O.toUndefined(await service.get('a'))?.cartItems.map((line) => line.sku), ['x', 'y'])
  right(await service.execute('a', { type: 'CloseSession', data: {} }), 'deciding after the unreadable event')
  assert.ok(warnings.some((w) => w.includes('could not fold stream "a" at version 3')), warnings.join('\n'))
  service.close()
  other.close()
})

test('a Created whose id repeats an earlier one is reported', async () => {
  const store = createInMemoryEventStore()
  const warnings: string[] = []
  const service = createSessionService({ store, clock: fixedClock(), onWarning: (message) => warnings.push(message) })
  right(await service.execute('a', create('a')))
  const created = (await store.readStream('a')).events[0]!
  await store.appendToStream('b', [{ type: 'Created', data: { ...(created.data as object), integrationId: 'b' } }])
  assert.is(O.toUndefined(await service.get('b'))?.id, 1)
  assert.ok(warnings.some((w) => w.includes('"b" was created with id 1')), warnings.join('\n'))
  assert.is(right(await service.execute('c', create('c'))).projection.id, 3)
  service.close()
})

test.run()
