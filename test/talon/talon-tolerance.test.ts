import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createSessionService, initialState, type Effect, type SessionState } from '../../src/index.ts'
import { commandFromReturn, commandsFromUpdateV2, toTalonEffects, withTalonAdapter } from '../../src/talon/index.ts'
import { decideAll } from '../../src/domain/decide/decide-all.ts'

const options = { integrationId: 'web-1', applicationId: 1 }
const at = '2026-01-01T10:00:00.000Z'
const tea = { sku: 'TEA', quantity: 2, price: 4.5 }

const stateWith = (cartItems: unknown[]): SessionState => {
  const commands = commandsFromUpdateV2(initialState, { customerSession: { cartItems } }, options)
  if (E.isLeft(commands)) throw new Error(commands.left.message)
  const decided = decideAll(commands.right, initialState, { now: at, integrationId: 'web-1' })
  if (E.isLeft(decided)) throw new Error(decided.left.message)
  return decided.right.state
}

test('read-only fields sent back are accepted and ignored; other unknown fields are still refused', () => {
  const state = stateWith([tea])
  const echoed = { ...tea, position: 0, returnedQuantity: 0, remainingQuantity: 2 }
  const session = { id: 1, created: at, updated: at, updateCount: 2, total: 9, cartItemTotal: 9, additionalCostTotal: 0, cartItemAdditionalCostTotal: 0 }
  assert.equal(commandsFromUpdateV2(state, { customerSession: { ...session, cartItems: [echoed] } }, options), E.right([]))
  const refused = commandsFromUpdateV2(state, { customerSession: { cartItems: [{ ...echoed, catalogItemID: 3 }] } }, options)
  assert.ok(E.isLeft(refused) && refused.left.path === 'customerSession.cartItems[0].catalogItemID')
  const wrongEcho = commandsFromUpdateV2(state, { customerSession: { updateCount: 'two' } }, options)
  assert.ok(E.isLeft(wrongEcho) && wrongEcho.left.path === 'customerSession.updateCount')
  const unpriced = commandsFromUpdateV2(state, { customerSession: { cartItems: [{ sku: 'TEA', quantity: 1, position: 0 }] } }, options)
  assert.ok(E.isLeft(unpriced) && unpriced.left.path === 'customerSession.cartItems[0].price')
  assert.match(E.isLeft(unpriced) ? unpriced.left.message : '', 'cartfold has no catalog')
})

test('a returned item without quantity returns what remains of its line, by position or by sku', () => {
  let state = stateWith([tea, { sku: 'MUG', quantity: 3, price: 12 }])
  const close = decideAll([{ type: 'CloseSession', data: {} }, { type: 'ReturnItems', data: { items: [{ position: 1, quantity: 1 }] } }], state, { now: at, newId: () => 'r0' })
  if (E.isLeft(close)) throw new Error(close.left.message)
  state = close.right.state
  const whole = commandFromReturn({ return: { returnedCartItems: [{ position: 1 }, { sku: 'TEA' }] } }, 'r1', state)
  assert.equal(whole, E.right({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 2 }, { sku: 'TEA', quantity: 2 }], returnId: 'r1' } }))
  // Lines that cannot be found, or have nothing left, are left to the decider to refuse.
  const lost = commandFromReturn({ return: { returnedCartItems: [{ position: 9 }, { sku: 'HAT' }] } }, undefined, state)
  assert.equal(lost, E.right({ type: 'ReturnItems', data: { items: [{ position: 9, quantity: 1 }, { sku: 'HAT', quantity: 1 }] } }))
  const stateless = commandFromReturn({ return: { returnedCartItems: [{ position: 0 }] } })
  assert.ok(E.isLeft(stateless) && stateless.left.path === 'return.returnedCartItems[0].quantity')
  assert.equal(commandFromReturn({ return: { returnedCartItems: [{ position: 0, quantity: 1 }] } }), E.right({ type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }))
})

