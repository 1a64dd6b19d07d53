import * as t from 'io-ts'
import { codec, type Codec, expected, invalid } from './core.ts'

/** A string of `min`..`max` characters, optionally matching a pattern. @since 0.1.0 @category codecs */
export const text = (min: number, max: number, pattern?: RegExp, patternName?: string): Codec<string> => {
  const what = `a string of ${min}..${max} characters${pattern ? ` matching ${patternName ?? String(pattern)}` : ''}`
  const ok = (u: unknown): u is string =>
    typeof u === 'string' && u.length >= min && u.length <= max && (pattern === undefined || pattern.test(u))
  return codec(what, (u, c) => (ok(u) ? t.success(u) : expected(u, c, what)), (u) => (ok(u) ? u : invalid))
}

/** A safe integer within bounds. @since 0.1.0 @category codecs */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER): Codec<number> => {
  const what = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`
  const ok = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max
  return codec(what, (u, c) => (ok(u) ? t.success(u) : expected(u, c, what)), (u) => (ok(u) ? u : invalid))
}

/** A finite non-negative number: the price rule (the currency's precision is checked by `decide`). */
const isNonNegative = (u: unknown): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0
export const amount: Codec<number> = codec(
  'a non-negative amount',
  (u, c) => (isNonNegative(u) ? t.success(u) : expected(u, c, 'a non-negative finite amount')),
  (u) => (isNonNegative(u) ? u : invalid),
)

/** A finite non-negative number (dimensions, weights): the amount rule under its own name. @since 0.1.0 @category codecs */
export const nonNegative: Codec<number> = codec('a non-negative number', amount.explain, amount.check)

/** @since 0.1.0 @category codecs */
export const boolean: Codec<boolean> = codec(
  'a boolean',
  (u, c) => (typeof u === 'boolean' ? t.success(u) : expected(u, c, 'a boolean')),
  (u) => (typeof u === 'boolean' ? u : invalid),
)

/** One of a few string literals. @since 0.1.0 @category codecs */
export const oneOf = <L extends string>(...values: readonly L[]): Codec<L> => {
  const what = values.map((v) => JSON.stringify(v)).join(' | ')
  return codec(
    what,
    (u, c) => (values.includes(u as L) ? t.success(u as L) : expected(u, c, what)),
    (u) => (values.includes(u as L) ? (u as L) : invalid),
  )
}

/** An ISO-8601 UTC timestamp such as `2026-11-22T10:00:00.000Z`. @since 0.1.0 @category codecs */
export const isoTimestamp: Codec<string> = codec(
  'an ISO-8601 UTC timestamp',
  (u, c) => (typeof u === 'string' && isIsoUtc(u) ? t.success(u) : expected(u, c, 'an ISO-8601 UTC timestamp')),
  (u) => (typeof u === 'string' && isIsoUtc(u) ? u : invalid),
)

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
const twoDigits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48
const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z` naming a real instant (no 30 February, no hour 24). Checked by
 * hand rather than with `Date.parse`, which costs several times more on every event of a log.
 * @since 0.1.0
 * @category codecs
 */
export const isIsoUtc = (s: string): boolean => {
  if (!isoUtc.test(s)) return false
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2)
  const month = twoDigits(s, 5)
  const day = twoDigits(s, 8)
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && twoDigits(s, 11) <= 23 && twoDigits(s, 14) <= 59 && twoDigits(s, 17) <= 59
}
