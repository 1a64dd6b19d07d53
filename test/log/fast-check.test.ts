import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as t from 'io-ts'
import * as cartfold from '../../src/index.ts'
import { guardFor } from '../../src/log/fast-check.ts'
import { anyInput, mutatedSample, validSamples } from '../support/codec-inputs.ts'

// Replay keeps a parsed line as it is when the guard compiled from a codec says the codec accepts
// it (src/log/fast-check.ts). That is sound only if the guard accepts exactly what the codec
// accepts, and if, on what JSON.parse produces, the codec returns a value equal to the line's.
const codecs = Object.entries(cartfold).filter((entry): entry is [string, t.Mixed] => entry[0].endsWith('Codec') && entry[1] instanceof t.Type)

const agree = (u: unknown) => {
  for (const [name, codec] of codecs) {
    const decoded = codec.decode(u)
    assert.is(guardFor(codec)(u), decoded._tag === 'Right', name)
  }
}

test('the guard accepts exactly what each exported codec accepts, on any value', () => {
  fc.assert(fc.property(anyInput, agree), { numRuns: 2000 })
  for (const sample of validSamples) agree(sample)
})

test('on parsed JSON, what a codec accepts it returns unchanged: replay may keep the parsed value', () => {
  const json = fc.oneof(mutatedSample, fc.jsonValue(), fc.constantFrom(...validSamples)).map((u) => {
    const text = JSON.stringify(u, (_, v: unknown) => (typeof v === 'bigint' ? 0 : v))
    return text === undefined ? null : (JSON.parse(text) as unknown)
  })
  let accepted = 0
  fc.assert(
    fc.property(json, (u) => {
      for (const [name, codec] of codecs) {
        const decoded = codec.decode(u)
        assert.is(guardFor(codec)(u), decoded._tag === 'Right', name)
        if (decoded._tag === 'Right') {
          accepted++
          assert.equal(decoded.right, u, name)
        }
      }
    }),
    { numRuns: 2000 },
  )
  assert.ok(accepted > 500, `only ${accepted} values accepted: the property tests too little`)
})

test.run()
