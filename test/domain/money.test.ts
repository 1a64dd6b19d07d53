import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { fromMinor, isCurrency, minorOf, precisionOf, toMinor } from '../../src/index.ts'

const right = (u: ReturnType<typeof toMinor>) => (u._tag === 'Right' ? u.right : assert.unreachable(u.left.message))

test('precision comes from ISO 4217 minor units', () => {
  assert.equal([precisionOf('JPY'), precisionOf('EUR'), precisionOf('KWD'), precisionOf('USD')], [0, 2, 3, 2])
})

test('minor units are ISO 4217 on every Node build, not the ICU data behind Intl', () => {
  const units = (codes: string[]) => codes.map(precisionOf)
  assert.equal(units(['HUF', 'COP', 'IDR', 'PKR']), [2, 2, 2, 2])
  assert.equal(units(['IQD', 'KWD', 'BHD', 'TND']), [3, 3, 3, 3])
  assert.equal(units(['CLF', 'UYW']), [4, 4])
  assert.equal(units(['JPY', 'KRW', 'CLP', 'ISK']), [0, 0, 0, 0])
  for (const code of ['HUF', 'CLF', 'UYW', 'IQD', 'EUR', 'ZWG']) assert.ok(isCurrency(code), code)
})

test('codes that are not ISO 4217 currencies an amount can be written in are refused', () => {
  // N.A. minor units in ISO 4217 (precious metals, testing, no currency), withdrawn, or made up
  for (const code of ['XAU', 'XTS', 'XXX', 'XDR', 'DEM', 'XXY', 'huf', '']) assert.not.ok(isCurrency(code), code)
})

test('12.50 HUF, 1.234 IQD and 0.0001 CLF are amounts; 12.5 JPY is not', () => {
  assert.is(right(toMinor(12.5, precisionOf('HUF'), 'price')), 1250)
  assert.is(right(toMinor(1.234, precisionOf('IQD'), 'price')), 1234)
  assert.is(right(toMinor(0.0001, precisionOf('CLF'), 'price')), 1)
  assert.is(right(toMinor(1.2345, precisionOf('UYW'), 'price')), 12345)
  const yen = toMinor(12.5, precisionOf('JPY'), 'price')
  assert.is(yen._tag === 'Left' && yen.left.code, 'ValidationFailed')
})

test('an amount of more than 15 significant digits is AmountOutOfRange, never rounded', () => {
  const refusal = (amount: number, precision = 2) => {
    const r = toMinor(amount, precision, 'price')
    return r._tag === 'Left' ? [r.left.code, r.left.path] : ['ok', r.right]
  }
  // 80000000000000.01 reaches JavaScript as the double printed 80000000000000.02
  assert.equal(refusal(80000000000000.01), ['AmountOutOfRange', 'price'])
  assert.equal(refusal(1234567890123.456, 3), ['AmountOutOfRange', 'price'])
  assert.equal(refusal(0.1234567890123456, 4), ['AmountOutOfRange', 'price'])
  // 15 significant digits are kept exactly
  assert.equal(refusal(9999999999999.99), ['ok', 999999999999999])
  assert.equal(refusal(999999999999999, 0), ['ok', 999999999999999])
  const r = toMinor(80000000000000.01, 2, 'price')
  assert.match(r._tag === 'Left' ? r.left.message : '', 'more than 15 significant digits')
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
