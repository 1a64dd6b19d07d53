import { decide, decodePolicy, evaluatePolicy, fold, initialState, project, type SessionState } from 'cartfold'

// A policy is data: decode it once, where it comes in (a file's text goes through parsePolicy).
const decoded = decodePolicy({
  rules: [
    { name: 'mugs', target: { type: 'item', scope: 'price', categories: ['mugs'] }, percent: 20 },
    { name: 'tenOffCart', when: { minCartItemTotal: 50 }, target: { type: 'session', scope: 'cartItems' }, percent: 10 },
    { name: 'freeShipping', when: { coupon: 'FREESHIP' }, target: { type: 'additionalCost', name: 'shipping' }, percent: 100 },
  ],
})
if (decoded._tag === 'Left') throw new Error(decoded.left.message)
const policy = decoded.right

let state: SessionState = initialState
const step = (command: unknown) => {
  const decision = decide(command, state, { now: '2026-11-22T10:00:00.000Z', policy, newId: () => 'return-1' })
  if (decision._tag === 'Left') throw new Error(decision.left.message)
  state = fold(decision.right, state)
}

step({
  type: 'CreateSession',
  data: {
    integrationId: 'cart-9',
    applicationId: 1,
    currency: 'EUR',
    couponCodes: ['FREESHIP'],
    additionalCosts: { shipping: { price: 5.9 } },
    cartItems: [
      { sku: 'MUG', category: 'mugs', quantity: 2, price: 12.5 },
      { sku: 'TEAPOT', quantity: 1, price: 40 },
    ],
  },
})
// While the session is open, its discounts are a preview: the policy on the current cart.
console.log('preview', project(state, { policy }).discounts)
for (const e of evaluatePolicy(state, policy)) console.log(`  effect ${e.effectId}: ${e.type} ${e.ruleName} ${e.value}${e.position === undefined ? '' : ` on unit (${e.position}, ${e.subPosition})`}`)

// Closing records the granted effects in `Closed`; from then on only the events count.
step({ type: 'CloseSession', data: {} })
const closed = project(state)
console.log('closed', closed.discounts, 'totalDiscounts', closed.totalDiscounts)

// A return rolls back the returned unit's per-item effects and its shares of session discounts.
step({ type: 'ReturnItems', data: { items: [{ sku: 'MUG', quantity: 1 }] } })
const [ret] = project(state).returns
console.log(`return ${ret?.returnId}: value ${ret?.value}, rolled back ${ret?.rolledBackDiscounts}, refund ${ret?.refund}`)
