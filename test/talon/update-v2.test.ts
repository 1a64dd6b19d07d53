import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  decide,
  initialState,
  project,
  type CartItem,
  type DecideContext,
  type SessionCommand,
  type SessionError,
  type SessionEvent,
  type SessionState,
} from '../../src/index.ts'
import { decideAll } from '../../src/domain/decide/decide-all.ts'
import { commandFromReturn, commandsFromUpdateV2, toCustomerSessionV2 } from '../../src/talon/index.ts'

const options = { integrationId: 'web-1', applicationId: 7, currency: 'EUR' }
const ctx = (minute: number): DecideContext => ({ now: `2026-11-22T10:${String(minute).padStart(2, '0')}:00.000Z`, integrationId: 'web-1' })

const commandsOf = (state: SessionState, payload: unknown): SessionCommand[] => {
  const r = commandsFromUpdateV2(state, payload, options)
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
  return r.right
}
const apply = (state: SessionState, commands: SessionCommand[], minute = 0): { events: SessionEvent[]; state: SessionState } => {
  const r = decideAll(commands, state, ctx(minute))
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
  return r.right
}
const refusal = (state: SessionState, payload: unknown): SessionError => {
  const r = E.flatMap(commandsFromUpdateV2(state, payload, options), (commands) => decideAll(commands, state, ctx(0)))
  if (E.isRight(r)) throw new Error(`expected a refusal, got ${JSON.stringify(r.right.events)}`)
  return r.left
}
const direct = (state: SessionState, command: SessionCommand): SessionError => {
  const r = decide(command, state, ctx(0))
  if (E.isRight(r)) throw new Error('expected the direct command to be refused')
  return r.left
}
const v2 = (state: SessionState) => {
  const r = toCustomerSessionV2(project(state))
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const update = (customerSession: Record<string, unknown>) => ({ customerSession })

const tea: CartItem = { sku: 'TEA', name: 'Green tea', quantity: 2, price: 4.2 }
const mug: CartItem = { sku: 'MUG', quantity: 1, price: 12, attributes: { colour: 'blue' } }
const at = (minute: number) => ctx(minute).now

test('a new session: one CreateSession with everything sent; the V2 view shows the cart and details sent', () => {
  const payload = update({
    profileId: 'alice',
    storeIntegrationId: 'STORE-1',
    couponCodes: ['WELCOME'],
    referralCode: '',
    loyaltyCards: ['card-1'],
    identifiers: ['device-1'],
    attributes: { shippingCity: 'Berlin' },
    additionalCosts: { shipping: { price: 4.99 } },
    cartItems: [tea, mug],
  })
  const commands = commandsOf(initialState, payload)
  assert.equal(commands, [
    {
      type: 'CreateSession',
      data: {
        integrationId: 'web-1', applicationId: 7, currency: 'EUR', profileId: 'alice', couponCodes: ['WELCOME'], loyaltyCards: ['card-1'],
        additionalCosts: { shipping: { price: 4.99 } }, identifiers: ['device-1'], attributes: { shippingCity: 'Berlin' },
        storeIntegrationId: 'STORE-1', cartItems: [tea, mug],
      },
    },
  ])
  const view = v2(apply(initialState, commands).state)
  assert.equal(view.cartItems.map(({ position: _p, returnedQuantity: _r, remainingQuantity: _m, ...line }) => line), [tea, mug])
  assert.equal(
    [view.integrationId, view.applicationId, view.profileId, view.couponCodes, view.loyaltyCards, view.identifiers, view.attributes, view.additionalCosts, view.state],
    ['web-1', 7, 'alice', ['WELCOME'], ['card-1'], ['device-1'], { shippingCity: 'Berlin' }, { shipping: { price: 4.99 } }, 'open'],
  )
  assert.not.ok('referralCode' in view)
  assert.is(view.total, 25.39)
})

test('a realistic sequence of update requests: the events and the views at each step', () => {
  // 1. the visitor puts two teas and a mug in the cart
  let s = apply(initialState, commandsOf(initialState, update({ profileId: '', cartItems: [tea, mug] })), 0).state
  assert.equal(v2(s).cartItems.map((l) => [l.sku, l.quantity]), [['TEA', 2], ['MUG', 1]])

  // 2. one tea less, three mugs: the tea line shrinks, the mug line cannot grow so it is sent again
  let step = apply(s, commandsOf(s, update({ cartItems: [{ ...tea, quantity: 1 }, { ...mug, quantity: 3 }] })), 1)
  assert.equal(step.events, [
    { type: 'ItemsRemoved', data: { at: at(1), items: [{ position: 0, quantity: 1 }, { position: 1, quantity: 1 }] } },
    { type: 'ItemsAdded', data: { at: at(1), cartItems: [{ ...mug, quantity: 3 }] } },
  ])
  s = step.state
  assert.is(v2(s).cartItemTotal, 40.2)

  // 3. a coupon, the cart sent again unchanged: only the detail changes
  step = apply(s, commandsOf(s, update({ couponCodes: ['SAVE10'], cartItems: [{ ...tea, quantity: 1 }, { ...mug, quantity: 3 }] })), 2)
  assert.equal(step.events, [{ type: 'Updated', data: { at: at(2), couponCodes: ['SAVE10'] } }])
  s = step.state

  // 4. the coupon is cleared with an empty list
  step = apply(s, commandsOf(s, update({ couponCodes: [] })), 3)
  assert.equal(step.events, [{ type: 'Updated', data: { at: at(3), couponCodes: [] } }])
  s = step.state
  assert.equal(v2(s).couponCodes, [])

  // 5. checkout: the whole session sent again, state closed
  step = apply(s, commandsOf(s, update({ profileId: '', couponCodes: [], cartItems: [{ ...tea, quantity: 1 }, { ...mug, quantity: 3 }], state: 'closed' })), 4)
  assert.equal(step.events, [{ type: 'Closed', data: { at: at(4), effects: [] } }])
  s = step.state
  assert.is(v2(s).state, 'closed')

  // 6. one mug comes back
  const ret = commandFromReturn({ return: { returnedCartItems: [{ sku: 'MUG', quantity: 1 }] } }, 'rma-1')
  assert.ok(E.isRight(ret))
  if (E.isRight(ret)) {
    step = apply(s, [ret.right], 5)
    assert.equal(step.events, [{ type: 'ItemsReturned', data: { at: at(5), returnId: 'rma-1', items: [{ position: 1, quantity: 1 }], rolledBack: [] } }])
    s = step.state
  }
  const returned = v2(s)
  assert.equal([returned.state, returned.cartItems[1]!.returnedQuantity, returned.cartItems[1]!.remainingQuantity, returned.cartItemTotal], ['partially_returned', 1, 2, 28.2])

  // 7. the order is cancelled, the cart sent as it was: nothing but the cancel
  step = apply(s, commandsOf(s, update({ cartItems: [{ ...tea, quantity: 1 }, { ...mug, quantity: 3 }], state: 'cancelled' })), 6)
  assert.equal(step.events, [{ type: 'Cancelled', data: { at: at(6), rolledBack: [] } }])
  assert.is(v2(step.state).state, 'cancelled')
  assert.is(v2(step.state).updated, at(6))
})

test('the same request twice: the second decides nothing', () => {
  const payload = update({ profileId: 'bob', couponCodes: ['A', 'A'], attributes: { a: 1, b: 2 }, cartItems: [tea, mug] })
  const s = apply(initialState, commandsOf(initialState, payload)).state
  assert.equal(commandsOf(s, payload), [])
  // key order in attributes and lines is not a change
  assert.equal(commandsOf(s, update({ attributes: { b: 2, a: 1 }, cartItems: [{ price: 4.2, quantity: 2, name: 'Green tea', sku: 'TEA' }, mug] })), [])
})

test('an empty list or string clears; an omitted field keeps its value; a sent cart replaces the cart whole', () => {
  const s = apply(initialState, commandsOf(initialState, update({ storeIntegrationId: 'S', referralCode: 'REF', identifiers: ['d'], cartItems: [tea, mug] }))).state
  const after = apply(s, commandsOf(s, update({ storeIntegrationId: '', referralCode: '', cartItems: [] }))).state
  const view = v2(after)
  assert.not.ok('referralCode' in view)
  assert.is(project(after).storeIntegrationId, undefined)
  assert.equal(view.identifiers, ['d'])
  assert.equal(view.cartItems, [])
})

test('every detail sent that differs goes into one UpdateSession, before the close', () => {
  const s = apply(initialState, commandsOf(initialState, update({ profileId: 'guest-1' }))).state
  const details = {
    profileId: 'alice', storeIntegrationId: 'S-2', couponCodes: ['A'], referralCode: 'R', loyaltyCards: ['c'],
    identifiers: ['i'], attributes: { x: 1 }, additionalCosts: { shipping: { price: 3 } },
  }
  assert.equal(commandsOf(s, update({ ...details, state: 'closed' })), [{ type: 'UpdateSession', data: details }, { type: 'CloseSession', data: {} }])
})

test('without a currency in the options, a new session gets the decider default', () => {
  const r = commandsFromUpdateV2(initialState, update({}), { integrationId: 'web-1', applicationId: 7 })
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.is(project(apply(initialState, r.right).state).currency, 'USD')
})

test('a new session may be created closed (a legacy order), not cancelled', () => {
  const commands = commandsOf(initialState, update({ cartItems: [tea], state: 'closed' }))
  assert.equal(apply(initialState, commands).events.map((e) => e.type), ['Created', 'ItemsAdded', 'Closed'])
  const r = commandsFromUpdateV2(initialState, update({ state: 'cancelled' }), options)
  assert.ok(E.isLeft(r) && r.left.code === 'ValidationFailed' && r.left.path === 'customerSession.state')
})

test('reopening comes first, so that the changes sent with it apply to the open session', () => {
  const closed = apply(initialState, commandsOf(initialState, update({ cartItems: [tea], state: 'closed' }))).state
  const commands = commandsOf(closed, update({ state: 'open', cartItems: [tea, mug], couponCodes: ['LATE'] }))
  assert.equal(commands.map((c) => c.type), ['ReopenSession', 'AddItems', 'UpdateSession'])
  const view = v2(apply(closed, commands).state)
  assert.equal([view.state, view.cartItems.length, view.couponCodes], ['open', 2, ['LATE']])
})

test('a request that breaks a rule gets the error the same direct command gets', () => {
  const closed = apply(initialState, commandsOf(initialState, update({ cartItems: [tea], state: 'closed' }))).state
  // details to a closed session
  assert.equal(refusal(closed, update({ couponCodes: ['X'] })), direct(closed, { type: 'UpdateSession', data: { couponCodes: ['X'] } }))
  assert.is(refusal(closed, update({ couponCodes: ['X'] })).code, 'InvalidTransition')
  // a cart change to a closed session
  assert.equal(refusal(closed, update({ cartItems: [tea, mug] })), direct(closed, { type: 'AddItems', data: { cartItems: [mug] } }))
  // a returned session cannot be reopened
  const returned = apply(closed, [{ type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }]).state
  assert.equal(refusal(returned, update({ state: 'open' })), direct(returned, { type: 'ReopenSession', data: {} }))
  // nor closed again
  const back = refusal(returned, update({ state: 'closed' }))
  assert.equal(back, direct(returned, { type: 'CloseSession', data: {} }))
  assert.equal([back.code, back.state], ['InvalidTransition', 'partially_returned'])
  // a cancelled session accepts nothing
  const cancelled = apply(returned, [{ type: 'CancelSession', data: {} }]).state
  assert.equal(refusal(cancelled, update({ state: 'open' })), direct(cancelled, { type: 'ReopenSession', data: {} }))
  assert.equal(commandsOf(cancelled, update({ state: 'cancelled', cartItems: [tea] })), [])
  // limits and money are the decider's
  const open = apply(initialState, commandsOf(initialState, update({}))).state
  const big: CartItem = { sku: 'X', quantity: 10_001, price: 1 }
  assert.equal(refusal(open, update({ cartItems: [big] })), direct(open, { type: 'AddItems', data: { cartItems: [big] } }))
  assert.is(refusal(open, update({ cartItems: [{ sku: 'X', quantity: 1, price: 1.001 }] })).code, 'ValidationFailed')
})

test('a malformed request is ValidationFailed with the path of the offending field', () => {
  const cases: Array<[unknown, string]> = [
    [update({ cartItems: [{ sku: 'A', quantity: 0, price: 1 }] }), 'customerSession.cartItems[0].quantity'],
    [update({ state: 'partially_returned' }), 'customerSession.state'],
    [update({ evaluableCampaignIds: [1] }), 'customerSession.evaluableCampaignIds'],
    [update({ loyaltyCards: ['a', 'b'] }), 'customerSession.loyaltyCards'],
    [{ customerSession: {}, extra: 1 }, 'extra'],
    [{}, 'customerSession'],
    ['nope', '(root)'],
  ]
  for (const [payload, path] of cases) {
    const r = commandsFromUpdateV2(initialState, payload, options)
    assert.ok(E.isLeft(r), path)
    if (E.isLeft(r)) {
      assert.is(r.left.code, 'ValidationFailed')
      assert.is(r.left.path, path, r.left.message)
    }
  }
  assert.ok(E.isRight(commandsFromUpdateV2(initialState, { customerSession: {}, responseContent: ['customerSession', 'triggeredCampaigns'] }, options)))
})

test('the state given must be the session the request names', () => {
  const other = apply(initialState, [{ type: 'CreateSession', data: { integrationId: 'other', applicationId: 7 } }]).state
  const r = commandsFromUpdateV2(other, update({}), options)
  assert.ok(E.isLeft(r) && r.left.path === 'integrationId')
})

test('commandFromReturn: by position or by SKU, never both, at least one item', () => {
  assert.equal(commandFromReturn({ return: { returnedCartItems: [{ position: 1, quantity: 2 }] } }), E.right({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 2 }] } }))
  for (const [payload, path] of [
    [{ return: { returnedCartItems: [{ position: 1, sku: 'A', quantity: 1 }] } }, 'return.returnedCartItems[0]'],
    [{ return: { returnedCartItems: [] } }, 'return.returnedCartItems'],
    [{ return: { returnedCartItems: [{ position: 0 }] } }, 'return.returnedCartItems[0].quantity'],
  ] as const) {
    const r = commandFromReturn(payload)
    assert.ok(E.isLeft(r) && r.left.code === 'ValidationFailed' && r.left.path === path, JSON.stringify(r))
  }
})

test.run()
