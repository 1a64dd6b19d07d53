import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as t from 'io-ts'
import * as root from '../../src/index.ts'
import { describeError } from '../../src/domain/codec-kit.ts'
import * as cartItem from '../../src/domain/cart-item.ts'
import * as commands from '../../src/domain/commands.ts'
import * as effects from '../../src/domain/effects.ts'
import * as events from '../../src/domain/events.ts'
import * as listQuery from '../../src/service/list-query.ts'
import * as talon from '../../src/talon/index.ts'
import * as upcasters from '../../src/log/upcasters.ts'
import { anyInput, validSamples as valid } from '../support/codec-inputs.ts'
import { now } from '../../src/testing/index.ts'

// Every exported codec is total: whatever JSON.parse can produce, and whatever plain objects and
// arrays code can build (holes, undefined, -0, NaN, BigInt, symbols as values and as keys), its
// decode returns an Either, and a refusal reports a path. Getters that throw and proxies are out
// of scope (issue 12): they are not generated.
// every codec a module exports, whether or not the root re-exports it
const cartfold = { ...root, ...cartItem, ...commands, ...effects, ...events, ...listQuery, ...talon, ...upcasters }
const codecs = Object.entries(cartfold).filter((entry): entry is [string, t.Mixed] => entry[0].endsWith('Codec') && entry[1] instanceof t.Type)

const total = (name: string, codec: t.Mixed, u: unknown) => {
  let r: t.Validation<unknown>
  try {
    r = codec.decode(u)
  } catch (cause) {
    return assert.unreachable(`${name}.decode threw ${String(cause)}`)
  }
  assert.ok(r._tag === 'Left' || r._tag === 'Right', name)
  if (r._tag === 'Left') {
    const { path, message } = describeError(r.left)
    assert.type(path, 'string')
    assert.ok(message.startsWith(`${path}: `), message)
  } else {
    // what a codec accepts it accepts again, unchanged
    assert.equal(codec.decode(r.right), { _tag: 'Right', right: r.right }, name)
  }
}

test('every exported codec is found', () => {
  for (const name of ['SessionEventCodec', 'SessionCommandCodec', 'CartItemCodec', 'DiscountPolicyCodec', 'ListQueryCodec', 'UpdateCustomerSessionV2RequestCodec']) {
    assert.ok(codecs.some(([n]) => n === name), name)
  }
})

test('every exported codec decodes arbitrary and mutated values into an Either, never a throw', () => {
  fc.assert(
    fc.property(anyInput, (u) => {
      for (const [name, codec] of codecs) total(name, codec, u)
    }),
    { numRuns: 1500 },
  )
})

test('the valid samples decode, so that their mutations reach every field', () => {
  assert.ok(cartfold.SessionEventCodec.is(valid[0]) && cartfold.SessionEventCodec.is(valid[3]))
  assert.ok(cartfold.SessionCommandCodec.is(valid[4]) && cartfold.SessionCommandCodec.is(valid[5]) && cartfold.SessionCommandCodec.is(valid[6]))
  assert.ok(cartfold.CartItemCodec.is(valid[7]) && cartfold.DiscountPolicyCodec.is(valid[8]))
  assert.ok(cartfold.UpdateCustomerSessionV2RequestCodec.is(valid[9]) && cartfold.ReturnCartItemsRequestCodec.is(valid[10]) && cartfold.ListQueryCodec.is(valid[11]))
})

test('a sparse array, undefined, BigInt and symbols inside attributes are refused with a path', () => {
  const refusal = (attributes: unknown) => {
    const r = cartfold.SessionCommandCodec.decode({ type: 'UpdateSession', data: { attributes } })
    return r._tag === 'Left' ? describeError(r.left).message : 'accepted'
  }
  assert.is(refusal({ tags: ['a', , 'c'] }), 'UpdateSession.attributes.tags[1]: expected a JSON value, got undefined') // eslint-disable-line no-sparse-arrays
  assert.is(refusal({ n: 10n }), 'UpdateSession.attributes.n: expected a JSON value, got bigint')
  assert.is(refusal({ s: Symbol('s') }), 'UpdateSession.attributes.s: expected a JSON value, got symbol')
  assert.is(refusal({ u: undefined }), 'UpdateSession.attributes.u: expected a JSON value, got undefined')
  assert.is(refusal({ z: -0 }), 'accepted')
  assert.is(refusal({ [Symbol('k')]: 1, a: 1 }), 'accepted') // symbol keys are not read, and not copied
  const r = cartfold.SessionCommandCodec.decode({ type: 'UpdateSession', data: { attributes: { [Symbol('k')]: 1, a: 1 } } })
  assert.ok(r._tag === 'Right' && r.right.type === 'UpdateSession' && Object.getOwnPropertySymbols(r.right.data.attributes).length === 0)
  const decided = cartfold.decide({ type: 'CreateSession', data: { integrationId: 's', applicationId: 1, attributes: { tags: ['a', , 'c'] } } }, cartfold.initialState, { now }) // eslint-disable-line no-sparse-arrays
  assert.ok(decided._tag === 'Left' && decided.left.path === 'CreateSession.attributes.tags[1]', decided._tag === 'Left' ? decided.left.message : '')
})

test.run()
