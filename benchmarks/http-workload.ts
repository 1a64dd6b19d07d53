import type { DiscountPolicy } from '../src/domain/discounts.ts'

/** The HTTP benchmark's policy: a session discount and a per-item one, so every answer has effects. */
export const workloadPolicy: DiscountPolicy = {
  rules: [
    { name: 'ten', target: { type: 'session', scope: 'cartItems' }, percent: 10, when: { coupon: 'SAVE' } },
    { name: 'mug', target: { type: 'item', scope: 'price', skus: ['MUG'] }, amount: 1 },
  ],
}

const tea = { sku: 'TEA', name: 'Green tea', quantity: 2, price: 4.5 }
const mug = { sku: 'MUG', name: 'Mug', quantity: 1, price: 12 }

/**
 * The two carts each session alternates between: every update request changes the cart (a line
 * added, then removed), so each one decides, appends and answers; the carts stay small.
 */
export const bodies = [
  JSON.stringify({ customerSession: { profileId: 'ann', couponCodes: ['SAVE'], cartItems: [tea, mug] }, responseContent: ['customerSession'] }),
  JSON.stringify({ customerSession: { profileId: 'ann', couponCodes: ['SAVE'], cartItems: [tea] }, responseContent: ['customerSession'] }),
]
