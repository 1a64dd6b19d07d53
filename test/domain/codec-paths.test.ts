import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { CartItemCodec, SessionCommandCodec, SessionEventCodec } from '../../src/index.ts'
import type { Codec } from '../../src/domain/codec-kit.ts'
import { explainingOnly } from '../../src/domain/codec-kit.ts'
import { created, now } from '../../src/testing/index.ts'

// Every codec decodes valid values through a fast check and explains refusals through a
// contextual validation: the two must agree on what they accept and on what they return.
const root = [{ key: '', type: SessionEventCodec, actual: undefined }]
const agree = (codec: Pick<Codec<unknown>, 'check' | 'explain'>, u: unknown) => {
  const fast = codec.check(u)
  const inPlace = codec.check(u, false)
  const slow = explainingOnly(() => codec.explain(u, root))
  if (slow._tag === 'Right') {
    assert.equal(fast, slow.right)
    assert.is(inPlace, u, 'a check without copy returns the value itself')
  } else {
    assert.ok(typeof fast === 'symbol', `fast check accepted what validation refuses: ${JSON.stringify(u)?.slice(0, 200)}`)
    assert.ok(typeof inPlace === 'symbol', `in-place check accepted what validation refuses: ${JSON.stringify(u)?.slice(0, 200)}`)
  }
}

/** Valid messages with one field replaced by an arbitrary value, or an arbitrary key added. */
const mutated = (valid: unknown) =>
  fc.tuple(fc.jsonValue(), fc.anything(), fc.nat(), fc.boolean()).map(([json, anything, pick, add]) => {
    const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>
    const paths: Array<[Record<string, unknown>, string]> = []
    const walk = (o: unknown) => {
      if (typeof o !== 'object' || o === null) return
      for (const key of Object.keys(o)) {
        paths.push([o as Record<string, unknown>, key])
        walk((o as Record<string, unknown>)[key])
      }
    }
    walk(copy)
    const [target, key] = paths[pick % paths.length]!
    if (add) target[`${key}_x`] = json
    else target[key] = pick % 2 ? json : anything
    return copy
  })

const event = {
  type: 'ItemsAdded',
  data: {
    at: now,
    cartItems: [{ sku: 'A', quantity: 2, price: 1.5, attributes: { a: [1, { b: null }] }, additionalCosts: { wrap: { price: 1 } } }],
  },
}
const command = { type: 'CreateSession', data: { integrationId: 's', applicationId: 1, couponCodes: ['X'], cartItems: event.data.cartItems, attributes: { deep: { er: [true] } } } }

test('fast checks and contextual validation agree on mutated events and commands', () => {
  fc.assert(fc.property(mutated(event), (u) => agree(SessionEventCodec, u)), { numRuns: 1000 })
  fc.assert(fc.property(mutated(created()), (u) => agree(SessionEventCodec, u)), { numRuns: 1000 })
  fc.assert(fc.property(mutated(command), (u) => agree(SessionCommandCodec, u)), { numRuns: 1000 })
  fc.assert(fc.property(fc.anything(), (u) => agree(CartItemCodec, u)), { numRuns: 300 })
})

test('timestamps name real instants', () => {
  const at = (s: string) => SessionEventCodec.check({ type: 'Closed', data: { at: s, effects: [] } }) !== SessionEventCodec.check(undefined)
  assert.ok(at('2024-02-29T23:59:59.999Z'))
  assert.ok(at('2000-02-29T00:00:00Z'))
  for (const bad of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01T00:00:60Z', '2026-01-00T00:00:00Z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00+01:00']) {
    assert.not.ok(at(bad), bad)
  }
})

test.run()
