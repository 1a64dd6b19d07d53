import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  CartItemCodec,
  decide,
  initialState,
  SessionCommandCodec,
  SessionEventCodec,
} from '../../src/index.ts'
import { describeError, type Codec } from '../../src/domain/codec-kit.ts'
import { created, now } from '../../src/testing/index.ts'

const codecs = suite('codecs on hostile input')

/** Decodes, expecting a failure; returns the rendered message. Never throws or the test fails. */
const refusal = (codec: Pick<Codec<unknown>, 'decode'>, input: unknown): string => {
  const r = codec.decode(input)
  if (r._tag === 'Right') return assert.unreachable(`expected a failure for ${JSON.stringify(input)?.slice(0, 80)}`) as never
  return describeError(r.left).message
}

codecs('wrong types name the path and what was expected', () => {
  assert.is(
    refusal(SessionEventCodec, { type: 'ItemsAdded', data: { at: now, cartItems: [{ sku: 'a', quantity: '2', price: 1 }] } }),
    'ItemsAdded.cartItems[0].quantity: expected an integer >= 1, got "2"',
  )
  assert.is(refusal(SessionEventCodec, { type: 'Closed', data: { at: 'yesterday', effects: [] } }), 'Closed.at: expected an ISO-8601 UTC timestamp, got "yesterday"')
  assert.is(refusal(SessionEventCodec, 'Created'), '(root): expected an object { type, data } (SessionEvent), got "Created"')
  assert.match(refusal(SessionEventCodec, { type: 'Exploded', data: {} }), /^type: unknown SessionEvent type "Exploded", expected one of Created, /)
  assert.match(refusal(SessionEventCodec, { type: 'toString', data: {} }), /unknown SessionEvent type "toString"/)
})

codecs('missing and extra fields', () => {
  assert.is(refusal(CartItemCodec, { sku: 'a', quantity: 1 }), 'price: required, expected a non-negative amount')
  assert.is(refusal(CartItemCodec, { sku: 'a', quantity: 1, price: 1, colour: 'red' }), 'colour: unknown field "colour"')
  const { data } = created() as { data: Record<string, unknown> }
  const { currency: _, ...withoutCurrency } = data
  assert.is(refusal(SessionEventCodec, { type: 'Created', data: withoutCurrency }), 'Created.currency: required, expected a string of 3..3 characters matching an ISO 4217 code')
})

codecs('huge arrays fail on their length before any item is looked at', () => {
  const huge = new Array(1_000_000).fill('CODE')
  assert.is(refusal(SessionCommandCodec, { type: 'UpdateSession', data: { couponCodes: huge } }), 'UpdateSession.couponCodes: expected 0..10000 entries, got 1000000')
  const items = new Array(200_000).fill({ position: 0, quantity: 1 })
  assert.match(refusal(SessionCommandCodec, { type: 'RemoveItems', data: { items } }), /expected 1\.\.100000 entries, got 200000/)
})

codecs('deeply nested attributes are refused without overflowing the stack', () => {
  let attributes: Record<string, unknown> = { leaf: true }
  for (let i = 0; i < 100_000; i++) attributes = { nested: attributes }
  assert.match(refusal(SessionCommandCodec, { type: 'UpdateSession', data: { attributes } }), /expected at most 32 levels of nesting/)
  let ok: Record<string, unknown> = { leaf: [1, 'two', null, false] }
  for (let i = 0; i < 30; i++) ok = { nested: ok }
  assert.ok(SessionCommandCodec.decode({ type: 'UpdateSession', data: { attributes: ok } })._tag === 'Right')
})

codecs('attributes are JSON: no functions, no non-finite numbers, no class instances', () => {
  assert.match(refusal(SessionCommandCodec, { type: 'UpdateSession', data: { attributes: { f: () => 1 } } }), /attributes\.f: expected a JSON value/)
  assert.match(refusal(SessionCommandCodec, { type: 'UpdateSession', data: { attributes: { n: [1, Number.NaN] } } }), /attributes\.n\[1\]: expected a finite number/)
  assert.match(refusal(SessionCommandCodec, { type: 'UpdateSession', data: { attributes: { d: new Date(0) } } }), /attributes\.d: expected a JSON value/)
  assert.match(refusal(SessionCommandCodec, { type: 'UpdateSession', data: { attributes: [1] } }), /attributes: expected a JSON object/)
})

