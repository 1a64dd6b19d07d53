import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type CartItemModel, clientsFor, type EffectModel, mug, policy, refusal, sdks, tea, withServer } from './fixtures.ts'

const TalonOne = sdks['5.0.1-rc']
const test = suite('HTTP API driven by talon_one 5.0.1-rc')

const request = (customerSession: Record<string, unknown>) => ({ customerSession, responseContent: ['customerSession'] })
/** The SDK's headers sent with every request (its typings call them a string array). */
const headersOf = (client: { defaultHeaders: unknown }) => client.defaultHeaders as Record<string, string>
const types = (effects: ReadonlyArray<EffectModel>) => effects.map((e: EffectModel) => e.effectType)
const values = (effects: ReadonlyArray<EffectModel>) => effects.map((e: EffectModel) => e.props.value)

test('a session through open, closed, partially returned and cancelled, with the SDK models and values', () =>
  withServer({ policy }, async (basePath) => {
    const { client, integration } = clientsFor(TalonOne, basePath)

    const opened = await integration.updateCustomerSessionV2(
      'order-1',
      request({ profileId: 'ann', couponCodes: ['SAVE'], cartItems: [tea, mug], additionalCosts: { shipping: { price: 5 } } }),
    )
    assert.instance(opened, TalonOne.IntegrationStateV2)
    assert.instance(opened.customerSession, TalonOne.CustomerSessionV2)
    assert.equal(opened.createdCoupons, [])
    assert.equal(opened.createdReferrals, [])
    const session = opened.customerSession!
    assert.is(session.state, 'open')
    assert.is(session.total, 38)
    assert.is(session.cartItemTotal, 33)
    assert.is(session.additionalCostTotal, 5)
    assert.instance(session.created, Date)
    assert.equal(types(opened.effects), ['setDiscount', 'setDiscountPerItem', 'setDiscountPerItem', 'setDiscountPerAdditionalCost'])
    assert.equal(values(opened.effects), [3.3, 1, 1, 2])
    for (const effect of opened.effects) assert.instance(effect, TalonOne.Effect)
    const [ten, mug0, , ship] = opened.effects
    assert.equal([ten!.campaignId, ten!.rulesetId, ten!.ruleIndex, ten!.ruleName, ten!.triggeredByCoupon], [1, 1, 0, 'ten', 1])
    assert.equal(ten!.props, { name: 'ten', value: 3.3, scope: 'cartItems' })
    assert.equal(mug0!.props, { name: 'mug', value: 1, position: 1, subPosition: 0, scope: 'price' })
    assert.is(mug0!.triggeredByCoupon, undefined)
    assert.equal(ship!.props, { name: 'ship', value: 2, additionalCostId: 0, additionalCost: 'shipping' })

    // No responseContent: no session in the answer, the effects all the same.
    const bare = await integration.updateCustomerSessionV2('order-1', { customerSession: {} })
    assert.is(bare.customerSession, undefined)
    assert.is(bare.effects.length, 4)

    // A dry close answers the closed session and stores nothing.
    const dry = await integration.updateCustomerSessionV2('order-1', request({ state: 'closed' }), { dry: true })
    assert.is(dry.customerSession!.state, 'closed')
    assert.is((await integration.getCustomerSession('order-1')).customerSession!.state, 'open')

    // Closing with the session and lines sent back as the SDK gave them (read-only fields included).
    const { id, created, updated, total, cartItemTotal, additionalCostTotal, cartItems } = session
    const closed = await integration.updateCustomerSessionV2('order-1', request({ id, created, updated, total, cartItemTotal, additionalCostTotal, cartItems, state: 'closed' }))
    assert.is(closed.customerSession!.state, 'closed')
    assert.is(closed.customerSession!.updated! > session.updated!, true)
    assert.equal(values(closed.effects), [3.3, 1, 1, 2])

    // The whole MUG line, returned without a quantity: its per-unit discounts and its shares of "ten".
    const returned = await integration.returnCartItems('order-1', { return: { returnedCartItems: [{ position: 1 }] }, responseContent: ['customerSession'] })
    assert.instance(returned, TalonOne.IntegrationStateV2)
    assert.is(returned.customerSession!.state, 'partially_returned')
    assert.equal(returned.customerSession!.cartItems.map((l: CartItemModel) => [l.sku, l.returnedQuantity, l.remainingQuantity]), [['TEA', 0, 2], ['MUG', 2, 0]])
    assert.is(returned.customerSession!.cartItemTotal, 9)
    const rollbacks = returned.effects.filter((e: EffectModel) => e.effectType === 'rollbackDiscount')
    assert.equal(rollbacks.map((e: EffectModel) => [e.ruleName, e.props.value, e.props.cartItemPosition, e.props.cartItemSubPosition]), [
      ['mug', 1, 1, 1],
      ['ten', 1.2, 1, 1],
      ['mug', 1, 1, 0],
      ['ten', 1.2, 1, 0],
    ])
    assert.equal(returned.effects.filter((e: EffectModel) => e.effectType !== 'rollbackDiscount').map((e: EffectModel) => [e.ruleName, e.props.value]), [['ten', 0.9], ['ship', 2]])

    // With an Idempotency-Key, a retried return counts once.
    headersOf(client)['Idempotency-Key'] = 'return-tea-1'
    const once = await integration.returnCartItems('order-1', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] }, responseContent: ['customerSession'] })
    const again = await integration.returnCartItems('order-1', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] }, responseContent: ['customerSession'] })
    delete headersOf(client)['Idempotency-Key']
    assert.equal(once.effects.filter((e: EffectModel) => e.effectType === 'rollbackDiscount').map((e: EffectModel) => e.props.value), [0.45])
    assert.equal(types(again.effects), ['setDiscount', 'setDiscountPerAdditionalCost'])
    assert.is(again.customerSession!.cartItems[0]!.returnedQuantity, 1)

    // A dry return decides in full and stores nothing.
    const dryReturn = await integration.returnCartItems('order-1', { return: { returnedCartItems: [{ sku: 'TEA' }] }, responseContent: ['customerSession'] } as never, { dry: true })
    assert.is(dryReturn.customerSession!.cartItems[0]!.returnedQuantity, 2)
    assert.is((await integration.getCustomerSession('order-1')).customerSession!.cartItems[0]!.returnedQuantity, 1)

    // Without a key, the same return sent twice is two returns.
    await integration.returnCartItems('order-1', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } })
    const over = await refusal(integration.returnCartItems('order-1', { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } }))
    assert.is(over.status, 400)
    assert.is(over.body.errors[0]!.title, 'ReturnExceedsRemaining')

    const cancelled = await integration.updateCustomerSessionV2('order-1', request({ state: 'cancelled' }))
    assert.is(cancelled.customerSession!.state, 'cancelled')
    assert.equal(cancelled.effects.map((e: EffectModel) => [e.effectType, e.ruleName, e.props.value]), [
      ['rollbackDiscount', 'ship', 2],
    ])
    const got = await integration.getCustomerSession('order-1')
    assert.instance(got, TalonOne.IntegrationCustomerSessionResponse)
    assert.is(got.customerSession!.state, 'cancelled')
    assert.equal(got.effects, [])
  }))