test('dry runs of both requests answer in full and store nothing', async () => {
  const service = withTalonAdapter(createSessionService({ clock: () => new Date(at) }), { applicationId: 1 })
  const dry = await service.executeUpdateV2('s', { customerSession: { cartItems: [tea], state: 'closed' } }, { dry: true })
  assert.ok(E.isRight(dry) && dry.right.customerSession.state === 'closed' && dry.right.nextExpectedStreamVersion === 3)
  assert.is((await service.get('s'))._tag, 'None')
  await service.executeUpdateV2('s', { customerSession: { cartItems: [tea], state: 'closed' } })
  const dryReturn = await service.executeReturn('s', { return: { returnedCartItems: [{ position: 0 }] } }, 'k', { dry: true })
  assert.ok(E.isRight(dryReturn) && dryReturn.right.customerSession.cartItems[0]!.remainingQuantity === 0)
  const after = await service.get('s')
  assert.ok(after._tag === 'Some' && after.value.state === 'closed')
  const badOption = await service.executeUpdateV2('s', { customerSession: {} }, { dry: 'yes' as never })
  assert.ok(E.isLeft(badOption) && badOption.left.path === 'options.dry')
})

test('toTalonEffects: the envelope of each effect type and of each kind of roll-back', () => {
  const granted: Effect[] = [
    { effectId: 0, ruleName: 'ten', type: 'setDiscount', value: 3, scope: 'cartItems', desiredValue: 5 },
    { effectId: 1, ruleName: 'unit', type: 'setDiscountPerItem', value: 1, scope: 'price', position: 2, subPosition: 1 },
    { effectId: 2, ruleName: 'ship', type: 'setDiscountPerAdditionalCost', value: 2, additionalCost: 'shipping' },
  ]
  const policy = {
    rules: [
      { name: 'unit', target: { type: 'item' as const, scope: 'price' as const }, amount: 1, when: { coupon: true as const } },
      { name: 'ten', target: { type: 'session' as const, scope: 'cartItems' as const }, percent: 10, when: { coupon: 'B' } },
    ],
  }
  const effects = toTalonEffects(
    {
      effects: [{ ...granted[0]!, value: 0 }, granted[2]!],
      rolledBack: [{ effectId: 1, value: 1 }, { effectId: 0, value: 1.5, position: 0, subPosition: 0 }, { effectId: 2, value: 2 }, { effectId: 7, value: 1 }],
      granted,
    },
    { policy, couponCodes: ['A', 'B'], campaignId: 9 },
  )
  assert.equal(effects, [
    { campaignId: 9, rulesetId: 1, ruleIndex: 0, ruleName: 'unit', effectType: 'rollbackDiscount', props: { name: 'unit', value: 1, cartItemPosition: 2, cartItemSubPosition: 1, scope: 'price' }, triggeredByCoupon: 1 },
    { campaignId: 9, rulesetId: 1, ruleIndex: 1, ruleName: 'ten', effectType: 'rollbackDiscount', props: { name: 'ten', value: 1.5, cartItemPosition: 0, cartItemSubPosition: 0, scope: 'cartItems' }, triggeredByCoupon: 2 },
    { campaignId: 9, rulesetId: 1, ruleIndex: -1, ruleName: 'ship', effectType: 'rollbackDiscount', props: { name: 'ship', value: 2, additionalCostId: 0, additionalCost: 'shipping' } },
    { campaignId: 9, rulesetId: 1, ruleIndex: -1, ruleName: 'ship', effectType: 'setDiscountPerAdditionalCost', props: { name: 'ship', value: 2, additionalCostId: 0, additionalCost: 'shipping' } },
  ])
  assert.equal(toTalonEffects({ effects: [granted[0]!] }, { couponCodes: [] }), [
    { campaignId: 1, rulesetId: 1, ruleIndex: -1, ruleName: 'ten', effectType: 'setDiscount', props: { name: 'ten', value: 3, scope: 'cartItems', desiredValue: 5 } },
  ])
})

test.run()
