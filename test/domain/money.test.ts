import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { fromMinor, minorOf, precisionOf, toMinor } from '../../src/index.ts'

const right = (u: ReturnType<typeof toMinor>) => (u._tag === 'Right' ? u.right : assert.unreachable(u.left.message))

test('precision comes from ISO 4217 minor units', () => {
  assert.equal([precisionOf('JPY'), precisionOf('EUR'), precisionOf('KWD'), precisionOf('USD')], [0, 2, 3, 2])
})

test('parses exactly, never rounds', () => {
  assert.is(right(toMinor(19.99, 2, 'p')), 1999)
  assert.is(right(toMinor(0.1, 2, 'p')), 10)
  assert.is(right(toMinor(100, 0, 'p')), 100)
  assert.is(right(toMinor(1.005, 3, 'p')), 1005)
})

test('exponent notation is read exactly', () => {
  const small = toMinor(1e-7, 2, 'p')
  assert.is(small._tag === 'Left' && small.left.code, 'ValidationFailed')
  assert.is(right(toMinor(1.5e3, 2, 'p')), 150000)
  assert.is(right(toMinor(2e-2, 2, 'p')), 2)
})

test('refuses too many digits, negatives, NaN, Infinity, non-numbers; out-of-range is AmountOutOfRange', () => {
  const code = (u: unknown, precision = 2) => {
    const r = toMinor(u, precision, 'price')
    return r._tag === 'Left' ? r.left.code : 'ok'
  }
  assert.is(code(0.001), 'ValidationFailed')
  assert.is(code(-0.01), 'ValidationFailed')
  assert.is(code(Number.NaN), 'ValidationFailed')
  assert.is(code(Number.NEGATIVE_INFINITY), 'ValidationFailed')
  assert.is(code('1'), 'ValidationFailed')
  assert.is(code(1e16, 0), 'AmountOutOfRange')
  assert.is(code(1e14), 'AmountOutOfRange')
  assert.is(code(9e13, 0), 'ok')
})

test('0.10 added a thousand times is exactly 100.00', () => {
  let sum = 0
  for (let i = 0; i < 1000; i++) sum += minorOf(0.1, 2)
  assert.is(fromMinor(sum, 2), 100)
})

// A double holds 15 significant decimal digits exactly; past that a JSON number cannot carry an
// amount exactly, whatever the library does.
test('property: any amount of up to 15 digits round-trips through its JSON number', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.constantFrom(0, 2, 3), (minor, precision) => {
      const amount = fromMinor(minor, precision)
      assert.is(minorOf(amount, precision), minor)
      assert.is(right(toMinor(amount, precision, 'p')), minor)
    }),
  )
})

test('property: an amount is accepted exactly when its decimal text fits the precision', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 99_999_999_999 }),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom(0, 2, 3),
      (digits, scale, precision) => {
        const text = scale === 0 ? String(digits) : `${String(digits).slice(0, -scale) || '0'}.${String(digits).padStart(scale, '0').slice(-scale)}`
        const fraction = (text.split('.')[1] ?? '').replace(/0+$/, '')
        const r = toMinor(Number(text), precision, 'p')
        if (fraction.length <= precision) assert.is(r._tag === 'Right' && r.right, Math.round(Number(text) * 10 ** precision))
        else assert.is(r._tag, 'Left', text)
      },
    ),
    { numRuns: 2000 },
  )
})

test.run()
