import * as t from 'io-ts'
import { at, type Check, codec, type Codec, expected, forbiddenKeys, hasOwn, invalid, isPlainObject } from './core.ts'

/**
 * A validated JSON object. Its values are typed `unknown` on purpose: the domain treats attributes
 * as opaque, and a recursive JSON type defeats immer's `Draft` mapping.
 * @since 0.1.0
 * @category codecs
 */
export type JsonObject = { [key: string]: unknown }

const maxJsonDepth = 32
const maxJsonNodes = 100_000

/**
 * A JSON object (session and cart item `attributes`): no functions, no non-finite numbers, no
 * `__proto__` / `constructor` / `prototype` keys at any depth, at most 32 levels and 100,000 values.
 * Checked without recursion on the JS stack, so a hostile depth cannot overflow it.
 */
const isJsonWithin = (value: unknown, depth: number, budget: { nodes: number }): boolean => {
  if (--budget.nodes < 0) return false
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (depth > maxJsonDepth) return false
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isJsonWithin(value[i], depth + 1, budget)) return false
    return true
  }
  if (!isPlainObject(value)) return false
  for (const key in value) {
    if (!hasOwn(value, key)) continue
    if (forbiddenKeys.has(key) || !isJsonWithin(value[key], depth + 1, budget)) return false
  }
  return true
}

/** The fast check: recursion is safe here because it stops at 32 levels. */
const checkJsonObject: Check<JsonObject> = (u, copy = true) =>
  isPlainObject(u) && isJsonWithin(u, 1, { nodes: maxJsonNodes }) ? ((copy ? structuredClone(u) : u) as JsonObject) : invalid

export const jsonObject: Codec<JsonObject> = codec('a JSON object', (u, c) => {
  if (!isPlainObject(u)) return expected(u, c, 'a JSON object')
  const stack: Array<{ value: unknown; c: t.Context; depth: number }> = [{ value: u, c, depth: 1 }]
  let nodes = 0
  while (stack.length > 0) {
    const { value, c: vc, depth } = stack.pop()!
    if (++nodes > maxJsonNodes) return t.failure(u, c, `expected at most ${maxJsonNodes} JSON values`)
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue
    if (typeof value === 'number') {
      if (Number.isFinite(value)) continue
      return expected(value, vc, 'a finite number')
    }
    const isArray = Array.isArray(value)
    if (!isArray && !isPlainObject(value)) return expected(value, vc, 'a JSON value')
    if (depth > maxJsonDepth) return t.failure(value, vc, `expected at most ${maxJsonDepth} levels of nesting`)
    const entries = isArray ? (value as unknown[]).map((v, i) => [String(i), v] as const) : Object.entries(value as object)
    for (const [key, child] of entries) {
      if (!isArray && forbiddenKeys.has(key)) {
        return t.failure(child, at(vc, key, t.unknown, child), `the key ${JSON.stringify(key)} is not allowed`)
      }
      stack.push({ value: child, c: at(vc, key, t.unknown, child), depth: depth + 1 })
    }
  }
  // A copy: the value decoded is cartfold's, not shared with the caller (a plain JSON tree, checked above).
  return t.success(structuredClone(u) as JsonObject)
}, checkJsonObject)
