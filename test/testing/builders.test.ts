import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { decide, evolve, fold, initialState, project, SessionCommandCodec, SessionEventCodec, type SessionEvent, type SessionState } from '../../src/index.ts'
import {
  addItems,
  amountOff,
  cancelled,
  cancelSession,
  cartItem,
  cartItemArbitrary,
  closed,
  closeSession,
  commandArbitrary,
  commandSequenceArbitrary,
  created,
  createSession,
  createSessionArbitrary,
  defaultContext,
  given,
  itemsAdded,
  itemsRemoved,
  itemsReturned,
  now,
  percentOff,
  policy,
  removeItems,
  reopened,
  reopenSession,
  returnItems,
  updated,
  updateSession,
} from '../../src/testing/index.ts'

const test = suite('cartfold/testing: builders and arbitraries')

test('every command builder builds a command the codec accepts', () => {
  const commands = [
    createSession(),
    addItems(cartItem(), cartItem({ sku: 'TEA', quantity: 2, price: 4.2 })),
    removeItems({ position: 0, quantity: 1 }),
    updateSession({ couponCodes: ['VIP'] }),
    closeSession(),
    reopenSession(),
    returnItems([{ sku: 'TEA', quantity: 1 }]),
    returnItems([{ position: 0, quantity: 1 }], 'rma-1'),
    cancelSession(),
  ]
  for (const command of commands) assert.is(SessionCommandCodec.decode(command)._tag, 'Right', command.type)
  assert.equal(returnItems([{ position: 0, quantity: 1 }]).data, { items: [{ position: 0, quantity: 1 }] }, 'no returnId unless given')
})

test('every event builder builds an event the codec accepts, at `now` unless told', () => {
  const events: SessionEvent[] = [
    created(),
    itemsAdded([cartItem()]),
    itemsRemoved([{ position: 0, quantity: 1 }]),
    updated({ profileId: 'p-2' }),
    closed(),
    reopened(),
    itemsReturned([{ position: 0, quantity: 1 }]),
    cancelled(),
  ]
  for (const event of events) {
    assert.is(SessionEventCodec.decode(event)._tag, 'Right', event.type)
    assert.is(event.data.at, now)
  }
  assert.is(defaultContext.now, now)
})

test('a session built from the event builders folds like one the decider built', () => {
  const decided = given([]).when(createSession('s-1', { profileId: 'p-1', cartItems: [cartItem()] })).events()
  assert.equal(decided, [created(), itemsAdded([cartItem()])])
})

test('policies: rules by percent or amount, checked by the policy codec', () => {
  const p = policy(percentOff('tenth', 10), amountOff('shipping', 5, { type: 'additionalCost', name: 'shipping' }, { minCartItemTotal: 50 }))
  assert.is(p.rules.length, 2)
  assert.equal(p.rules[1]!.when, { minCartItemTotal: 50 })
  const state = fold([created({ additionalCosts: { shipping: { price: 7 } } }), itemsAdded([cartItem({ price: 60 })])])
  const closing = decide(closeSession(), state, { now, policy: p })
  assert.is(closing._tag, 'Right')
  assert.equal(project(fold(closing._tag === 'Right' ? closing.right : [], state), { policy: p }).discounts, { tenth: 6, shipping: 5 })
  assert.equal(percentOff('coupon', 5, { type: 'item', scope: 'price', skus: ['TEA'] }, { coupon: true }), {
    name: 'coupon',
    target: { type: 'item', scope: 'price', skus: ['TEA'] },
    percent: 5,
    when: { coupon: true },
  })
  assert.equal(amountOff('flat', 2), { name: 'flat', target: { type: 'session', scope: 'cartItems' }, amount: 2 })
  assert.throws(() => policy(percentOff('a', 10), percentOff('a', 20)), /duplicate rule name "a"/)
  assert.throws(() => policy(percentOff('over', 101)), /percentage in 0..100/)
})

test('the arbitraries give commands the codec accepts', () => {
  fc.assert(
    fc.property(cartItemArbitrary(), (item) => SessionCommandCodec.decode(addItems(item))._tag === 'Right'),
    { numRuns: 200 },
  )
  fc.assert(fc.property(commandArbitrary(), (command) => SessionCommandCodec.decode(command)._tag === 'Right'), { numRuns: 300 })
  fc.assert(fc.property(createSessionArbitrary('cart-7'), (command) => command.data.integrationId === 'cart-7'))
})

/** A flow decided command by command, keeping the accepted events. */
const run = (commands: unknown[]): { state: SessionState; events: SessionEvent[]; accepted: number } => {
  let state = initialState
  const events: SessionEvent[] = []
  let accepted = 0
  for (const command of commands) {
    const decision = decide(command, state, { now })
    if (decision._tag === 'Left') continue
    accepted++
    for (const event of decision.right) {
      state = evolve(state, event)
      events.push(event)
    }
  }
  return { state, events, accepted }
}

test('a property of a flow: whatever the commands, the first creates, and a replay equals the live state', () => {
  let somethingAfterCreate = 0
  fc.assert(
    fc.property(commandSequenceArbitrary({ maxLength: 8 }), (commands) => {
      assert.is(commands[0]!.type, 'CreateSession')
      assert.ok(commands.length <= 9)
      const { state, events, accepted } = run(commands)
      if (accepted > 1) somethingAfterCreate++
      assert.ok(accepted >= 1, 'the create is accepted')
      assert.equal(fold(events), state)
      const projection = project(state)
      assert.ok(projection.total >= 0)
    }),
    { numRuns: 200 },
  )
  assert.ok(somethingAfterCreate > 50, `flows do more than create (${somethingAfterCreate} of 200)`)
})

test.run()
