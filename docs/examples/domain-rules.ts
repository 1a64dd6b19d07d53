import { decide, fold, initialState, project, type SessionState } from 'cartfold'

// A few of the rules below, shown by the decider itself.
let state: SessionState = initialState
const context = { now: '2026-11-22T10:00:00.000Z', newId: () => 'return-1' }
const run = (command: unknown) => {
  const decision = decide(command, state, context)
  if (decision._tag === 'Left') return console.log(`  refused ${decision.left.code}: ${decision.left.message}`)
  state = fold(decision.right, state)
  const p = project(state)
  console.log(`${decision.right.map((e) => e.type).join(' + ')}: ${p.state}, lines ${p.cartItems.map((l) => `${l.position}:${l.sku}x${l.remainingQuantity}`).join(' ')}, total ${p.total}`)
}

run({
  type: 'CreateSession',
  data: {
    integrationId: 'order-7',
    applicationId: 1,
    couponCodes: ['SPRING', 'SPRING'], // kept once
    cartItems: [
      { sku: 'TEA', quantity: 2, price: 4.2 },
      { sku: 'MUG', quantity: 1, price: 12 },
      { sku: 'SPOON', quantity: 3, price: 0.1 },
    ],
  },
})
console.log(`  currency ${project(state).currency} (the default), coupons ${project(state).couponCodes.join(', ')}, firstSession ${project(state).firstSession} (anonymous)`)
run({ type: 'RemoveItems', data: { items: [{ position: 0, quantity: 2 }] } }) // the last units of a line: later lines move up
run({ type: 'AddItems', data: { cartItems: [{ sku: 'TEA', quantity: 1, price: 4.199 }] } }) // more decimals than USD has
run({ type: 'CloseSession', data: {} })
run({ type: 'ReturnItems', data: { items: [{ sku: 'MUG', quantity: 1 }, { position: 1, quantity: 3 }] } }) // every unit
run({ type: 'ReopenSession', data: {} }) // a returned session is not reopened
run({ type: 'CancelSession', data: {} }) // cancelling is explicit, and final
run({ type: 'CancelSession', data: {} })
