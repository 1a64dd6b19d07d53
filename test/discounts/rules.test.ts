import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decide, evaluatePolicy, fold, initialState, project, type SessionEvent } from '../../src/index.ts'
import { now, policyOf, session } from './support.ts'

const rules = suite('discounts: targets, scopes and the cascade')

rules('rules cascade: a rule takes its percentage of what the rules before it left', () => {
  const policy = policyOf({
    rules: [
      { name: 'first', target: { type: 'session', scope: 'cartItems' }, percent: 10 },
      { name: 'second', target: { type: 'session', scope: 'cartItems' }, percent: 10 },
      { name: 'perUnit', target: { type: 'item', scope: 'price' }, percent: 50 },
    ],
  })
  const s = session(policy, { cartItems: [{ sku: 'a', quantity: 1, price: 100 }] })
  // 10.00 of 100.00, then 9.00 of 90.00, then 40.50 of the 81.00 left of the unit.
  assert.equal(s.close().effects.map((e) => e.value), [10, 9, 40.5])
  assert.equal(s.project().discounts, { first: 10, second: 9, 'perUnit#0': 40.5 })
})

rules('per-item rules match by SKU list or category list; per-item additionalCosts and itemTotal scopes', () => {
  const policy = policyOf({
    rules: [
      { name: 'mugs', target: { type: 'item', scope: 'price', categories: ['mugs'] }, percent: 20 },
      { name: 'wrap', target: { type: 'item', scope: 'additionalCosts', skus: ['tee'] }, amount: 0.5 },
      { name: 'all', target: { type: 'item', scope: 'itemTotal' }, amount: 6 },
    ],
  })
  const s = session(policy, {
    cartItems: [
      { sku: 'mug', category: 'mugs', quantity: 1, price: 10 },
      { sku: 'tee', quantity: 1, price: 10, additionalCosts: { giftWrap: { price: 2 } } },
    ],
  })
  const effects = s.close().effects
  assert.equal(effects.map((e) => [e.ruleName, e.scope, e.position, e.value]), [
    ['mugs', 'price', 0, 2],
    ['wrap', 'additionalCosts', 1, 0.5],
    ['all', 'itemTotal', 0, 6],
    ['all', 'itemTotal', 1, 6],
  ])
  assert.equal(s.project().discounts, { 'mugs#0': 2, 'wrap#1': 0.5, 'all#0': 6, 'all#1': 6 })
  // Returning the tee rolls back both its per-item effects, whatever their scope.
  assert.equal(s.returnItems({ position: 1, quantity: 1 }).rolledBack, [
    { effectId: 1, value: 0.5 },
    { effectId: 3, value: 6 },
  ])
  assert.is(s.project().returns[0]!.value, 12)
  assert.is(s.project().returns[0]!.refund, 5.5)
})

rules('a per-item itemTotal grant comes off price and costs pro rata; sessionTotal shares cover every cell', () => {
  const policy = policyOf({
    rules: [
      { name: 'unit', target: { type: 'item', scope: 'itemTotal' }, amount: 6 },
      { name: 'rest', target: { type: 'session', scope: 'sessionTotal' }, percent: 100 },
    ],
  })
  const s = session(policy, {
    cartItems: [{ sku: 'tee', quantity: 1, price: 10, additionalCosts: { giftWrap: { price: 2 } } }],
    additionalCosts: { shipping: { price: 4 } },
  })
  // 6.00 over 10.00 / 2.00 leaves 5.00 / 1.00; the rest takes those and the shipping.
  assert.equal(s.close().effects[1], {
    effectId: 1,
    ruleName: 'rest',
    type: 'setDiscount',
    value: 10,
    scope: 'sessionTotal',
    shares: [
      { cell: 'unitPrice', value: 5, position: 0, subPosition: 0 },
      { cell: 'unitAdditionalCosts', value: 1, position: 0, subPosition: 0 },
      { cell: 'sessionAdditionalCost', value: 4, additionalCost: 'shipping' },
    ],
  })
  // A return takes back the unit's shares (price and costs together), never the shipping's.
  assert.equal(s.returnItems({ position: 0, quantity: 1 }).rolledBack, [
    { effectId: 0, value: 6 },
    { effectId: 1, value: 6, position: 0, subPosition: 0 },
  ])
  assert.equal(s.project().discounts, { rest: 4 })
  assert.equal(s.cancel().rolledBack, [{ effectId: 1, value: 4 }])
})

rules('ties between cells: a unit price before its costs, session costs last and by name', () => {
  const policy = policyOf({ rules: [{ name: 'three', target: { type: 'session', scope: 'sessionTotal' }, amount: 0.03 }] })
  const s = session(policy, {
    cartItems: [{ sku: 'a', quantity: 1, price: 1, additionalCosts: { wrap: { price: 1 } } }],
    additionalCosts: { packing: { price: 1 }, insurance: { price: 1 } },
  })
  assert.equal(s.close().effects[0]!.shares, [
    { cell: 'unitPrice', value: 0.01, position: 0, subPosition: 0 },
    { cell: 'unitAdditionalCosts', value: 0.01, position: 0, subPosition: 0 },
    { cell: 'sessionAdditionalCost', value: 0.01, additionalCost: 'insurance' },
  ])
})

