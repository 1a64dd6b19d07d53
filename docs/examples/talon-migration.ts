import * as E from 'fp-ts/lib/Either.js'
import { createSessionService } from 'cartfold'
import { withTalonAdapter } from 'cartfold/talon'

// Before: `await integrationApi.updateCustomerSessionV2('web-1', body)` against Talon.One.
// After: the same bodies, posted to a cartfold service.
const service = createSessionService({ currency: 'EUR', clock: () => new Date('2026-11-22T10:00:00.000Z') })
const talon = withTalonAdapter(service, { applicationId: 322 })

const customerSession = {
  profileId: 'alice',
  couponCodes: ['WELCOME'],
  additionalCosts: { shipping: { price: 4.99 } },
  cartItems: [
    { sku: 'TEA', name: 'Green tea', quantity: 2, price: 4.2 },
    { sku: 'MUG', quantity: 1, price: 12 },
  ],
}
const steps = [
  await talon.executeUpdateV2('web-1', { customerSession }),
  await talon.executeUpdateV2('web-1', { customerSession: { ...customerSession, state: 'closed' } }),
  await talon.executeReturn('web-1', { return: { returnedCartItems: [{ sku: 'MUG', quantity: 1 }] } }, 'rma-1'),
]
for (const step of steps) {
  if (E.isLeft(step)) console.log(`refused: ${step.left.code} ${step.left.message}`)
  else console.log(`${step.right.events.map((e) => e.type).join(', ')} -> ${step.right.customerSession.state}, total ${step.right.customerSession.total}`)
}
const last = steps[steps.length - 1]!
if (E.isRight(last)) console.log(JSON.stringify(last.right.customerSession, null, 2))
talon.close()
