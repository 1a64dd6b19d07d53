import { show } from './messages.ts'
import * as E from 'fp-ts/lib/Either.js'
import { sessionError, type SessionError } from './errors.ts'

/**
 * Money is exact: amounts travel as JSON numbers in the currency's major unit (`19.99`), as in
 * Talon.One's API, and are computed as safe integers of minor units (1999). An input amount with
 * more fraction digits than the currency allows is refused, never rounded.
 * @since 0.1.0
 * @category money
 */
export type Minor = number

// ISO 4217 minor units, from list one as published on 2024-06-25 (list_one.xml of the ISO 4217
// maintenance agency, `Pblshd="2024-06-25"`, as shipped in the currency-codes 2.2.0 package),
// the same on every Node build (the ICU data behind `Intl` differs between builds and from ISO:
// it gives HUF 0 where ISO gives 2). The codes whose minor units are "N.A." (precious metals,
// XDR, XTS, XXX, ...) are left out: no amount can be written in them. Regenerate from a newer
// list by grouping its <Ccy> codes by <CcyMnrUnts>.
const codesByMinorUnits: ReadonlyArray<readonly [number, string]> = [
  [0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'],
  [
    2,
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
      'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
      'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD ' +
      'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN ' +
      'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB ' +
      'TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD YER ZAR ZMW ZWG',
  ],
  [3, 'BHD IQD JOD KWD LYD OMR TND'],
  [4, 'CLF UYW'],
]

/** currency code → its ISO 4217 minor units */
const minorUnits = new Map<string, number>(
  codesByMinorUnits.flatMap(([units, codes]) => codes.split(' ').map((code) => [code, units] as const)),
)

/** Whether `code` is an ISO 4217 currency an amount can be written in. @since 0.1.0 @category money */
export const isCurrency = (code: string): boolean => minorUnits.has(code)

/**
 * ISO 4217 minor units of a currency (JPY 0, EUR 2, KWD 3, CLF 4); 2 for a code that is not one.
 * @since 0.1.0
 * @category money
 */
export const precisionOf = (currency: string): number => minorUnits.get(currency) ?? 2

const scales = [1, 10, 100, 1000, 10000, 100000, 1000000]
const scaleOf = (precision: number): number => scales[precision] ?? 10 ** precision

/**
 * The most significant decimal digits an amount may have: a double carries 15 exactly, so a JSON
 * number with more (`80000000000000.01`) may already have been rounded on the way in.
 */
const MAX_SIGNIFICANT_DIGITS = 15

/**
 * Parses a non-negative finite number into minor units through its shortest decimal text, which is
 * exact: refuses NaN, Infinity, negatives, too many fraction digits (`ValidationFailed`), and
 * amounts of more than 15 significant digits or whose minor units leave the safe-integer range
 * (`AmountOutOfRange`): never rounds.
 * @since 0.1.0
 * @category money
 */
export const toMinor = (amount: unknown, precision: number, path: string): E.Either<SessionError, Minor> => {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    return E.left(sessionError('ValidationFailed', `${path}: expected a finite number, got ${show(amount)}`, { path }))
  }
  if (amount < 0) {
    return E.left(sessionError('ValidationFailed', `${path}: expected a non-negative amount, got ${amount}`, { path }))
  }
  // Fast path: an amount that is the double nearest to a decimal of at most `precision` digits
  // round-trips through its minor units; anything else goes through its text, which is exact.
  // Below 1e15 minor units it has at most 15 significant digits.
  const scaled = amount * scaleOf(precision)
  if (scaled < 1e15) {
    const minor = Math.round(scaled)
    if (minor / scaleOf(precision) === amount) return E.right(minor)
  }
  const digits = decimalDigits(amount)
  const significant = (digits.integer + digits.fraction).replace(/^0+/, '').replace(/0+$/, '').length
  if (significant > MAX_SIGNIFICANT_DIGITS) {
    return E.left(
      sessionError(
        'AmountOutOfRange',
        `${path}: ${amount} has more than ${MAX_SIGNIFICANT_DIGITS} significant digits, more than a JSON number carries exactly`,
        { path },
      ),
    )
  }
  if (digits.fraction.length > precision) {
    return E.left(
      sessionError(
        'ValidationFailed',
        `${path}: ${amount} has ${digits.fraction.length} fraction digits, the currency allows ${precision}`,
        { path },
      ),
    )
  }
  const text = (digits.integer + digits.fraction.padEnd(precision, '0')).replace(/^0+(?=\d)/, '')
  const minor = Number(text)
  if (!Number.isSafeInteger(minor)) {
    return E.left(
      sessionError('AmountOutOfRange', `${path}: ${amount} is beyond the safe range of minor units`, { path }),
    )
  }
  return E.right(minor)
}

/**
 * The exact decimal digits of a finite non-negative number, from its shortest round-trip text
 * (which never has more fraction digits than the literal it was parsed from).
 */
const decimalDigits = (amount: number): { integer: string; fraction: string } => {
  const text = String(amount)
  const exponentAt = text.indexOf('e')
  if (exponentAt < 0) {
    const dot = text.indexOf('.')
    return dot < 0 ? { integer: text, fraction: '' } : { integer: text.slice(0, dot), fraction: text.slice(dot + 1) }
  }
  const mantissa = text.slice(0, exponentAt).replace('.', '')
  const dot = text.indexOf('.')
  const intLength = (dot < 0 || dot > exponentAt ? exponentAt : dot) + Number(text.slice(exponentAt + 1))
  if (intLength <= 0) return { integer: '0', fraction: '0'.repeat(-intLength) + mantissa }
  if (intLength >= mantissa.length) return { integer: mantissa + '0'.repeat(intLength - mantissa.length), fraction: '' }
  return { integer: mantissa.slice(0, intLength), fraction: mantissa.slice(intLength) }
}

/**
 * Minor units of an amount already validated at this precision (events in a log, state): exact
 * because such an amount is the double nearest to a decimal with at most `precision` digits.
 * @since 0.1.0
 * @category money
 */
export const minorOf = (amount: number, precision: number): Minor => {
  const scaled = amount * scaleOf(precision)
  // Below 2^50 the product is within a quarter unit of the exact value; above, go through the text.
  if (scaled < 1e15) return Math.round(scaled)
  const digits = decimalDigits(amount)
  return Number(digits.integer + digits.fraction.padEnd(precision, '0'))
}

/**
 * The JSON number for minor units: an integer divided by a power of ten is correctly rounded, so
 * this is the double nearest to the exact decimal.
 * @since 0.1.0
 * @category money
 */
export const fromMinor = (minor: Minor, precision: number): number => minor / scaleOf(precision)


