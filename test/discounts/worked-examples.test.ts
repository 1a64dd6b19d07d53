import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { policyOf, session } from './support.ts'

// Worked examples, every number written out by hand (domain.md section 6).
const examples = suite('discounts: worked examples')

examples('5.00 off per item on 1 x 60.00 and 2 x 20.00, then one unit of the second line returned', () => {
  const policy = policyOf({ rules: [{ name: 'fiveOff', target: { type: 'item', scope: 'price' }, amount: 5 }] })
  const s = session(policy, {
    cartItems: [
      { sku: 'boots', quantity: 1, price: 60 },
      { sku: 'socks', quantity: 2, price: 20 },
    ],
  })
  assert.equal(s.close().effects, [
    { effectId: 0, ruleName: 'fiveOff', type: 'setDiscountPerItem', value: 5, scope: 'price', position: 0, subPosition: 0 },
    { effectId: 1, ruleName: 'fiveOff', type: 'setDiscountPerItem', value: 5, scope: 'price', position: 1, subPosition: 0 },
    { effectId: 2, ruleName: 'fiveOff', type: 'setDiscountPerItem', value: 5, scope: 'price', position: 1, subPosition: 1 },
  ])
  assert.equal(s.project().discounts, { 'fiveOff#0': 5, 'fiveOff#1': 10 })
  assert.is(s.project().totalDiscounts, 15)

  // The highest subPosition leaves first: the unit (1, 1), whose per-item effect is effect 2.
  assert.equal(s.returnItems({ position: 1, quantity: 1 }).rolledBack, [{ effectId: 2, value: 5 }])
  const after = s.project()
  assert.equal(after.returns.map(({ value, rolledBackDiscounts, refund }) => ({ value, rolledBackDiscounts, refund })), [
    { value: 20, rolledBackDiscounts: 5, refund: 15 },
  ])
  assert.equal(after.discounts, { 'fiveOff#0': 5, 'fiveOff#1': 5 })
  assert.is(after.totalDiscounts, 10)
  assert.equal(after.effects.map((e) => e.value), [5, 5, 0])

  // Cancel rolls back what is still granted, and nothing twice.
  assert.equal(s.cancel().rolledBack, [
    { effectId: 0, value: 5 },
    { effectId: 1, value: 5 },
  ])
  assert.equal(s.project().discounts, {})
  assert.is(s.project().totalDiscounts, 0)
})

const cartAndShipping = {
  rules: [
    { name: 'tenOffCart', target: { type: 'session', scope: 'cartItems' }, percent: 10 },
    { name: 'freeShipping', when: { coupon: 'FREESHIP' }, target: { type: 'additionalCost', name: 'shipping' }, percent: 100 },
  ],
}
// 2 x 24.90 + 1 x 10.05 = 59.85; 10% is 5.985, which half-up rounds to 5.99.
const cartWithShipping = (couponCodes: string[]) => ({
  couponCodes,
  cartItems: [
    { sku: 'mug', quantity: 2, price: 24.9 },
    { sku: 'tee', quantity: 1, price: 10.05 },
  ],
  additionalCosts: { shipping: { price: 7.99 } },
})

examples('10% off the cart with a 7.99 shipping cost, and 100% off shipping behind a coupon', () => {
  const s = session(policyOf(cartAndShipping), cartWithShipping(['FREESHIP']))
  // Shares of 599 cents over 2490 / 2490 / 1005 (sum 5985): floors 249 / 249 / 100 with remainders
  // 1245 / 1245 / 3495, so the one cent left goes to the tee.
  assert.equal(s.close().effects, [
    {
      effectId: 0,
      ruleName: 'tenOffCart',
      type: 'setDiscount',
      value: 5.99,
      scope: 'cartItems',
      shares: [
        { cell: 'unitPrice', value: 2.49, position: 0, subPosition: 0 },
        { cell: 'unitPrice', value: 2.49, position: 0, subPosition: 1 },
        { cell: 'unitPrice', value: 1.01, position: 1, subPosition: 0 },
      ],
    },
    { effectId: 1, ruleName: 'freeShipping', type: 'setDiscountPerAdditionalCost', value: 7.99, additionalCost: 'shipping' },
  ])
  const p = s.project()
  assert.equal(p.discounts, { tenOffCart: 5.99, freeShipping: 7.99 })
  assert.is(p.totalDiscounts, 13.98)
  assert.is(p.total, 67.84)

  // Returning the tee takes back its share of the cart discount; shipping is not returned.
  assert.equal(s.returnItems({ position: 1, quantity: 1 }).rolledBack, [{ effectId: 0, value: 1.01, position: 1, subPosition: 0 }])
  assert.equal(s.project().returns[0]!.refund, 9.04)
  assert.equal(s.project().discounts, { tenOffCart: 4.98, freeShipping: 7.99 })
  assert.equal(s.cancel().rolledBack, [
    { effectId: 0, value: 4.98 },
    { effectId: 1, value: 7.99 },
  ])
})

