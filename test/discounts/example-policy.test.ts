import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parsePolicy } from '../../src/index.ts'
import { session } from './support.ts'

// The walkthrough of docs/discounts.md, number for number, on examples/policy.json.
const walkthrough = suite('discounts: the docs walkthrough on examples/policy.json')

const parsed = parsePolicy(readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8'))
if (parsed._tag === 'Left') throw new Error(parsed.left.message)
const policy = parsed.right

const order = () =>
  session(policy, {
    profileId: 'p-1',
    couponCodes: ['FREESHIP'],
    referralCode: 'FRIEND',
    attributes: { tier: 'gold' },
    cartItems: [
      { sku: 'MUG-1', category: 'mugs', quantity: 2, price: 12.5 },
      { sku: 'GIFT-BOX', quantity: 1, price: 30, additionalCosts: { giftWrap: { price: 4 } } },
    ],
    additionalCosts: { shipping: { price: 5.9 }, packing: { price: 1 } },
  })

walkthrough('close: the effects, shares and discounts', () => {
  const s = order()
  assert.equal(s.close().effects, [
    { effectId: 0, ruleName: 'mugs', type: 'setDiscountPerItem', value: 2.5, scope: 'price', position: 0, subPosition: 0 },
    { effectId: 1, ruleName: 'mugs', type: 'setDiscountPerItem', value: 2.5, scope: 'price', position: 0, subPosition: 1 },
    { effectId: 2, ruleName: 'wrap', type: 'setDiscountPerItem', value: 2, scope: 'additionalCosts', position: 1, subPosition: 0 },
    {
      effectId: 3,
      ruleName: 'tenOffCart',
      type: 'setDiscount',
      value: 5,
      scope: 'cartItems',
      shares: [
        { cell: 'unitPrice', value: 1, position: 0, subPosition: 0 },
        { cell: 'unitPrice', value: 1, position: 0, subPosition: 1 },
        { cell: 'unitPrice', value: 3, position: 1, subPosition: 0 },
      ],
    },
    { effectId: 4, ruleName: 'freeShipping', type: 'setDiscountPerAdditionalCost', value: 5.9, additionalCost: 'shipping' },
    {
      effectId: 5,
      ruleName: 'goldCosts',
      type: 'setDiscount',
      value: 0.5,
      scope: 'additionalCosts',
      shares: [{ cell: 'sessionAdditionalCost', value: 0.5, additionalCost: 'packing' }],
    },
    {
      effectId: 6,
      ruleName: 'referred',
      type: 'setDiscount',
      value: 3,
      scope: 'sessionTotal',
      shares: [
        { cell: 'unitPrice', value: 0.57, position: 0, subPosition: 0 },
        { cell: 'unitPrice', value: 0.57, position: 0, subPosition: 1 },
        { cell: 'unitPrice', value: 1.7, position: 1, subPosition: 0 },
        { cell: 'unitAdditionalCosts', value: 0.13, position: 1, subPosition: 0 },
        { cell: 'sessionAdditionalCost', value: 0.03, additionalCost: 'packing' },
      ],
    },
  ])
  const p = s.project()
  assert.equal(p.discounts, { 'mugs#0': 5, 'wrap#1': 2, tenOffCart: 5, freeShipping: 5.9, goldCosts: 0.5, referred: 3 })
  assert.is(p.totalDiscounts, 21.4)
  assert.is(p.total, 65.9)
})

walkthrough('two returns, then a cancel', () => {
  const s = order()
  s.close()
  assert.equal(s.returnItems({ position: 0, quantity: 1 }).rolledBack, [
    { effectId: 1, value: 2.5 },
    { effectId: 3, value: 1, position: 0, subPosition: 1 },
    { effectId: 6, value: 0.57, position: 0, subPosition: 1 },
  ])
  assert.equal(s.returnItems({ position: 1, quantity: 1 }).rolledBack, [
    { effectId: 2, value: 2 },
    { effectId: 3, value: 3, position: 1, subPosition: 0 },
    { effectId: 6, value: 1.83, position: 1, subPosition: 0 },
  ])
  assert.equal(
    s.project().returns.map(({ value, rolledBackDiscounts, refund }) => ({ value, rolledBackDiscounts, refund })),
    [
      { value: 12.5, rolledBackDiscounts: 4.07, refund: 8.43 },
      { value: 34, rolledBackDiscounts: 6.83, refund: 27.17 },
    ],
  )
  assert.equal(s.project().discounts, { 'mugs#0': 2.5, tenOffCart: 1, freeShipping: 5.9, goldCosts: 0.5, referred: 0.6 })
  assert.equal(s.cancel().rolledBack, [
    { effectId: 0, value: 2.5 },
    { effectId: 3, value: 1 },
    { effectId: 4, value: 5.9 },
    { effectId: 5, value: 0.5 },
    { effectId: 6, value: 0.6 },
  ])
})

walkthrough('a first session without coupon or referral gets the welcome discount first', () => {
  const s = session(policy, { cartItems: [{ sku: 'MUG-1', category: 'mugs', quantity: 1, price: 12.5 }] })
  // 5.00 off, then 20% of the 7.50 left; below 50.00 the cart rule does not apply.
  assert.equal(s.close().effects.map((e) => [e.ruleName, e.value]), [['welcome', 5], ['mugs', 1.5]])
})

walkthrough.run()
