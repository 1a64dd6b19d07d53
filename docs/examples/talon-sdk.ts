import * as TalonOne from 'talon_one'
import { createTalonServer } from 'cartfold/talon'

// A local Talon.One for a test: cartfold's server on a free loopback port, and the SDK pointed at it.
const server = await createTalonServer({
  policy: { rules: [{ name: 'ten', target: { type: 'session', scope: 'cartItems' }, percent: 10, when: { coupon: 'SAVE' } }] },
})
const basePath = await server.listen({ host: '127.0.0.1', port: 0 })

const client = new TalonOne.ApiClient()
client.basePath = basePath
const auth = client.authentications as unknown as Record<string, { apiKey: string; apiKeyPrefix: string }>
auth.api_key_v1 = { ...auth.api_key_v1!, apiKey: 'any-key', apiKeyPrefix: 'ApiKey-v1' }
const integration = new TalonOne.IntegrationApi(client)

const state = await integration.updateCustomerSessionV2('order-1', {
  customerSession: { profileId: 'ann', couponCodes: ['SAVE'], cartItems: [{ sku: 'TEA', quantity: 2, price: 4.5 }], state: 'closed' },
  responseContent: ['customerSession'],
})
console.log(state.customerSession!.state, state.customerSession!.total)
for (const effect of state.effects) console.log(effect.effectType, effect.ruleName, effect.props.value)

await server.close()
