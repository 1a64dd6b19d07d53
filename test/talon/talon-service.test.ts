import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createSessionService, type SessionError, type SessionServiceOptions } from '../../src/index.ts'
import { toApplicationSession, withTalonAdapter } from '../../src/talon/index.ts'
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store.ts'

const clock = () => new Date('2026-11-22T10:00:00.000Z')
const setUp = () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock, currency: 'EUR' })
  return { store, service, talon: withTalonAdapter(service, { applicationId: 7 }) }
}
/** A session service with the Talon.One requests, creating sessions in `applicationId`. */
const talonService = (applicationId: number | undefined, options: SessionServiceOptions = {}) =>
  withTalonAdapter(createSessionService(options), applicationId === undefined ? {} : { applicationId })
const right = <A>(r: E.Either<SessionError, A>): A => {
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
  return r.right
}
const tea = { sku: 'TEA', quantity: 2, price: 4.2 }
const mug = { sku: 'MUG', quantity: 1, price: 12 }

test('executeUpdateV2 creates the session through the service: numbered, first session worked out, the V2 view back', async () => {
  const { talon } = setUp()
  const r = right(await talon.executeUpdateV2('web-1', { customerSession: { profileId: 'alice', cartItems: [tea, mug] } }))
  assert.equal(r.events.map((e) => e.type), ['Created', 'ItemsAdded'])
  assert.equal([r.customerSession.id, r.customerSession.applicationId, r.customerSession.firstSession], [1, 7, true])
  assert.equal(r.customerSession.cartItems.map((l) => [l.sku, l.quantity, l.position]), [['TEA', 2, 0], ['MUG', 1, 1]])
  assert.equal(r.effects, [])
  talon.close()
})

test("a session's life through Talon.One requests: change, coupon, close, return (idempotent), cancel", async () => {
  const { talon } = setUp()
  right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea, mug] } }))
  let r = right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [{ ...tea, quantity: 1 }, mug], couponCodes: ['SAVE'] } }))
  assert.equal(r.events.map((e) => e.type), ['ItemsRemoved', 'Updated'])
  assert.is(r.customerSession.cartItemTotal, 16.2)
  r = right(await talon.executeUpdateV2('web-1', { customerSession: { state: 'closed' } }))
  assert.equal([r.events.map((e) => e.type), r.customerSession.state], [['Closed'], 'closed'])
  const body = { return: { returnedCartItems: [{ sku: 'MUG', quantity: 1 }] } }
  r = right(await talon.executeReturn('web-1', body, 'rma-1'))
  assert.equal([r.events.map((e) => e.type), r.customerSession.state, r.customerSession.cartItemTotal], [['ItemsReturned'], 'partially_returned', 4.2])
  r = right(await talon.executeReturn('web-1', body, 'rma-1'))
  assert.equal(r.events, [])
  r = right(await talon.executeUpdateV2('web-1', { customerSession: { state: 'cancelled' } }))
  assert.equal([r.events.map((e) => e.type), r.customerSession.state], [['Cancelled'], 'cancelled'])
  // nothing left to change: the session as it is
  r = right(await talon.executeUpdateV2('web-1', { customerSession: { state: 'cancelled' } }))
  assert.equal([r.events, r.customerSession.state], [[], 'cancelled'])
  talon.close()
})

test('a request refused part-way is refused whole: nothing of it is stored', async () => {
  const { talon, store } = setUp()
  right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea] } }))
  const before = await store.readStream('web-1')
  // AddItems would pass; the UpdateSession after it has 101 distinct coupon codes
  const codes = Array.from({ length: 101 }, (_, i) => `C${i}`)
  const r = await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea, mug], couponCodes: codes } })
  assert.ok(E.isLeft(r) && r.left.code === 'ValidationFailed', JSON.stringify(r))
  assert.is((await store.readStream('web-1')).currentStreamVersion, before.currentStreamVersion)
  assert.equal(O.toUndefined(await talon.get('web-1'))?.cartItems.length, 1)
  talon.close()
})

