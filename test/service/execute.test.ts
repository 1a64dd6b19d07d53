import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, type SessionProjection } from '../../src/index.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, item, left, right, steppingClock } from './fixtures.ts'

const test = suite('session service: execute')

test('numbers sessions from 1 in creation order; refused and dry-run creates take no number', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: steppingClock() })
  assert.is(right(await service.execute('a', create('a'))).projection.id, 1)
  left(await service.execute('a', create('a')), 'SessionAlreadyExists')
  left(await service.execute('x', create('x', { applicationId: 0 })), 'ValidationFailed')
  const dry = right(await service.execute('b', create('b'), { dry: true }))
  assert.is(dry.projection.id, 2, 'a dry run shows the number the session would get')
  assert.is(right(await service.execute('c', create('c'))).projection.id, 2)
  assert.is(right(await service.execute('d', create('d', { id: 99 }))).projection.id, 3, 'the service sets the id')
  const created = (await store.readAll()).filter((e) => e.type === 'Created').map((e) => (e.data as { id: number }).id)
  assert.equal(created, [1, 2, 3])
  service.close()
})

test('firstSession comes from the profile read model unless the command says otherwise', async () => {
  const service = createSessionService({ clock: steppingClock() })
  const first = async (id: string, data: Record<string, unknown>) => right(await service.execute(id, create(id, data))).projection.firstSession
  assert.is(await first('s1', { profileId: 'alice' }), true)
  assert.is(await first('s2', { profileId: 'alice' }), false)
  assert.is(await first('s3', { profileId: '' }), true)
  assert.is(await first('s4', { profileId: '' }), true, 'an anonymous session is always a first session')
  assert.is(await first('s5', {}), true)
  assert.is(await first('s6', { profileId: 'bob', firstSession: false }), false)
  assert.is(await first('s7', { profileId: 'alice', firstSession: true }), true)
  assert.is(await first('s8', { profileId: '', firstSession: false }), true)
  service.close()
})

test('profiles are numbered in order of first appearance, at creation or by an update; anonymous is 0', async () => {
  const service = createSessionService({ clock: steppingClock() })
  const profileNumber = (p: SessionProjection) => p.profileInternalId
  assert.is(profileNumber(right(await service.execute('s1', create('s1', { profileId: 'alice' }))).projection), 1)
  assert.is(profileNumber(right(await service.execute('s2', create('s2'))).projection), 0)
  assert.is(profileNumber(right(await service.execute('s3', create('s3', { profileId: 'alice' }))).projection), 1)
  const loggedIn = right(await service.execute('s2', { type: 'UpdateSession', data: { profileId: 'bob' } }))
  assert.is(loggedIn.projection.profileInternalId, 2)
  assert.is(profileNumber(right(await service.execute('s4', create('s4', { profileId: 'carol' }))).projection), 3)
  const bobAgain = right(await service.execute('s5', create('s5', { profileId: 'bob' }))).projection
  assert.is(bobAgain.profileInternalId, 2)
  assert.is(bobAgain.firstSession, false, "the guest session bob logged into is bob's earlier session")
  const dry = right(await service.execute('s6', create('s6', { profileId: 'dave' }), { dry: true })).projection
  assert.is(dry.profileInternalId, 4)
  assert.is(O.toUndefined(await service.get('s6')), undefined)
  assert.is(right(await service.execute('s7', create('s7', { profileId: 'erin' }))).projection.profileInternalId, 4, 'a dry run numbers nothing')
  service.close()
})

test('a create must name the session it is executed on', async () => {
  const service = createSessionService()
  const error = left(await service.execute('a', create('b')), 'ValidationFailed')
  assert.is(error.path, 'CreateSession.integrationId')
  assert.ok(O.isNone(await service.get('a')))
  assert.ok(O.isNone(await service.get('b')))
  service.close()
})

test('bad input is an error value, never a throw', async () => {
  const service = createSessionService()
  const cases: Array<[unknown, unknown, unknown, string]> = [
    [42, create('a'), undefined, 'integrationId'],
    ['', create(''), undefined, 'integrationId'],
    ['x'.repeat(1001), create('a'), undefined, 'integrationId'],
    ['a', create('a'), 'fast', 'options'],
    ['a', create('a'), { expectedStreamVersion: -1 }, 'options.expectedStreamVersion'],
    ['a', create('a'), { dry: 'yes' }, 'options.dry'],
  ]
  for (const [id, command, options, path] of cases) {
    const error = left(await service.execute(id as string, command, options as never), 'ValidationFailed')
    assert.is(error.path, path)
  }
  for (const garbage of [null, undefined, 'CreateSession', { type: 'Nope' }, { type: 'AddItems' }, { type: 'CreateSession', data: 7 }, []]) {
    left(await service.execute('a', garbage), 'ValidationFailed')
  }
  assert.ok(O.isNone(await service.get(42 as unknown as string)))
  const broken = createSessionService({ clock: () => new Date(NaN) })
  assert.is(left(await broken.execute('a', create('a')), 'CallbackFailed').path, 'clock')
  service.close()
  broken.close()
})