rules('session additionalCosts scope and per-additional-cost rules; a cost the session lacks grants nothing', () => {
  const policy = policyOf({
    rules: [
      { name: 'halfCosts', target: { type: 'session', scope: 'additionalCosts' }, percent: 50 },
      { name: 'wrapFree', target: { type: 'additionalCost', name: 'giftWrap' }, percent: 100 },
      { name: 'shippingTwo', target: { type: 'additionalCost', name: 'shipping' }, amount: 2 },
    ],
  })
  const s = session(policy, {
    cartItems: [{ sku: 'a', quantity: 2, price: 5 }],
    additionalCosts: { shipping: { price: 6 }, handling: { price: 1 } },
  })
  const effects = s.close().effects
  assert.equal(effects.map((e) => [e.effectId, e.ruleName, e.value]), [
    [0, 'halfCosts', 3.5],
    [1, 'shippingTwo', 2],
  ])
  assert.equal(effects[0]!.shares, [
    { cell: 'sessionAdditionalCost', value: 0.5, additionalCost: 'handling' },
    { cell: 'sessionAdditionalCost', value: 3, additionalCost: 'shipping' },
  ])
  // Session-level costs are not returned: their discounts stay until a cancel.
  assert.equal(s.returnItems({ position: 0, quantity: 2 }).rolledBack, [])
  assert.equal(s.project().discounts, { halfCosts: 3.5, shippingTwo: 2 })
})

rules('a grant of 0 is not recorded, and effect ids stay contiguous', () => {
  const policy = policyOf({
    rules: [
      { name: 'zero', target: { type: 'session', scope: 'cartItems' }, percent: 0 },
      { name: 'freeUnits', target: { type: 'item', scope: 'price', skus: ['free'] }, amount: 1 },
      { name: 'tiny', target: { type: 'session', scope: 'cartItems' }, percent: 0.1, },
      { name: 'one', target: { type: 'session', scope: 'cartItems' }, amount: 1 },
    ],
  })
  const s = session(policy, {
    cartItems: [
      { sku: 'free', quantity: 1, price: 0 },
      { sku: 'a', quantity: 1, price: 4 },
    ],
  })
  // 0.1% of 4.00 is 0.004: rounds to 0.00 and is not recorded either.
  const effects = s.close().effects
  assert.equal(effects.map((e) => [e.effectId, e.ruleName, e.value]), [[0, 'one', 1]])
  // The free unit's share is 0: not recorded.
  assert.equal(effects[0]!.shares, [{ cell: 'unitPrice', value: 1, position: 1, subPosition: 0 }])
})

rules('currency precision: JPY rounds to yen, KWD to fils; a fixed amount too precise for the currency does not apply', () => {
  const policy = policyOf({
    rules: [
      { name: 'half', target: { type: 'session', scope: 'cartItems' }, percent: 12.5 },
      { name: 'fraction', target: { type: 'session', scope: 'cartItems' }, amount: 0.125 },
    ],
  })
  const yen = session(policy, { currency: 'JPY', cartItems: [{ sku: 'a', quantity: 1, price: 1001 }] })
  // 12.5% of 1001 is 125.125, 125 yen; 0.125 yen cannot be paid: that rule grants nothing.
  assert.equal(yen.close().effects.map((e) => [e.ruleName, e.value]), [['half', 125]])
  const dinar = session(policy, { currency: 'KWD', cartItems: [{ sku: 'a', quantity: 1, price: 1.001 }] })
  // 12.5% of 1.001 is 0.125125: 0.125; then 0.125 off the 0.876 left.
  assert.equal(dinar.close().effects.map((e) => [e.ruleName, e.value]), [['half', 0.125], ['fraction', 0.125]])
  assert.is(dinar.project().totalDiscounts, 0.25)
})

const conditions = suite('discounts: conditions')

const conditional = (when: Record<string, unknown>) =>
  policyOf({ rules: [{ name: 'r', when, target: { type: 'session', scope: 'cartItems' }, amount: 1 }] })
const granted = (when: Record<string, unknown>, create: Record<string, unknown>) =>
  session(conditional(when), { cartItems: [{ sku: 'a', quantity: 2, price: 25 }], ...create }).close().effects.length === 1

conditions('coupon: any code, or a given code', () => {
  assert.ok(granted({ coupon: true }, { couponCodes: ['X'] }))
  assert.not.ok(granted({ coupon: true }, {}))
  assert.ok(granted({ coupon: 'B' }, { couponCodes: ['A', 'B'] }))
  assert.not.ok(granted({ coupon: 'C' }, { couponCodes: ['A', 'B'] }))
})

conditions('referral: any code, or a given code', () => {
  assert.ok(granted({ referral: true }, { referralCode: 'FRIEND' }))
  assert.not.ok(granted({ referral: true }, {}))
  assert.ok(granted({ referral: 'FRIEND' }, { referralCode: 'FRIEND' }))
  assert.not.ok(granted({ referral: 'FRIEND' }, { referralCode: 'OTHER' }))
})

