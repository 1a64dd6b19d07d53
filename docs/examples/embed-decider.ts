import { decide, fold, initialState, project, type SessionEvent, type SessionState } from 'cartfold'

// The edges of the world are passed in: a clock reading and, for returns, an id source.
const context = { now: '2026-11-22T10:00:00.000Z', newId: () => 'return-A' }

let state: SessionState = initialState
const history: SessionEvent[] = []
const run = (command: unknown) => {
  const decision = decide(command, state, context)
  if (decision._tag === 'Left') return console.log(`refused: ${decision.left.code}: ${decision.left.message}`)
  history.push(...decision.right)
  state = fold(decision.right, state)
  console.log(`accepted: ${decision.right.map((e) => e.type).join(', ')}`)
}

run({
  type: 'CreateSession',
  data: {
    integrationId: 'order-1001',
    applicationId: 1,
    profileId: 'customer-7',
    currency: 'EUR',
    additionalCosts: { shipping: { price: 4.9 } },
    cartItems: [
      { sku: 'SHIRT', quantity: 2, price: 19.99 },
      { sku: 'MUG', quantity: 1, price: 8.5, additionalCosts: { giftWrap: { price: 1.5 } } },
    ],
  },
})
run({ type: 'AddItems', data: { cartItems: [{ sku: 'SOCKS', quantity: 3, price: 0.333 }] } })
run({ type: 'CloseSession', data: {} })
run({ type: 'ReturnItems', data: { items: [{ sku: 'SHIRT', quantity: 1 }] } })
run({ type: 'AddItems', data: { cartItems: [{ sku: 'HAT', quantity: 1, price: 12 }] } })

const p = project(state)
console.log(`${p.integrationId} is ${p.state} after ${p.updateCount} events`)
console.log(`cartItemTotal ${p.cartItemTotal}, costs ${p.additionalCostTotal} + ${p.cartItemAdditionalCostTotal}, total ${p.total}`)
console.log(`return ${p.returns[0]?.returnId}: value ${p.returns[0]?.value}, refund ${p.returns[0]?.refund}`)

// The same history always folds to the same state: that is what a store replays.
console.log(`replayed total ${project(fold(history)).total}`)
