import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService } from '../../src/index.ts'
import { create, createInMemoryEventStore, fixedClock, right } from './fixtures.ts'

const test = suite("session service: the caller's objects stay the caller's")

test('a command\'s objects are neither frozen nor shared: the caller may change them after execute, dry or not', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  right(await service.execute('x', create('x')))
  const attrs: Record<string, unknown> = { a: 1 }
  const codes = ['SAVE']
  const line = { sku: 'A', price: 10, quantity: 1, attributes: { colour: 'red' } as Record<string, unknown>, additionalCosts: { wrap: { price: 1 } } as Record<string, unknown> }
  const dryAttrs: Record<string, unknown> = { d: 1 }
  right(await service.execute('x', { type: 'UpdateSession', data: { attributes: dryAttrs } }, { dry: true }))
  dryAttrs.d = 2
  right(await service.execute('x', { type: 'UpdateSession', data: { attributes: attrs, couponCodes: codes } }))
  right(await service.executeAll('x', [{ type: 'AddItems', data: { cartItems: [line] } }]))
  // none of these throws (strict mode: writing to a frozen object would)
  attrs.c = 3
  codes.push('MORE')
  line.attributes.colour = 'blue'
  line.additionalCosts.gift = { price: 2 }
  assert.ok(!Object.isFrozen(attrs) && !Object.isFrozen(codes) && !Object.isFrozen(line.attributes) && !Object.isFrozen(dryAttrs))
  const session = O.toUndefined(await service.get('x'))!
  assert.equal(session.attributes, { a: 1 })
  assert.equal(session.couponCodes, ['SAVE'])
  assert.equal(session.cartItems[0]!.attributes, { colour: 'red' })
  const stored = (await store.readStream('x')).events
  assert.equal(stored.map((e) => e.type), ['Created', 'Updated', 'ItemsAdded'])
  assert.equal((stored[1]!.data as { attributes: unknown }).attributes, { a: 1 })
  // a new service replaying the store agrees
  const again = createSessionService({ store, clock: fixedClock() })
  assert.equal(O.toUndefined(await again.get('x'))!.attributes, { a: 1 })
  service.close()
  again.close()
})

test.run()