conditions('firstSession, minCartItemTotal (inclusive), attributes; all must hold', () => {
  assert.ok(granted({ firstSession: true }, { profileId: '' }))
  assert.not.ok(granted({ firstSession: true }, { profileId: 'p-1' }))
  assert.ok(granted({ firstSession: false }, { profileId: 'p-1' }))
  assert.ok(granted({ minCartItemTotal: 50 }, {}))
  assert.not.ok(granted({ minCartItemTotal: 50.001 }, {}))
  assert.ok(granted({ attributes: { tier: 'gold', vip: true, visits: 3 } }, { attributes: { tier: 'gold', vip: true, visits: 3 } }))
  assert.not.ok(granted({ attributes: { visits: 3 } }, { attributes: { visits: '3' } }))
  assert.not.ok(granted({ attributes: { tier: 'gold' } }, { attributes: { tier: 'silver' } }))
  assert.not.ok(granted({ attributes: { tier: null } }, { attributes: {} }))
  assert.not.ok(granted({ coupon: true, minCartItemTotal: 10 }, { couponCodes: [] }))
  assert.ok(granted({ coupon: true, minCartItemTotal: 10 }, { couponCodes: ['X'] }))
})

const lifecycle = suite('discounts: effects in the events')

const tenOff = policyOf({ rules: [{ name: 'tenOff', target: { type: 'session', scope: 'cartItems' }, percent: 10 }] })
const halfOff = policyOf({ rules: [{ name: 'halfOff', target: { type: 'item', scope: 'price' }, percent: 50 }] })
const cart = { cartItems: [{ sku: 'a', quantity: 2, price: 30 }] }

lifecycle('while open, project previews what the policy would grant now; without a policy, nothing', () => {
  const s = session(tenOff, cart)
  assert.equal(s.project({ policy: tenOff }).discounts, { tenOff: 6 })
  assert.equal(s.project({ policy: halfOff }).discounts, { 'halfOff#0': 30 })
  assert.equal(s.project().discounts, {})
  s.run({ type: 'AddItems', data: { cartItems: [{ sku: 'b', quantity: 1, price: 40 }] } })
  assert.equal(s.project({ policy: tenOff }).discounts, { tenOff: 10 })
})

lifecycle('once closed, the projection reads only recorded effects: replaying with another policy changes nothing', () => {
  const s = session(tenOff, cart)
  s.close()
  s.returnItems({ position: 0, quantity: 1 })
  // A log read back from JSON, projected under a different policy.
  const replayed: SessionEvent[] = JSON.parse(JSON.stringify(s.events))
  const original = project(fold(s.events), { policy: tenOff })
  const again = project(fold(replayed), { policy: halfOff })
  assert.equal(again.discounts, { tenOff: 3 })
  assert.equal(again.discounts, original.discounts)
  assert.equal(again.effects, original.effects)
  assert.equal(again.returns, original.returns)
})

lifecycle('reopen rolls back everything granted at close; the next close evaluates again', () => {
  const s = session(tenOff, cart)
  s.close()
  assert.equal(s.reopen().rolledBack, [{ effectId: 0, value: 6 }])
  assert.equal(s.project().discounts, {})
  s.run({ type: 'RemoveItems', data: { items: [{ position: 0, quantity: 1 }] } })
  assert.equal(s.close().effects.map((e) => e.value), [3])
})

lifecycle('cancelling an open session rolls back nothing; a legacy closed create records its effects', () => {
  const open = session(tenOff, cart)
  assert.equal(open.cancel().rolledBack, [])
  const legacy = session(tenOff, { ...cart, state: 'closed' })
  assert.equal(legacy.events.map((e) => e.type), ['Created', 'ItemsAdded', 'Closed'])
  assert.equal(legacy.project().discounts, { tenOff: 6 })
})

lifecycle('an invalid policy in the context refuses the close with its path; a preview grants nothing', () => {
  const bad = { rules: [{ name: 'x', target: { type: 'basket' }, percent: 5 }] } as never
  const state = fold(session(undefined, cart).events)
  const close = decide({ type: 'CloseSession', data: {} }, state, { now, policy: bad })
  assert.ok(close._tag === 'Left')
  if (close._tag === 'Left') {
    assert.is(close.left.code, 'ValidationFailed')
    assert.is(close.left.path, 'context.policy.rules[0].target.type')
    assert.match(close.left.message, /unknown target "basket"/)
  }
  const create = decide({ type: 'CreateSession', data: { integrationId: 's-2', applicationId: 1, ...cart, state: 'closed' } }, initialState, { now, policy: bad })
  assert.ok(create._tag === 'Left' && create.left.path === 'context.policy.rules[0].target.type')
  assert.equal(evaluatePolicy(state, bad), [])
  assert.equal(evaluatePolicy(state, 'not a policy' as never), [])
  assert.equal(project(state, { policy: bad }).discounts, {})
})

rules.run()
conditions.run()
lifecycle.run()
