import { suite } from 'uvu'
import { cartItem, created, given, itemsAdded } from '../../src/testing/index.ts'

/** A cart of two lines: 1 x A at 60.00 and 2 x B at 20.00. */
const twoLines = itemsAdded([cartItem({ sku: 'A', price: 60 }), cartItem({ sku: 'B', quantity: 2, price: 20 })])

const limits = suite('limits')
const item = (quantity = 1, price: unknown = 1) => ({ sku: 'S', quantity, price })
const open = [created(), twoLines]

limits('at most 1000 lines: the 1001st is CartLimitExceeded', () => {
  given([created()]).when({ type: 'AddItems', data: { cartItems: Array.from({ length: 1000 }, () => item()) } }).events()
  given(open).when({ type: 'AddItems', data: { cartItems: Array.from({ length: 999 }, () => item()) } }).thenRefuses('CartLimitExceeded', '1001 lines')
})

limits('at most 10,000 units', () => {
  given([created()]).when({ type: 'AddItems', data: { cartItems: [item(10_000)] } }).events()
  given(open).when({ type: 'AddItems', data: { cartItems: [item(9_998)] } }).thenRefuses('CartLimitExceeded', '10001 units')
  given([]).when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, cartItems: [item(10_001)] } }).thenRefuses('CartLimitExceeded')
})

limits('at most 5 identifiers and 1 loyalty card', () => {
  given(open).when({ type: 'UpdateSession', data: { identifiers: ['1', '2', '3', '4', '5'] } }).events()
  given(open).when({ type: 'UpdateSession', data: { identifiers: ['1', '2', '3', '4', '5', '6'] } }).thenRefuses('ValidationFailed', 'UpdateSession.identifiers')
  given(open).when({ type: 'UpdateSession', data: { loyaltyCards: ['a', 'b'] } }).thenRefuses('ValidationFailed', 'UpdateSession.loyaltyCards')
})

limits('coupon codes: 1..100 characters each, at most 100 after repeats are dropped', () => {
  given(open).when({ type: 'UpdateSession', data: { couponCodes: ['x'.repeat(101)] } }).thenRefuses('ValidationFailed', 'UpdateSession.couponCodes[0]')
  given(open).when({ type: 'UpdateSession', data: { couponCodes: [''] } }).thenRefuses('ValidationFailed', 'UpdateSession.couponCodes[0]')
  const hundred = Array.from({ length: 100 }, (_, i) => `C${i}`)
  given(open).when({ type: 'UpdateSession', data: { couponCodes: [...hundred, ...hundred] } }).events()
  given(open).when({ type: 'UpdateSession', data: { couponCodes: [...hundred, 'one-more'] } }).thenRefuses('ValidationFailed', '101 distinct codes')
  given([])
    .when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, couponCodes: [...hundred, 'one-more'] } })
    .thenRefuses('ValidationFailed', 'CreateSession.couponCodes')
})

limits('attribute keys that rewrite prototypes are refused at any depth', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    const attributes = JSON.parse(`{"ok": {"deeper": {"${key}": {"polluted": true}}}}`)
    given(open).when({ type: 'UpdateSession', data: { attributes } }).thenRefuses('ValidationFailed', `UpdateSession.attributes.ok.deeper.${key}`)
    given(open)
      .when({ type: 'AddItems', data: { cartItems: [{ ...item(), attributes: JSON.parse(`{"${key}": 1}`) }] } })
      .thenRefuses('ValidationFailed', `AddItems.cartItems[0].attributes.${key}`)
  }
  given(open).when({ type: 'UpdateSession', data: { additionalCosts: { constructor: { price: 1 } } } }).thenRefuses('ValidationFailed', 'UpdateSession.additionalCosts.constructor')
  given(open).when({ type: 'UpdateSession', data: { additionalCosts: { '1shipping': { price: 1 } } } }).thenRefuses('ValidationFailed', 'UpdateSession.additionalCosts.1shipping')
})

limits('amounts: too many fraction digits, negative, NaN, Infinity are ValidationFailed', () => {
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, 1.999)] } }).thenRefuses('ValidationFailed', 'AddItems.cartItems[0].price: 1.999 has 3 fraction digits, the currency allows 2')
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, -1)] } }).thenRefuses('ValidationFailed', 'AddItems.cartItems[0].price')
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, Number.NaN)] } }).thenRefuses('ValidationFailed', 'AddItems.cartItems[0].price')
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, Number.POSITIVE_INFINITY)] } }).thenRefuses('ValidationFailed')
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, '1.00')] } }).thenRefuses('ValidationFailed')
  given([created({ currency: 'JPY' })]).when({ type: 'AddItems', data: { cartItems: [item(1, 100.5)] } }).thenRefuses('ValidationFailed', 'the currency allows 0')
  given([created({ currency: 'KWD' })]).when({ type: 'AddItems', data: { cartItems: [item(1, 1.005)] } }).events()
  given(open)
    .when({ type: 'AddItems', data: { cartItems: [{ ...item(), additionalCosts: { wrap: { price: 0.001 } } }] } })
    .thenRefuses('ValidationFailed', 'AddItems.cartItems[0].additionalCosts.wrap.price')
})

limits('amounts beyond the safe range of minor units, or totals that would be, are AmountOutOfRange', () => {
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, 1e14)] } }).thenRefuses('AmountOutOfRange', 'AddItems.cartItems[0].price')
  given(open).when({ type: 'AddItems', data: { cartItems: [item(1, 9e13)] } }).events()
  given(open).when({ type: 'AddItems', data: { cartItems: [item(100, 9e13)] } }).thenRefuses('AmountOutOfRange', 'session total')
  given(open).when({ type: 'UpdateSession', data: { additionalCosts: { a: { price: 9e13 }, b: { price: 9e13 } } } }).thenRefuses('AmountOutOfRange')
})

limits('strict messages: unknown fields are refused', () => {
  given(open).when({ type: 'CloseSession', data: { force: true } }).thenRefuses('ValidationFailed', 'unknown field "force"')
  given(open).when({ type: 'AddItems', data: { cartItems: [{ ...item(), colour: 'red' }] } }).thenRefuses('ValidationFailed', 'AddItems.cartItems[0].colour')
  given(open).when({ type: 'CloseSession', data: {}, extra: 1 }).thenRefuses('ValidationFailed', 'unknown field "extra"')
})

limits('validation comes before state', () => {
  given([]).when({ type: 'AddItems', data: { cartItems: [item(0)] } }).thenRefuses('ValidationFailed', 'AddItems.cartItems[0].quantity: expected an integer >= 1, got 0')
})

limits.run()
