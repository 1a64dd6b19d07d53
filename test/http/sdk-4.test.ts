import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type CartItemModel, clientsFor, type EffectModel, mug, policy, refusal, sdks, tea, withServer } from './fixtures.ts'

const TalonOne = sdks['4.3.0']
const test = suite('HTTP API driven by talon_one 4.3.0')

const request = (customerSession: Record<string, unknown>) => ({ customerSession, responseContent: ['customerSession'] })
const effectTypes = (effects: ReadonlyArray<EffectModel>) => effects.map((e: EffectModel) => e.effectType)

/**
 * 4.3.0 predates the return, reopen and get endpoints: they are called through the SDK's own
 * `ApiClient.callApi`, with the key it applies and the model it parses the answer with.
 */
const call = async (client: InstanceType<typeof TalonOne.ApiClient>, method: string, path: string, body: unknown, returnType: unknown, headers: Record<string, string> = {}) => {
  const { data } = (await client.callApi(path, method, {}, {}, headers, {}, body, ['api_key_v1'], body === null ? [] : ['application/json'], ['application/json'], returnType, null as never)) as { data: any }
  return data
}

test('updateCustomerSessionV2 through open, closed, partially returned and cancelled, parsed by the 4.3.0 models', () =>
  withServer({ policy }, async (basePath) => {
    const { client, integration } = clientsFor(TalonOne, basePath)
    const opened = await integration.updateCustomerSessionV2('order-1', request({ profileId: 'ann', couponCodes: ['SAVE'], cartItems: [tea, mug] }))
    assert.instance(opened, TalonOne.IntegrationStateV2)
    assert.instance(opened.customerSession, TalonOne.CustomerSessionV2)
    assert.is(opened.customerSession!.state, 'open')
    assert.is(opened.customerSession!.total, 33)
    assert.equal(effectTypes(opened.effects), ['setDiscount', 'setDiscountPerItem', 'setDiscountPerItem'])
    for (const effect of opened.effects) assert.instance(effect, TalonOne.Effect)
    assert.equal(opened.effects[0]!.props, { name: 'ten', value: 3.3, scope: 'cartItems' })

    // 4.3.0's CartItem model keeps `position`: sending the lines back as it parsed them is accepted.
    const lines: CartItemModel[] = opened.customerSession!.cartItems
    assert.equal(lines.map((l: CartItemModel) => l.position), [0, 1])
    const closed = await integration.updateCustomerSessionV2('order-1', request({ cartItems: lines, state: 'closed' }))
    assert.is(closed.customerSession!.state, 'closed')
    assert.equal(closed.effects.map((e: EffectModel) => e.props.value), [3.3, 1, 1])

    const returned = await call(client, 'POST', '/v2/customer_sessions/order-1/returns', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] }, responseContent: ['customerSession'] }, TalonOne.IntegrationStateV2, { 'Idempotency-Key': 'r-1' })
    assert.instance(returned, TalonOne.IntegrationStateV2)
    assert.is(returned.customerSession.state, 'partially_returned')
    assert.is(returned.customerSession.total, 28.5)
    assert.equal(returned.effects.filter((e: EffectModel) => e.effectType === 'rollbackDiscount').map((e: EffectModel) => [e.ruleName, e.props.value, e.props.cartItemPosition, e.props.cartItemSubPosition]), [['ten', 0.45, 0, 1]])
    const retried = await call(client, 'POST', '/v2/customer_sessions/order-1/returns', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] }, responseContent: ['customerSession'] }, TalonOne.IntegrationStateV2, { 'Idempotency-Key': 'r-1' })
    assert.is(retried.customerSession.total, 28.5)

    const cancelled = await integration.updateCustomerSessionV2('order-1', request({ state: 'cancelled' }))
    assert.is(cancelled.customerSession!.state, 'cancelled')
    assert.equal(cancelled.effects.map((e: EffectModel) => [e.effectType, e.ruleName, e.props.value]), [
      ['rollbackDiscount', 'ten', 2.85],
      ['rollbackDiscount', 'mug', 1],
      ['rollbackDiscount', 'mug', 1],
    ])

    const got = await call(client, 'GET', '/v2/customer_sessions/order-1', null, Object)
    assert.instance(TalonOne.CustomerSessionV2.constructFromObject(got.customerSession, undefined), TalonOne.CustomerSessionV2)
    assert.is(got.customerSession.state, 'cancelled')
  }))

test('reopen, the management list with filters, an unknown key and a refused field', () =>
  withServer({ policy, keys: { apiKeys: { 'ak-1': 1 }, managementKeys: ['mk-1'] } }, async (basePath) => {
    const { client, integration, management } = clientsFor(TalonOne, basePath, { api: 'ak-1', management: 'mk-1' })
    await integration.updateCustomerSessionV2('a', request({ profileId: 'ann', cartItems: [mug], state: 'closed' }))
    await integration.updateCustomerSessionV2('b', request({ profileId: 'bob', couponCodes: ['SAVE'], cartItems: [tea] }))
    const reopened = await call(client, 'PUT', '/v2/customer_sessions/a/reopen', null, Object)
    assert.equal(reopened.effects.map((e: EffectModel) => [e.effectType, e.props.value, e.props.cartItemPosition, e.props.cartItemSubPosition]), [
      ['rollbackDiscount', 1, 0, 0],
      ['rollbackDiscount', 1, 0, 1],
    ])
    for (const effect of reopened.effects) assert.instance(TalonOne.Effect.constructFromObject(effect, undefined), TalonOne.Effect)

    const page = await management.getApplicationSessions(1, { profile: 'ann', state: 'open' })
    assert.instance(page, TalonOne.InlineResponse20016)
    assert.equal(page.data.map((s: { integrationId: string }) => s.integrationId), ['a'])
    assert.instance(page.data[0], TalonOne.ApplicationSession)
    assert.equal((await management.getApplicationSessions(1, { coupon: 'SAVE', state: undefined })).data.map((s: { integrationId: string }) => s.integrationId), ['b'])

    const stranger = clientsFor(TalonOne, basePath, { api: 'ak-2', management: 'mk-2' })
    const denied = await refusal(stranger.integration.updateCustomerSessionV2('a', request({})))
    assert.equal([denied.status, denied.body.message, denied.body.errors[0]!.title], [401, 'Unauthorized', 'Unauthorized'])
    assert.is((await refusal(stranger.management.getApplicationSessions(1, { state: undefined }))).status, 401)

    const refused = await refusal(integration.updateCustomerSessionV2('b', request({ cartItems: [{ ...tea, quantity: 0 }] })))
    assert.equal([refused.status, refused.body.errors[0]!.source.pointer], [400, '/customerSession/cartItems/0/quantity'])
  }))

test.run()
