import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import {
  decide,
  evolve,
  fold,
  initialState,
  minorOf,
  precisionOf,
  project,
  SessionEventCodec,
  type SessionEvent,
  type SessionState,
} from '../../src/index.ts'
import { totalsOf } from '../../src/domain/totals.ts'
import { now } from '../../src/testing/index.ts'

const currency = fc.constantFrom('USD', 'JPY', 'KWD')
const price = fc.oneof(fc.integer({ min: 0, max: 100_000 }).map((m) => m / 100), fc.constantFrom(0, 0.1, 1.999, -1, 1e14))
const line = fc.record(
  {
    sku: fc.constantFrom('A', 'B', 'C'),
    quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 5000)),
    price,
    additionalCosts: fc.dictionary(fc.constantFrom('wrap', 'card'), fc.record({ price })),
  },
  { requiredKeys: ['sku', 'quantity', 'price'] },
)
const validLine = fc.record({
  sku: fc.constantFrom('A', 'B', 'C'),
  quantity: fc.integer({ min: 1, max: 5 }),
  price: fc.integer({ min: 0, max: 100_000 }),
  additionalCosts: fc.dictionary(fc.constantFrom('wrap', 'card'), fc.record({ price: fc.integer({ min: 0, max: 500 }) })),
})
const entry = fc.record({ position: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 3 }) })
const create = fc.record({
    type: fc.constant('CreateSession'),
    data: fc.record(
      {
        integrationId: fc.constant('s'),
        applicationId: fc.constant(1),
        currency,
        profileId: fc.constantFrom('', 'p'),
        cartItems: fc.array(validLine, { maxLength: 4 }),
        additionalCosts: fc.dictionary(fc.constantFrom('shipping'), fc.record({ price: fc.integer({ min: 0, max: 900 }) })),
        state: fc.constantFrom('open', 'closed'),
      },
      { requiredKeys: ['integrationId', 'applicationId'] },
    ),
  })
const returnItems = fc.record({
  type: fc.constant('ReturnItems'),
  data: fc.record({ items: fc.array(fc.oneof(entry, fc.record({ sku: fc.constantFrom('A', 'B'), quantity: fc.integer({ min: 1, max: 2 }) })), { minLength: 1, maxLength: 2 }) }),
})
const command = fc.oneof(
  create,
  fc.record({ type: fc.constant('AddItems'), data: fc.record({ cartItems: fc.array(line, { minLength: 1, maxLength: 3 }) }) }),
  fc.record({ type: fc.constant('RemoveItems'), data: fc.record({ items: fc.array(entry, { minLength: 1, maxLength: 2 }) }) }),
  fc.record({ type: fc.constant('UpdateSession'), data: fc.record({ couponCodes: fc.array(fc.constantFrom('X', 'Y')), profileId: fc.constantFrom('', 'q') }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constantFrom('CloseSession', 'ReopenSession', 'CancelSession'), data: fc.constant({}) }),
  returnItems,
  returnItems,
  fc.anything(),
)

/** Runs commands through decide, keeping the events of the accepted ones. */
const run = (commands: unknown[]): { state: SessionState; events: SessionEvent[]; steps: SessionState[] } => {
  let state = initialState
  const events: SessionEvent[] = []
  const steps: SessionState[] = []
  for (const c of commands) {
    const decision = decide(c, state, { now })
    if (decision._tag === 'Left') {
      assert.type(decision.left.message, 'string')
      continue
    }
    for (const event of decision.right) {
      state = evolve(state, event)
      events.push(event)
      steps.push(state)
    }
  }
  return { state, events, steps }
}

// Most sequences start with a create, so that most runs reach the later states.
const commands = fc.tuple(fc.option(create, { freq: 8 }), fc.array(command, { maxLength: 25 })).map(([first, rest]) =>
  first === null ? rest : [first, ...rest],
)

test('decide never throws, and the totals add up and are never negative', () => {
  fc.assert(
    fc.property(commands, (cs) => {
      for (const state of run(cs).steps) {
        const p = project(state)
        const precision = precisionOf(state.currency)
        const m = (x: number) => minorOf(x, precision)
        assert.is(m(p.total), m(p.cartItemTotal) + m(p.additionalCostTotal) + m(p.cartItemAdditionalCostTotal))
        for (const amount of [p.total, p.cartItemTotal, p.additionalCostTotal, p.cartItemAdditionalCostTotal, p.totalDiscounts]) {
          assert.ok(amount >= 0)
        }
      }
    }),
    { numRuns: 300 },
  )
})

test('fold of all events equals the state built event by event', () => {
  fc.assert(
    fc.property(commands, (cs) => {
      const { state, events } = run(cs)
      assert.equal(fold(events), state)
    }),
    { numRuns: 200 },
  )
})

test('returned plus remaining is the quantity of every line', () => {
  fc.assert(
    fc.property(commands, (cs) => {
      for (const l of project(run(cs).state).cartItems) {
        assert.is(l.returnedQuantity + l.remainingQuantity, l.quantity)
        assert.ok(l.remainingQuantity >= 0 && l.returnedQuantity >= 0)
      }
    }),
    { numRuns: 200 },
  )
})

test('a decoded-then-encoded event equals the original', () => {
  fc.assert(
    fc.property(commands, (cs) => {
      for (const event of run(cs).events) {
        const json = JSON.parse(JSON.stringify(event))
        const decoded = SessionEventCodec.decode(json)
        if (decoded._tag === 'Left') return assert.unreachable(`${event.type} did not decode`)
        assert.equal(SessionEventCodec.encode(decoded.right), event)
      }
    }),
    { numRuns: 200 },
  )
})

const updateCosts = fc.record({
  type: fc.constant('UpdateSession'),
  data: fc.record({ additionalCosts: fc.dictionary(fc.constantFrom('shipping', 'packing'), fc.record({ price })) }),
})

/** What a state's kept sums should be: a recount of its lines and costs. */
const recount = (state: SessionState) => {
  const totals = totalsOf(state.cartItems, state.additionalCosts, precisionOf(state.currency))
  return {
    units: state.cartItems.reduce((units, line) => units + line.quantity, 0),
    cartItemTotal: totals.cartItemTotal,
    cartItemAdditionalCostTotal: totals.cartItemAdditionalCostTotal,
    additionalCostTotal: totals.additionalCostTotal,
  }
}

test('the sums a state keeps always equal a recount of its lines, event by event and in one batch', () => {
  const withCosts = fc.tuple(fc.option(create, { freq: 8 }), fc.array(fc.oneof(command, updateCosts), { maxLength: 30 })).map(([first, rest]) =>
    first === null ? rest : [first, ...rest],
  )
  fc.assert(
    fc.property(withCosts, (cs) => {
      const { steps, events } = run(cs)
      for (const state of steps) assert.equal({ ...state.sums }, recount(state))
      const batch = fold(events)
      assert.equal({ ...batch.sums }, recount(batch))
      // From any state on: a fold that starts half-way keeps the same sums.
      const half = Math.floor(events.length / 2)
      assert.equal(fold(events.slice(half), fold(events.slice(0, half))).sums, batch.sums)
    }),
    { numRuns: 300 },
  )
})

test.run()