codecs('prototype-polluting keys are refused and pollute nothing', () => {
  const input = JSON.parse('{"type":"UpdateSession","data":{"attributes":{"__proto__":{"polluted":true}}}}')
  assert.match(refusal(SessionCommandCodec, input), /attributes\.__proto__: the key "__proto__" is not allowed/)
  const topLevel = JSON.parse('{"type":"CloseSession","data":{"__proto__":{"polluted":true}}}')
  assert.match(refusal(SessionCommandCodec, topLevel), /unknown field "__proto__"/)
  assert.is(({} as Record<string, unknown>).polluted, undefined)
})

codecs('decoded values are fresh objects holding only known keys', () => {
  const input = { sku: 'a', quantity: 1, price: 2, additionalCosts: { wrap: { price: 1 } } }
  const r = CartItemCodec.decode(input)
  if (r._tag === 'Left') return assert.unreachable()
  assert.is.not(r.right, input)
  assert.is.not(r.right.additionalCosts, input.additionalCosts)
  assert.equal(r.right, input)
})

codecs('decide refuses what is not a command, and a context it cannot use, as values', () => {
  for (const input of [undefined, null, 42, 'CloseSession', [], { type: 'CloseSession' }, { type: 'CloseSession', data: [] }]) {
    const r = decide(input, initialState, { now })
    assert.is(r._tag === 'Left' && r.left.code, 'ValidationFailed')
  }
  const r = decide({ type: 'CreateSession', data: { integrationId: 'x', applicationId: 1 } }, initialState, { now: 'not a time' })
  assert.is(r._tag === 'Left' && r.left.path, 'context.now')
})

codecs('a default currency in the context is reported at context.currency', () => {
  const create = { type: 'CreateSession', data: { integrationId: 'x', applicationId: 1 } }
  const r = decide(create, initialState, { now, currency: 5 as never })
  assert.is(r._tag === 'Left' && r.left.path, 'context.currency')
  assert.match(r._tag === 'Left' ? r.left.message : '', /refuses CreateSession: context\.currency: 5 is not an ISO 4217 currency$/)
  const own = decide({ ...create, data: { ...create.data, currency: 'ZZZ' } }, initialState, { now, currency: 'EUR' })
  assert.is(own._tag === 'Left' && own.left.path, 'CreateSession.currency')
})

codecs('a cost named after a prototype key is refused as a reserved name; other names by the pattern', () => {
  const costs = (additionalCosts: unknown) => refusal(SessionCommandCodec, { type: 'UpdateSession', data: { additionalCosts } })
  assert.is(costs({ constructor: { price: 1 } }), 'UpdateSession.additionalCosts.constructor: the key "constructor" is not allowed: it is a reserved name')
  assert.is(costs({ prototype: { price: 1 } }), 'UpdateSession.additionalCosts.prototype: the key "prototype" is not allowed: it is a reserved name')
  assert.is(costs(JSON.parse('{"__proto__":{"price":1}}')), 'UpdateSession.additionalCosts.__proto__: the key "__proto__" is not allowed: it is a reserved name')
  assert.is(costs({ '1st': { price: 1 } }), 'UpdateSession.additionalCosts.1st: expected a key that is a string of 1..1000 characters matching a cost name, got "1st"')
  assert.is(costs({ wrap: { price: -1 } }), 'UpdateSession.additionalCosts.wrap.price: expected a non-negative amount, got -1')
})

codecs('an array carrying odd own properties is read by its items alone', () => {
  const codes = Object.assign(['A', 'B'], { constructor: 1, extra: true })
  const r = SessionCommandCodec.decode({ type: 'UpdateSession', data: { couponCodes: codes } })
  assert.equal(r._tag === 'Right' && r.right.data, { couponCodes: ['A', 'B'] })
  assert.ok(r._tag === 'Right' && r.right.type === 'UpdateSession' && Array.isArray(r.right.data.couponCodes) && !Object.hasOwn(r.right.data.couponCodes, 'extra'))
})

codecs('timestamps name real instants', () => {
  const at = (s: string) => SessionEventCodec.decode({ type: 'Closed', data: { at: s, effects: [] } })._tag === 'Right'
  assert.ok(at('2024-02-29T23:59:59.999Z'))
  assert.ok(at('2000-02-29T00:00:00Z'))
  for (const bad of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01T00:00:60Z', '2026-01-00T00:00:00Z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00+01:00']) {
    assert.not.ok(at(bad), bad)
  }
})

codecs.run()