test('execute returns the events, the projection and the next expected version', async () => {
  const service = createSessionService({ clock: fixedClock() })
  const created = right(await service.execute('a', create('a', { cartItems: [item('x')] })))
  assert.equal(created.events.map((e) => e.type), ['Created', 'ItemsAdded'])
  assert.is(created.nextExpectedStreamVersion, 2)
  const added = right(await service.execute('a', addItems(item('y', 2.5, 2))))
  assert.equal(added.events.map((e) => e.type), ['ItemsAdded'])
  assert.is(added.nextExpectedStreamVersion, 3)
  assert.is(added.projection.total, 15)
  assert.equal(O.toUndefined(await service.get('a')), added.projection)
  left(await service.execute('nobody', addItems(item('x'))), 'SessionNotFound')
  const closed = right(await service.execute('a', { type: 'CloseSession', data: {} }))
  assert.is(closed.projection.state, 'closed')
  left(await service.execute('a', addItems(item('z'))), 'InvalidTransition')
  service.close()
})

test('a result read later still shows the session as the command left it', async () => {
  const service = createSessionService({ clock: steppingClock() })
  const created = right(await service.execute('a', create('a', { profileId: 'ann' })))
  const added = right(await service.execute('a', addItems(item('x'))))
  right(await service.execute('a', { type: 'CloseSession', data: {} }))
  right(await service.execute('b', create('b', { profileId: 'bob' })))
  assert.is(created.projection.cartItems.length, 0)
  assert.is(added.projection.state, 'open')
  assert.is(added.projection.profileInternalId, 1)
  assert.equal(JSON.parse(JSON.stringify(added)).projection, added.projection, 'the projection is an ordinary enumerable field')
  service.close()
})

test('results stay snapshots whatever comes after: shrinking, returning, updating, cancelling', async () => {
  const service = createSessionService({ clock: steppingClock() })
  const commands: unknown[] = [
    create('a', { cartItems: [item('x', 2, 3), item('y', 5, 2)], couponCodes: ['C1'], attributes: { tier: 'gold' } }),
    addItems(item('z', 1, 4)),
    { type: 'RemoveItems', data: { items: [{ position: 0, quantity: 1 }] } },
    { type: 'UpdateSession', data: { couponCodes: ['C2'], attributes: { tier: 'silver' } } },
    addItems(item('w', 3)),
    { type: 'RemoveItems', data: { items: [{ position: 3, quantity: 1 }] } },
    { type: 'CloseSession', data: {} },
    { type: 'ReturnItems', data: { returnId: 'r1', items: [{ position: 0, quantity: 1 }] } },
    { type: 'ReturnItems', data: { returnId: 'r2', items: [{ sku: 'z', quantity: 2 }] } },
    { type: 'CancelSession', data: {} },
  ]
  const results = []
  const seenThen: string[] = []
  for (const command of commands) {
    results.push(right(await service.execute('a', command)))
    seenThen.push(JSON.stringify(O.toUndefined(await service.get('a'))))
  }
  // Projected only now, from the state each command left: nothing that came after changed it.
  assert.equal(results.map((r) => JSON.stringify(r.projection)), seenThen)
  assert.equal(results.map((r) => r.projection.cartItems.map((line) => line.quantity - line.returnedQuantity).join()), [
    '3,2', '3,2,4', '2,2,4', '2,2,4', '2,2,4,1', '2,2,4', '2,2,4', '1,2,4', '1,2,2', '1,2,2',
  ])
  const updated = results[3]!.events[0]!.data as { couponCodes: string[] }
  assert.ok(Object.isFrozen(updated.couponCodes), 'what the state took from an event is frozen with it')
  service.close()
})

test('a dry run returns what would happen and stores nothing', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a')))
  const dry = right(await service.execute('a', addItems(item('x', 3)), { dry: true }))
  assert.equal(dry.events.map((e) => e.type), ['ItemsAdded'])
  assert.is(dry.projection.total, 3)
  assert.is(dry.nextExpectedStreamVersion, 2)
  assert.is((await store.readAll()).length, 1)
  const stored = O.toUndefined(await service.get('a'))
  assert.is(stored?.total, 0)
  assert.is(stored?.updateCount, 1)
  left(await service.execute('a', { type: 'ReopenSession', data: {} }, { dry: true }), 'InvalidTransition')
  service.close()
})

test("a caller's expectedStreamVersion is checked, not retried", async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('a', create('a'), { expectedStreamVersion: 'no_stream' }))
  const conflict = left(await service.execute('a', addItems(item('x')), { expectedStreamVersion: 0 }), 'ConcurrencyConflict')
  assert.is(conflict.expected, 0)
  assert.is(conflict.actual, 1)
  left(await service.execute('b', create('b'), { expectedStreamVersion: 'stream_exists' }), 'ConcurrencyConflict')
  assert.is((await store.readAll()).length, 1)
  right(await service.execute('a', addItems(item('x')), { expectedStreamVersion: 1 }))
  right(await service.execute('a', addItems(item('y')), { expectedStreamVersion: 'any' }))
  right(await service.execute('a', addItems(item('z')), { expectedStreamVersion: 'stream_exists' }))
  service.close()
})

test('the injected newId, currency and maxRetries are used', async () => {
  let n = 0
  const service = createSessionService({ clock: fixedClock(), newId: () => `r-${++n}`, currency: 'EUR', maxRetries: -1 })
  const created = right(await service.execute('a', create('a', { cartItems: [item('x', 1, 2)], state: 'closed' })))
  assert.is(created.projection.currency, 'EUR')
  const returned = right(await service.execute('a', { type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }))
  assert.equal(returned.projection.returns.map((r) => r.returnId), ['r-1'])
  service.close()
})

test('works with the default store', async () => {
  const service = createSessionService()
  assert.ok(E.isRight(await service.execute('a', create('a'))))
  assert.is(O.toUndefined(await service.get('a'))?.id, 1)
  service.close()
})

test.run()
