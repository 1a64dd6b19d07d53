import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fold, type SessionEvent } from '../../src/index.ts'
import { deepFreeze } from '../../src/store/deep-freeze.ts'
import { foldFrozen } from '../../src/service/fold-frozen.ts'

const test = suite('foldFrozen')

const at = '2024-05-01T10:00:00.000Z'
const created = { type: 'Created', data: { id: 1, integrationId: 's', applicationId: 1, profileId: '', currency: 'EUR', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true, at } } as unknown as SessionEvent
const added = { type: 'ItemsAdded', data: { cartItems: [{ sku: 'A', quantity: 2, price: 1 }], at } } as unknown as SessionEvent
const base = deepFreeze(foldFrozen([created, added], fold([])))

test('an event that cannot be folded is folded once, and its error is the one thrown', () => {
  let reads = 0
  const bad = { type: 'ItemsAdded', get data() { reads++; return {} } } as unknown as SessionEvent
  assert.throws(() => foldFrozen([bad], base), /not iterable/)
  assert.is(reads, 1)
})

test('shrinking and returning lines go to the domain fold; the earlier state does not change', () => {
  const removed = { type: 'ItemsRemoved', data: { items: [{ position: 0, quantity: 1 }], at } } as unknown as SessionEvent
  const next = foldFrozen([removed], base)
  assert.is(next.cartItems[0]!.quantity, 1)
  assert.is(base.cartItems[0]!.quantity, 2)
  assert.ok(Object.isFrozen(next.cartItems[0]))
  assert.equal(next, fold([removed], base))
})

test.run()