test('another writer first: the request is worked out again on the new state', async () => {
  const { service, store } = setUp()
  right(await service.execute('web-1', { type: 'CreateSession', data: { integrationId: 'web-1', applicationId: 7 } }))
  // another process (its own read models) adds a line behind this service's back
  const other = createSessionService({ store: { ...store, subscribe: () => ({ unsubscribe: () => {} }) }, clock })
  right(await other.execute('web-1', { type: 'AddItems', data: { cartItems: [mug] } }))
  const talon = withTalonAdapter(service, { applicationId: 7 })
  const r = right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea] } }))
  assert.equal(r.events.map((e) => e.type), ['ItemsRemoved', 'ItemsAdded'], 'worked out on the session with the mug')
  assert.equal(r.customerSession.cartItems.map((l) => l.sku), ['TEA'])
  talon.close()
  other.close()
})

test('a stored event that cannot be folded: the request is worked out on the read model, which skipped it', async () => {
  const { store, talon } = setUp()
  right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea] } }))
  talon.close()
  const warnings: string[] = []
  const service = talonService(7, { store, clock, onWarning: (w) => warnings.push(w) })
  right(await store.appendToStream('web-1', [{ type: 'ItemsRemoved', data: {} }]))
  const r = right(await service.executeUpdateV2('web-1', { customerSession: { cartItems: [tea, mug] } }))
  assert.equal(r.customerSession.cartItems.map((l) => l.sku), ['TEA', 'MUG'])
  assert.ok(warnings.some((w) => w.includes('skipped the event')), warnings.join('\n'))
  service.close()
})

test('a writer landing where a request used to be split in two appends: the request is retried whole, stored in one piece', async () => {
  const base = createInMemoryEventStore()
  const clockOpts = { clock, currency: 'EUR' }
  const other = createSessionService({ store: base, ...clockOpts })
  const appends: string[][] = []
  let interfered = false
  // The other writer strikes just before the append carrying the request's `Updated`: with one
  // append per command, that was after its `ItemsAdded` had been stored.
  const store: typeof base = {
    ...base,
    appendToStream: async (id, events, options) => {
      appends.push(events.map((e) => e.type))
      if (!interfered && events.some((e) => e.type === 'Updated')) {
        interfered = true
        right(await other.execute(id, { type: 'AddItems', data: { cartItems: [{ sku: 'HAT', quantity: 1, price: 3 }] } }))
      }
      return base.appendToStream(id, events, options)
    },
  }
  const service = createSessionService({ store, ...clockOpts })
  const talon = withTalonAdapter(service, { applicationId: 7 })
  right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea] } }))
  const appendsBefore = appends.length
  const r = right(await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [tea, mug], couponCodes: ['SAVE'] } }))
  assert.equal(appends.slice(appendsBefore), [['ItemsAdded', 'Updated'], ['ItemsRemoved', 'ItemsAdded', 'Updated']], 'each attempt is one append of the whole request')
  assert.equal(r.customerSession.cartItems.map((l) => l.sku), ['TEA', 'MUG'])
  assert.equal(r.customerSession.couponCodes, ['SAVE'])
  const stream = await base.readStream('web-1')
  assert.equal(stream.events.map((e) => e.type), ['Created', 'ItemsAdded', 'ItemsAdded', 'ItemsRemoved', 'ItemsAdded', 'Updated'])
  assert.equal(r.events.map((e) => e.type), ['ItemsRemoved', 'ItemsAdded', 'Updated'])
  talon.close()
  other.close()
})

test('a writer that always wins: ConcurrencyConflict after maxRetries, and nothing of the request is stored', async () => {
  const base = createInMemoryEventStore()
  const other = createSessionService({ store: base, clock })
  const store: typeof base = {
    ...base,
    appendToStream: async (id, events, options) => {
      if (events.some((e) => e.type === 'Updated')) right(await other.execute(id, { type: 'AddItems', data: { cartItems: [tea] } }))
      return base.appendToStream(id, events, options)
    },
  }
  const talon = talonService(7, { store, clock, maxRetries: 1 })
  right(await talon.executeUpdateV2('web-1', { customerSession: {} }))
  const r = await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [mug], couponCodes: ['SAVE'] } })
  assert.ok(E.isLeft(r) && r.left.code === 'ConcurrencyConflict', JSON.stringify(r))
  const types = (await base.readStream('web-1')).events.map((e) => e.type)
  assert.ok(!types.includes('Updated'), types.join())
  assert.ok(types.slice(1).every((t) => t === 'ItemsAdded'), 'only the other writer\'s events')
  talon.close()
  other.close()
})

