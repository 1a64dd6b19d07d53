import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Effect, minorOf, type RollBack } from '../../src/index.ts'
import { policyOf, session } from './support.ts'

const properties = suite('discounts: properties')

const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => c / 100)

const line = fc.record(
  {
    sku: fc.constantFrom('a', 'b', 'c'),
    quantity: fc.integer({ min: 1, max: 4 }),
    price: cents(10_000),
    category: fc.constantFrom('mugs', 'tees'),
    additionalCosts: fc.record({ wrap: fc.record({ price: cents(500) }) }),
  },
  { requiredKeys: ['sku', 'quantity', 'price'] },
)

const sessionCosts = fc.record({ shipping: fc.record({ price: cents(1_000) }), handling: fc.record({ price: cents(300) }) }, { requiredKeys: [] })

const target = fc.oneof(
  fc.record({ type: fc.constant('session'), scope: fc.constantFrom('cartItems', 'additionalCosts', 'sessionTotal') }),
  fc.record({ type: fc.constant('item'), scope: fc.constantFrom('price', 'additionalCosts', 'itemTotal') }),
  fc.record({ type: fc.constant('item'), scope: fc.constantFrom('price', 'itemTotal'), skus: fc.constant(['a', 'c']) }),
  fc.record({ type: fc.constant('item'), scope: fc.constantFrom('price', 'itemTotal'), categories: fc.constant(['mugs']) }),
  fc.record({ type: fc.constant('additionalCost'), name: fc.constantFrom('shipping', 'handling', 'insurance') }),
)

const amountOf = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((p) => ({ percent: p / 100 })),
  cents(6_000).map((amount) => ({ amount })),
)

const policy = fc
  .record({
    rounding: fc.constantFrom('halfUp', 'halfEven', 'down'),
    rules: fc.array(
      fc.record({ target, amount: amountOf, coupon: fc.boolean() }).map(({ target, amount, coupon }) => ({
        target,
        ...amount,
        ...(coupon ? { when: { coupon: 'SAVE' } } : {}),
      })),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ rounding, rules }) => policyOf({ rounding, rules: rules.map((rule, i) => ({ name: `rule${i}`, ...rule })) }))

const scenario = fc.record({
  policy,
  cartItems: fc.array(line, { minLength: 1, maxLength: 5 }),
  additionalCosts: sessionCosts,
  couponCodes: fc.constantFrom([], ['SAVE']),
  // each return: a seed per line choosing how many of what remains goes back
  returns: fc.array(fc.array(fc.nat(4), { minLength: 5, maxLength: 5 }), { maxLength: 3 }),
})

const m = (amount: number) => minorOf(amount, 2)
const sumOf = (values: readonly number[]) => values.reduce((s, v) => s + m(v), 0)

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

/** Closes a random session, returns random units, then optionally everything left. */
const play = (s: Scenario, returnAll: boolean) => {
  const run = session(s.policy, { cartItems: s.cartItems, additionalCosts: s.additionalCosts, couponCodes: s.couponCodes })
  const preview = run.project({ policy: s.policy })
  const closed = run.close()
  const atClose = run.project()
  const rolledBack: RollBack[] = []
  const remaining = s.cartItems.map((l) => l.quantity)
  const returnSome = (pick: (position: number) => number) => {
    const items = remaining.flatMap((left, position) => {
      const quantity = Math.min(left, pick(position))
      remaining[position] = left - quantity
      return quantity > 0 ? [{ position, quantity }] : []
    })
    if (items.length > 0) rolledBack.push(...run.returnItems(...items).rolledBack)
  }
  for (const seeds of s.returns) returnSome((position) => seeds[position]!)
  if (returnAll) returnSome((position) => remaining[position]!)
  rolledBack.push(...run.cancel().rolledBack)
  return { run, preview, effects: closed.effects, atClose, rolledBack }
}

const params = { numRuns: 300 }

properties('the roll-backs of a full return plus a cancel equal the granted effects exactly', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { effects, rolledBack, run } = play(s, true)
      const back = new Map<number, number>()
      for (const r of rolledBack) back.set(r.effectId, (back.get(r.effectId) ?? 0) + m(r.value))
      assert.equal(
        [...back.entries()].sort((a, b) => a[0] - b[0]),
        effects.map((e) => [e.effectId, m(e.value)]),
      )
      assert.is(run.project().totalDiscounts, 0)
    }),
    params,
  )
})

properties('the sum of refunds never exceeds what was paid, and no refund is negative', () => {
  fc.assert(
    fc.property(scenario, fc.boolean(), (s, returnAll) => {
      const { atClose, run } = play(s, returnAll)
      const paid = m(atClose.total) - m(atClose.totalDiscounts)
      const refunds = run.project().returns.map((r) => m(r.refund))
      for (const refund of refunds) assert.ok(refund >= 0)
      assert.ok(refunds.reduce((a, b) => a + b, 0) <= paid)
    }),
    params,
  )
})

properties('no amount is ever discounted below zero: per unit, per session cost, in total', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { effects, atClose } = play(s, false)
      const taken = new Map<string, number>()
      const take = (key: string, value: number) => taken.set(key, (taken.get(key) ?? 0) + m(value))
      for (const e of effects) {
        assert.ok(m(e.value) > 0, 'a grant of 0 is not recorded')
        if (e.desiredValue !== undefined) assert.ok(m(e.desiredValue) > m(e.value))
        if (e.type === 'setDiscountPerItem') take(`${e.position}:${e.subPosition}`, e.value)
        if (e.type === 'setDiscountPerAdditionalCost') take(e.additionalCost!, e.value)
        for (const share of e.shares ?? []) take(share.additionalCost ?? `${share.position}:${share.subPosition}`, share.value)
      }
      s.cartItems.forEach((l, position) => {
        const unit = m(l.price) + m(l.additionalCosts?.wrap.price ?? 0)
        for (let sub = 0; sub < l.quantity; sub++) assert.ok((taken.get(`${position}:${sub}`) ?? 0) <= unit)
      })
      for (const [name, cost] of Object.entries(s.additionalCosts)) assert.ok((taken.get(name) ?? 0) <= m(cost.price))
      assert.ok(m(atClose.totalDiscounts) <= m(atClose.total))
    }),
    params,
  )
})

properties('shares always add up to the discount; the preview equals what close records', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { effects, preview } = play(s, false)
      for (const e of effects.filter((e: Effect) => e.type === 'setDiscount')) {
        assert.is(sumOf(e.shares!.map((share) => share.value)), m(e.value))
        for (const share of e.shares!) assert.ok(m(share.value) > 0)
      }
      assert.equal(preview.effects, effects)
    }),
    params,
  )
})

properties.run()
