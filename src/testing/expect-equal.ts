import { AssertionError } from 'node:assert'
import { isDeepStrictEqual } from 'node:util'

// The one comparison of the test kit: exact (node's strict deep equality: same keys, same values,
// same order in arrays, `undefined` members count), failing with node's own `AssertionError`, so
// that any runner (node:test, uvu, vitest, jest, mocha) reports it. The message names the first
// difference by its path, then shows node's line diff; `actual` and `expected` are set, for
// runners that draw their own diff.

const show = (value: unknown): string => {
  if (value === undefined) return 'undefined'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

const fieldPath = (path: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`)

/** Where `actual` first differs from `expected`, and how; `undefined` when they are equal. */
export const firstDifference = (actual: unknown, expected: unknown, path: string): string | undefined => {
  if (isDeepStrictEqual(actual, expected)) return undefined
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      const at = `${path}[${i}]`
      if (i >= actual.length) return `${at}: expected ${show(expected[i])}, got nothing (${actual.length} items, ${expected.length} expected)`
      if (i >= expected.length) return `${at}: expected nothing (${expected.length} items), got ${show(actual[i])}`
      const inner = firstDifference(actual[i], expected[i], at)
      if (inner !== undefined) return inner
    }
  }
  if (isRecord(actual) && isRecord(expected)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const at = fieldPath(path, key)
      if (!Object.hasOwn(actual, key)) return `${at}: expected ${show(expected[key])}, got no such field`
      if (!Object.hasOwn(expected, key)) return `${at}: expected no such field, got ${show(actual[key])}`
      const inner = firstDifference(actual[key], expected[key], at)
      if (inner !== undefined) return inner
    }
  }
  return `${path}: expected ${show(expected)}, got ${show(actual)}`
}

/**
 * Passes when `actual` and `expected` are strictly deep-equal; otherwise throws an
 * `AssertionError` whose message says what differs, where, and shows the diff.
 * @since 0.1.0
 * @category testing
 */
export const expectEqual = (actual: unknown, expected: unknown, what: string): void => {
  const difference = firstDifference(actual, expected, what)
  if (difference === undefined) return
  // Node writes the diff for `deepStrictEqual`, and (in some versions) appends it again to a
  // message of one's own for that operator: the error thrown names the kit's check instead.
  const diff = new AssertionError({ actual, expected, operator: 'deepStrictEqual' }).message
  throw new AssertionError({ message: `${difference}\n\n${diff}`, actual, expected, operator: 'expectEqual' })
}

/** Fails the test with `message` (an `AssertionError`, as every check of the kit throws). */
export const fail = (message: string, details: { actual?: unknown; expected?: unknown } = {}): never => {
  throw new AssertionError({ message, ...details, operator: 'fail' })
}