test('malformed requests are ValidationFailed with the path, before anything is read or stored', async () => {
  const { talon } = setUp()
  const update = await talon.executeUpdateV2('web-1', { customerSession: { cartItems: [{ sku: 'A', quantity: 1, price: -1 }] } })
  assert.ok(E.isLeft(update) && update.left.path === 'customerSession.cartItems[0].price')
  const ret = await talon.executeReturn('web-1', { return: {} })
  assert.ok(E.isLeft(ret) && ret.left.path === 'return.returnedCartItems')
  assert.ok(O.isNone(await talon.get('web-1')))
  const missing = await talon.executeReturn('nope', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } })
  assert.ok(E.isLeft(missing) && missing.left.code === 'SessionNotFound')
  talon.close()
})

test('withTalonAdapter: sessions created in its application, in the service\'s default currency', async () => {
  const talon = talonService(9, { currency: 'JPY', clock, maxRetries: 1 })
  const r = right(await talon.executeUpdateV2('jp-1', { customerSession: { cartItems: [{ sku: 'A', quantity: 1, price: 500 }] } }))
  assert.equal([r.customerSession.applicationId, r.customerSession.total], [9, 500])
  const refused = await talon.executeUpdateV2('jp-1', { customerSession: { cartItems: [{ sku: 'B', quantity: 1, price: 1.5 }] } })
  assert.ok(E.isLeft(refused) && refused.left.code === 'ValidationFailed', JSON.stringify(refused))
  assert.ok(O.isSome(await talon.get('jp-1')))
  talon.close()
  const plain = talonService(1)
  assert.equal(right(await plain.executeUpdateV2('x', { customerSession: {} })).customerSession.cartItems, [])
  plain.close()
})

test('the Talon.One requests: creating a session needs the adapter\'s applicationId', async () => {
  const service = talonService(4, { clock })
  const created = right(await service.executeUpdateV2('s-9', { customerSession: { cartItems: [{ sku: 'A', quantity: 2, price: 3 }], state: 'closed' } }))
  assert.equal([created.customerSession.applicationId, created.customerSession.state, created.customerSession.total], [4, 'closed', 6])
  const returned = right(await service.executeReturn('s-9', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } }, 'key-1'))
  assert.is(returned.customerSession.state, 'partially_returned')
  const again = right(await service.executeReturn('s-9', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } }, 'key-1'))
  assert.equal(again.events, [])
  service.close()
  const without = talonService(undefined, { clock })
  const refused = await without.executeUpdateV2('s-1', { customerSession: {} })
  assert.ok(E.isLeft(refused) && refused.left.code === 'ValidationFailed' && refused.left.message.includes('applicationId'), JSON.stringify(refused))
  without.close()
})

test('internal ids: sessions numbered by creation, profiles by first appearance (0 anonymous), the same after a restart', async () => {
  const store = createInMemoryEventStore()
  const talon = talonService(1, { store, clock })
  for (const [id, profileId] of [['s-1', 'alice'], ['s-2', ''], ['s-3', 'bob'], ['s-4', 'alice']] as const) {
    right(await talon.executeUpdateV2(id, { customerSession: { profileId } }))
  }
  const managed = async (service: typeof talon) =>
    Promise.all(['s-1', 's-2', 's-3', 's-4'].map(async (id) => {
      const p = O.toUndefined(await service.get(id))!
      const view = right(toApplicationSession(p))
      return [view.id, view.profileId, view.profileintegrationid]
    }))
  const expected = [[1, 1, 'alice'], [2, 0, ''], [3, 2, 'bob'], [4, 1, 'alice']]
  assert.equal(await managed(talon), expected)
  talon.close()
  // a new service over the same store replays it: the same numbers
  const restarted = talonService(1, { store, clock })
  assert.equal(await managed(restarted), expected)
  restarted.close()
})

test.run()
