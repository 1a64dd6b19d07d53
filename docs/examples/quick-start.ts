import { decide, fold, initialState, project } from 'cartfold'

const now = '2026-11-22T10:00:00.000Z'
const created = decide(
  {
    type: 'CreateSession',
    data: { integrationId: 'cart-1', applicationId: 1, cartItems: [{ sku: 'TEA', quantity: 3, price: 4.2 }] },
  },
  initialState,
  { now },
)
if (created._tag === 'Right') {
  const session = project(fold(created.right))
  console.log(session.state, session.cartItemTotal, session.total)
}
