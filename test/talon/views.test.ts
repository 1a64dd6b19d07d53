import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fold, initialState, project, type SessionProjection } from '../../src/index.ts'
import { toApplicationSession, toCustomerSession, toCustomerSessionV2, toCustomerSessionV2Legacy } from '../../src/talon/index.ts'
import { minimal, rich, richHistory, t1 } from './fixtures.ts'

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}
const renderers = { toCustomerSessionV2, toCustomerSessionV2Legacy, toCustomerSession, toApplicationSession }

test('V2 shows the session as sent: codes, cards, costs, cart lines with derived fields, the three totals', () => {
  const v = right(toCustomerSessionV2(rich()))
  assert.is(v.id, 42)
  assert.equal(v.couponCodes, ['XMAS-2021', 'WELCOME'])
  assert.is(v.referralCode, '2740-tbjua-6720')
  assert.equal(v.loyaltyCards, ['card-1'])
  assert.is(v.state, 'closed')
  assert.equal(v.cartItems[1], { sku: 'MUG', quantity: 1, returnedQuantity: 0, remainingQuantity: 1, price: 12, position: 1 })
  assert.equal(Object.keys(v.cartItems[0]!), [
    'name', 'sku', 'quantity', 'returnedQuantity', 'remainingQuantity', 'price', 'category', 'product',
    'weight', 'height', 'width', 'length', 'position', 'attributes', 'additionalCosts',
  ])
  assert.is(v.cartItemTotal, 24.6)
  assert.is(v.additionalCostTotal, 4.99)
  // 24.60 + 4.99 + 3 x 0.50 of item-level wrapping, which this shape has no field for
  assert.is(v.total, 31.09)
  assert.ok(v.total > v.cartItemTotal + v.additionalCostTotal)
  assert.is(v.updated, t1)
})

test('V2 omits referralCode when there is none; lists are shown empty', () => {
  const v = right(toCustomerSessionV2(minimal()))
  assert.not.ok('referralCode' in v)
  assert.equal([v.couponCodes, v.loyaltyCards, v.identifiers, v.cartItems], [[], [], [], []])
  assert.equal(v.additionalCosts, {})
  assert.is(v.firstSession, true)
  assert.is(v.id, 0)
})

test('the legacy V2 is the newest without id, loyaltyCards and updated', () => {
  const { id: _id, loyaltyCards: _cards, updated: _updated, ...newest } = right(toCustomerSessionV2(rich()))
  assert.equal(right(toCustomerSessionV2Legacy(rich())), newest)
})

test('V1 and the management view show the first coupon code and the referral code, "" when none', () => {
  const v1 = right(toCustomerSession(rich()))
  assert.is(v1.coupon, 'XMAS-2021')
  assert.is(v1.referral, '2740-tbjua-6720')
  const app = right(toApplicationSession(rich()))
  assert.is(app.coupon, 'XMAS-2021')
  assert.is(app.referral, '2740-tbjua-6720')
  for (const view of [right(toCustomerSession(minimal())), right(toApplicationSession(minimal()))]) {
    assert.is(view.coupon, '')
    assert.is(view.referral, '')
  }
})

test('V1 and the management view carry the discounts map; the management view its total too', () => {
  assert.equal(right(toCustomerSession(rich())).discounts, { 'mugs#1': 2 })
  const app = right(toApplicationSession(rich()))
  assert.equal(app.discounts, { 'mugs#1': 2 })
  assert.is(app.totalDiscounts, 2)
  assert.is(app.total, 31.09)
})

test('the management view: internal integer profileId from the runtime, profileintegrationid the profile id', () => {
  const app = right(toApplicationSession(rich()))
  assert.is(app.profileId, 7)
  assert.is(app.profileintegrationid, 'alice')
  assert.is(app.storeIntegrationId, 'STORE-001')
  assert.is(app.id, 42)
  const anonymous = right(toApplicationSession({ ...minimal(), profileInternalId: 3 }))
  assert.is(anonymous.profileId, 0)
  assert.is(anonymous.profileintegrationid, '')
  assert.not.ok('storeIntegrationId' in anonymous)
  // A projection made without a runtime has no internal number: 0, as for an anonymous session.
  const { profileInternalId: _, ...bare } = rich()
  assert.is(right(toApplicationSession(bare)).profileId, 0)
})

test('a partially returned session shows its returned and remaining units and its state in every view', () => {
  const p = project(
    fold([...richHistory, { type: 'ItemsReturned', data: { at: t1, returnId: 'r-1', items: [{ position: 0, quantity: 2 }], rolledBack: [] } }]),
  )
  for (const render of Object.values(renderers)) {
    const v = right<{ state: string; cartItems: { returnedQuantity: number; remainingQuantity: number }[] }>(render(p))
    assert.is(v.state, 'partially_returned')
    assert.equal([v.cartItems[0]!.returnedQuantity, v.cartItems[0]!.remainingQuantity], [2, 1])
  }
  assert.is(right(toCustomerSessionV2(p)).cartItemTotal, 16.2)
})

test('no session, no view: SessionNotFound, from every renderer', () => {
  const none: SessionProjection = project(initialState)
  for (const [name, render] of Object.entries(renderers)) {
    const r = render(none)
    assert.ok(E.isLeft(r), name)
    if (E.isLeft(r)) assert.is(r.left.code, 'SessionNotFound')
  }
})

test('a view copies only the wire fields of a line, whatever else the projection carries', () => {
  const p = rich()
  const line = { ...p.cartItems[1]!, internalNote: 'x' } as SessionProjection['cartItems'][number]
  const v = right(toCustomerSessionV2({ ...p, cartItems: [line] }))
  assert.not.ok('internalNote' in v.cartItems[0]!)
})

test.run()
