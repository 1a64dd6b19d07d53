import * as t from 'io-ts'
import type { Codec } from './codec.ts'

/**
 * The scalars of every message, as io-ts refinements: a refusal reads `expected <name>, got <value>`
 * (see `describeError`), so each name says what is expected.
 */

/** A string of `min`..`max` characters, optionally matching a pattern. @since 0.1.0 @category codecs */
export const text = (min: number, max: number, pattern?: RegExp, patternName?: string) =>
  t.refinement(
    t.string,
    (s) => s.length >= min && s.length <= max && (pattern === undefined || pattern.test(s)),
    `a string of ${min}..${max} characters${pattern ? ` matching ${patternName ?? String(pattern)}` : ''}`,
  )

/** A safe integer within bounds. @since 0.1.0 @category codecs */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  t.refinement(
    t.number,
    (n) => Number.isSafeInteger(n) && n >= min && n <= max,
    max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`,
  )

const isNonNegative = (n: number) => Number.isFinite(n) && n >= 0

/** A finite non-negative number: the price rule (the currency's precision is checked by `decide`). @since 0.1.0 @category codecs */
export const amount = t.refinement(t.number, isNonNegative, 'a non-negative amount')

/** A finite non-negative number (dimensions, weights): the amount rule under its own name. @since 0.1.0 @category codecs */
export const nonNegative = t.refinement(t.number, isNonNegative, 'a non-negative number')

/** @since 0.1.0 @category codecs */
export const boolean: Codec<boolean> = t.union([t.literal(true), t.literal(false)], 'a boolean')

/** One of a few string literals. @since 0.1.0 @category codecs */
export const oneOf = <L extends string>(...values: readonly L[]) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<L, null>, values.map((v) => JSON.stringify(v)).join(' | '))

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

/** An ISO-8601 UTC timestamp such as `2026-11-22T10:00:00.000Z`. @since 0.1.0 @category codecs */
export const isoTimestamp = t.refinement(t.string, isIsoUtc, 'an ISO-8601 UTC timestamp')