examples('without the coupon, shipping is not discounted', () => {
  const s = session(policyOf(cartAndShipping), cartWithShipping([]))
  assert.equal(s.close().effects.map((e) => [e.ruleName, e.value]), [['tenOffCart', 5.99]])
})

examples('rounding: 5.985 is 5.99 half-up, 5.98 half-even and 5.98 down', () => {
  for (const [rounding, expected] of [['halfUp', 5.99], ['halfEven', 5.98], ['down', 5.98]] as const) {
    const s = session(policyOf({ ...cartAndShipping, rounding }), cartWithShipping([]))
    assert.is(s.close().effects[0]!.value, expected, rounding)
  }
  // 10% of 59.95 is 5.995: half-even goes to the even neighbour above, 6.00.
  const cart = { cartItems: [{ sku: 'a', quantity: 1, price: 59.95 }] }
  const halfEven = session(policyOf({ ...cartAndShipping, rounding: 'halfEven' }), cart)
  assert.is(halfEven.close().effects[0]!.value, 6)
})

examples('a fixed 30.00 off a 25.00 cart is capped at 25.00 and keeps desiredValue 30', () => {
  const policy = policyOf({
    rules: [
      { name: 'thirtyOff', target: { type: 'session', scope: 'cartItems' }, amount: 30 },
      { name: 'nothingLeft', target: { type: 'session', scope: 'cartItems' }, percent: 50 },
      { name: 'perUnitNothingLeft', target: { type: 'item', scope: 'itemTotal' }, amount: 1 },
    ],
  })
  const s = session(policy, { cartItems: [{ sku: 'scarf', quantity: 1, price: 25 }] })
  // Nothing is left for the later rules: a grant of 0 is not recorded.
  assert.equal(s.close().effects, [
    {
      effectId: 0,
      ruleName: 'thirtyOff',
      type: 'setDiscount',
      value: 25,
      desiredValue: 30,
      scope: 'cartItems',
      shares: [{ cell: 'unitPrice', value: 25, position: 0, subPosition: 0 }],
    },
  ])
  assert.equal(s.project().discounts, { thirtyOff: 25 })
  const back = s.returnItems({ position: 0, quantity: 1 })
  assert.equal(back.rolledBack, [{ effectId: 0, value: 25, position: 0, subPosition: 0 }])
  assert.is(s.project().returns[0]!.refund, 0)
})

examples('10.00 off 3 equal units splits 3.34 / 3.33 / 3.33, the odd cent to the earliest unit', () => {
  const policy = policyOf({ rules: [{ name: 'tenOff', target: { type: 'session', scope: 'cartItems' }, amount: 10 }] })
  const s = session(policy, { cartItems: [{ sku: 'glass', quantity: 3, price: 10 }] })
  assert.equal(s.close().effects[0]!.shares, [
    { cell: 'unitPrice', value: 3.34, position: 0, subPosition: 0 },
    { cell: 'unitPrice', value: 3.33, position: 0, subPosition: 1 },
    { cell: 'unitPrice', value: 3.33, position: 0, subPosition: 2 },
  ])
  // Units leave highest subPosition first: (0, 2), then (0, 1), then (0, 0).
  assert.equal(s.returnItems({ position: 0, quantity: 1 }).rolledBack, [{ effectId: 0, value: 3.33, position: 0, subPosition: 2 }])
  assert.equal(s.returnItems({ position: 0, quantity: 2 }).rolledBack, [
    { effectId: 0, value: 3.33, position: 0, subPosition: 1 },
    { effectId: 0, value: 3.34, position: 0, subPosition: 0 },
  ])
  assert.equal(s.project().returns.map((r) => r.refund), [6.67, 13.33])
  assert.equal(s.cancel().rolledBack, [])
})

examples('the same split over three lines of one unit goes to the lowest position', () => {
  const policy = policyOf({ rules: [{ name: 'tenOff', target: { type: 'session', scope: 'cartItems' }, amount: 10 }] })
  const s = session(policy, {
    cartItems: [
      { sku: 'a', quantity: 1, price: 10 },
      { sku: 'b', quantity: 1, price: 10 },
      { sku: 'c', quantity: 1, price: 10 },
    ],
  })
  assert.equal(s.close().effects[0]!.shares!.map((share) => [share.position, share.value]), [[0, 3.34], [1, 3.33], [2, 3.33]])
})

examples.run()