test('reopen answers the rolled-back effects; get answers the session and its net effects', () =>
  withServer({ policy }, async (basePath) => {
    const { integration } = clientsFor(TalonOne, basePath)
    await integration.updateCustomerSessionV2('order-2', request({ couponCodes: ['SAVE'], cartItems: [tea], state: 'closed' }))
    const got = await integration.getCustomerSession('order-2')
    assert.equal(got.effects.map((e: EffectModel) => [e.effectType, e.props.value]), [['setDiscount', 0.9]])

    const reopened = await integration.reopenCustomerSession('order-2')
    assert.instance(reopened, TalonOne.ReopenSessionResponse)
    assert.equal(reopened.effects.map((e: EffectModel) => [e.effectType, e.ruleName, e.props.value, e.triggeredByCoupon]), [['rollbackDiscount', 'ten', 0.9, 1]])
    assert.is((await integration.getCustomerSession('order-2')).customerSession!.state, 'open')

    const twice = await refusal(integration.reopenCustomerSession('order-2'))
    assert.is(twice.status, 400)
    assert.is(twice.body.errors[0]!.title, 'InvalidTransition')
    for (const missing of [integration.getCustomerSession('nobody'), integration.reopenCustomerSession('nobody'), integration.returnCartItems('nobody', { return: { returnedCartItems: [{ position: 0 }] } })]) {
      const r = await refusal(missing)
      assert.is(r.status, 404)
      assert.is(r.body.errors[0]!.source.parameter, 'customerSessionId')
    }
  }))

test('the management list with its filters, pages and sort, as ApplicationSession views', () =>
  withServer({ policy }, async (basePath) => {
    const { integration, management } = clientsFor(TalonOne, basePath)
    await integration.updateCustomerSessionV2('a', request({ profileId: 'ann', couponCodes: ['SAVE'], cartItems: [tea] }))
    await integration.updateCustomerSessionV2('b', request({ profileId: 'bob', referralCode: 'FRIEND', cartItems: [mug], state: 'closed' }))
    await integration.updateCustomerSessionV2('c', request({ profileId: 'ann', cartItems: [tea, mug], state: 'closed' }))
    const ids = (page: { data: Array<{ integrationId: string }> }) => page.data.map((s) => s.integrationId)

    const all = await management.getApplicationSessions(1, {})
    assert.instance(all, TalonOne.InlineResponse20026)
    assert.equal(ids(all), ['c', 'b', 'a'])
    assert.is(all.hasMore, false)
    const first = all.data[2]!
    assert.instance(first, TalonOne.ApplicationSession)
    assert.equal([first.id, first.profileId, first.profileintegrationid, first.coupon, first.referral, first.total, first.totalDiscounts], [1, 1, 'ann', 'SAVE', '', 9, 0.9])
    assert.equal(first.discounts, { ten: 0.9 })
    assert.instance(first.created, Date)

    assert.equal(ids(await management.getApplicationSessions(1, { profile: 'ann' })), ['c', 'a'])
    assert.equal(ids(await management.getApplicationSessions(1, { state: 'closed' })), ['c', 'b'])
    assert.equal(ids(await management.getApplicationSessions(1, { coupon: 'SAVE' })), ['a'])
    assert.equal(ids(await management.getApplicationSessions(1, { referral: 'FRIEND' })), ['b'])
    assert.equal(ids(await management.getApplicationSessions(1, { integrationId: 'c' })), ['c'])
    assert.equal(ids(await management.getApplicationSessions(1, { createdAfter: first.created, createdBefore: all.data[0]!.created })), ['b'])
    const page = await management.getApplicationSessions(1, { pageSize: 1, skip: 1, sort: 'created' })
    assert.equal([ids(page), page.hasMore], [['b'], true])
    assert.equal(ids(await management.getApplicationSessions(2, {})), [])

    const one = await management.getApplicationSession(1, 2)
    assert.instance(one, TalonOne.ApplicationSession)
    assert.is(one.integrationId, 'b')
    assert.is((await refusal(management.getApplicationSession(1, 99))).status, 404)

    const tooBig = await refusal(management.getApplicationSessions(1, { pageSize: 5000 }))
    assert.equal([tooBig.status, tooBig.body.errors[0]!.source.parameter], [400, 'pageSize'])
    const badState = await refusal(management.getApplicationSessions(1, { state: 'lost' }))
    assert.equal([badState.status, badState.body.errors[0]!.source.parameter], [400, 'state'])
  }))

test('keys: an unknown key is 401 in Talon.One\'s error shape; a key stands for its application', () =>
  withServer({ policy, keys: { apiKeys: { 'ak-eu': 1, 'ak-us': 2 }, managementKeys: ['mk-1'] } }, async (basePath) => {
    const unknown = clientsFor(TalonOne, basePath, { api: 'ak-nope', management: 'mk-nope' })
    const denied = await refusal(unknown.integration.updateCustomerSessionV2('x', request({})))
    assert.is(denied.status, 401)
    assert.instance(TalonOne.ErrorResponseWithStatus.constructFromObject(denied.body, undefined), TalonOne.ErrorResponseWithStatus)
    assert.equal(denied.body.errors[0]!.source, { parameter: 'Authorization' })
    assert.is((await refusal(unknown.management.getApplicationSessions(1, {}))).status, 401)

    const eu = clientsFor(TalonOne, basePath, { api: 'ak-eu', management: 'mk-1' })
    const us = clientsFor(TalonOne, basePath, { api: 'ak-us', management: 'mk-1' })
    assert.is((await eu.integration.updateCustomerSessionV2('eu-1', request({ cartItems: [tea] }))).customerSession!.applicationId, 1)
    assert.is((await us.integration.updateCustomerSessionV2('us-1', request({ cartItems: [mug] }))).customerSession!.applicationId, 2)
    assert.is((await refusal(us.integration.getCustomerSession('eu-1'))).status, 404)
    assert.is((await refusal(us.integration.updateCustomerSessionV2('eu-1', request({})))).status, 400)
    assert.equal((await eu.management.getApplicationSessions(2, {})).data.map((s: { integrationId: string }) => s.integrationId), ['us-1'])
    // A management key is not an integration key.
    const crossed = clientsFor(TalonOne, basePath, { api: 'mk-1' })
    assert.is((await refusal(crossed.integration.getCustomerSession('eu-1'))).status, 401)
  }))

test('a refused field answers 400 with its JSON pointer; a line without price says there is no catalog', () =>
  withServer({ policy }, async (basePath) => {
    const { integration } = clientsFor(TalonOne, basePath)
    const catalog = await refusal(integration.updateCustomerSessionV2('x', request({ cartItems: [tea, { ...mug, catalogItemID: 7 }] })))
    assert.is(catalog.status, 400)
    assert.instance(TalonOne.ErrorResponse.constructFromObject(catalog.body, undefined), TalonOne.ErrorResponse)
    assert.is(catalog.body.errors[0]!.source.pointer, '/customerSession/cartItems/1/catalogItemID')
    const unpriced = await refusal(integration.updateCustomerSessionV2('x', request({ cartItems: [{ sku: 'TEA', quantity: 1 }] })))
    assert.is(unpriced.body.errors[0]!.source.pointer, '/customerSession/cartItems/0/price')
    assert.match(unpriced.body.errors[0]!.details, 'cartfold has no catalog')
    const campaigns = await refusal(integration.updateCustomerSessionV2('x', request({ evaluableCampaignIds: [1] })))
    assert.is(campaigns.body.errors[0]!.source.pointer, '/customerSession/evaluableCampaignIds')
    const badEcho = await refusal(integration.updateCustomerSessionV2('x', request({ cartItems: [{ ...tea, position: -1 }] })))
    assert.is(badEcho.body.errors[0]!.source.pointer, '/customerSession/cartItems/0/position')
    const dry = await refusal(integration.updateCustomerSessionV2('x', request({}), { dry: 'maybe' as never }))
    assert.equal([dry.status, dry.body.errors[0]!.source.parameter], [400, 'dry'])
    assert.is((await refusal(integration.getCustomerSession('x'))).status, 404)
  }))

test.run()
