import * as t from 'io-ts'
import { show } from './money.ts'

/**
 * The io-ts building blocks every message codec uses. They are closed (an unknown key is an error,
 * as the pinned API details demand), they check an array's length before its items so that a
 * hostile payload fails fast, and their failures carry a message naming what was expected.
 * Encoding is the identity: every codec's output is its plain JSON value.
 */

/** A codec whose decoded value is also its JSON encoding. @since 0.1.0 @category codecs */
export type Codec<A> = t.Type<A, A, unknown>

type Validate<A> = (u: unknown, c: t.Context) => t.Validation<A>

/** @since 0.1.0 @category codecs */
export const codec = <A>(name: string, validate: Validate<A>): Codec<A> =>
  new t.Type<A, A, unknown>(name, (u): u is A => validate(u, [{ key: '', type: t.unknown, actual: u }])._tag === 'Right', validate, t.identity)

/** Extends a validation context by one key, the way io-ts reports paths. */
export const at = (c: t.Context, key: string, type: t.Decoder<unknown, unknown>, actual: unknown): t.Context => [
  ...c,
  { key, type, actual },
]

const expected = (u: unknown, c: t.Context, what: string) => t.failure<never>(u, c, `expected ${what}, got ${show(u)}`)

/** A string of `min`..`max` characters, optionally matching a pattern. @since 0.1.0 @category codecs */
export const text = (min: number, max: number, pattern?: RegExp, patternName?: string): Codec<string> => {
  const what = `a string of ${min}..${max} characters${pattern ? ` matching ${patternName ?? String(pattern)}` : ''}`
  return codec(what, (u, c) =>
    typeof u === 'string' && u.length >= min && u.length <= max && (pattern === undefined || pattern.test(u))
      ? t.success(u)
      : expected(u, c, what),
  )
}

/** A safe integer within bounds. @since 0.1.0 @category codecs */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER): Codec<number> => {
  const what = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`
  return codec(what, (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max ? t.success(u) : expected(u, c, what),
  )
}

/** A finite non-negative number: the price rule (the currency's precision is checked by `decide`). */
export const amount: Codec<number> = codec('a non-negative amount', (u, c) =>
  typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : expected(u, c, 'a non-negative finite amount'),
)

/** A finite non-negative number (dimensions, weights). @since 0.1.0 @category codecs */
export const nonNegative: Codec<number> = codec('a non-negative number', (u, c) =>
  typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : expected(u, c, 'a non-negative finite number'),
)

/** @since 0.1.0 @category codecs */
export const boolean: Codec<boolean> = codec('a boolean', (u, c) =>
  typeof u === 'boolean' ? t.success(u) : expected(u, c, 'a boolean'),
)

/** One of a few string literals. @since 0.1.0 @category codecs */
export const oneOf = <L extends string>(...values: readonly L[]): Codec<L> => {
  const what = values.map((v) => JSON.stringify(v)).join(' | ')
  return codec(what, (u, c) => (values.includes(u as L) ? t.success(u as L) : expected(u, c, what)))
}

/** An ISO-8601 UTC timestamp such as `2026-11-22T10:00:00.000Z`. @since 0.1.0 @category codecs */
export const isoTimestamp: Codec<string> = codec('an ISO-8601 UTC timestamp', (u, c) =>
  typeof u === 'string' && isIsoUtc(u) ? t.success(u) : expected(u, c, 'an ISO-8601 UTC timestamp'),
)

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
/** @since 0.1.0 @category codecs */
export const isIsoUtc = (s: string): boolean => isoUtc.test(s) && !Number.isNaN(Date.parse(s))

/** An array of at most `max` items, its length checked before any item. @since 0.1.0 @category codecs */
export const arrayOf = <A>(item: Codec<A>, max: number, min = 0): Codec<A[]> => {
  const what = `an array of ${min}..${max} ${item.name}`
  return codec(what, (u, c) => {
    if (!Array.isArray(u)) return expected(u, c, what)
    if (u.length > max || u.length < min) return t.failure(u, c, `expected ${min}..${max} entries, got ${u.length}`)
    const out: A[] = new Array(u.length)
    for (let i = 0; i < u.length; i++) {
      const r = item.validate(u[i], at(c, String(i), item, u[i]))
      if (r._tag === 'Left') return r
      out[i] = r.right
    }
    return t.success(out)
  })
}

/** Keys no object of ours may carry: they rewrite prototypes when merged naively. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/** A map from names matching `keyPattern` to values of one codec, as a fresh object. */
export const recordOf = <A>(keyPattern: RegExp, value: Codec<A>, max: number): Codec<Record<string, A>> => {
  const what = `an object of at most ${max} ${keyPattern} keys to ${value.name}`
  return codec(what, (u, c) => {
    if (!isPlainObject(u)) return expected(u, c, what)
    const keys = Object.keys(u)
    if (keys.length > max) return t.failure(u, c, `expected at most ${max} keys, got ${keys.length}`)
    const out: Record<string, A> = {}
    for (const key of keys) {
      if (forbiddenKeys.has(key) || !keyPattern.test(key)) {
        return t.failure(u[key], at(c, key, value, u[key]), `the key ${JSON.stringify(key)} is not allowed (expected ${keyPattern})`)
      }
      const r = value.validate(u[key], at(c, key, value, u[key]))
      if (r._tag === 'Left') return r
      out[key] = r.right
    }
    return t.success(out)
  })
}

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
  return t.success(u as JsonObject)
})

type Props = Record<string, Codec<any>>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
/** The type a closed struct decodes to. @since 0.1.0 @category codecs */
export type StructOf<R extends Props, O extends Props> = Simplify<
  { [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> }
>

/**
 * A closed object: every `required` key, any of the `optional` ones (an `undefined` value counts as
 * absent), and nothing else. The result is a fresh object holding only the known keys.
 * @since 0.1.0
 * @category codecs
 */
export const struct = <R extends Props, O extends Props = {}>(
  name: string,
  required: R,
  optional: O = {} as O,
): Codec<StructOf<R, O>> => {
  const requiredKeys = Object.keys(required)
  const known = new Set([...requiredKeys, ...Object.keys(optional)])
  return codec(name, (u, c) => {
    if (!isPlainObject(u)) return expected(u, c, `an object (${name})`)
    const out: Record<string, unknown> = {}
    for (const key of requiredKeys) {
      const field = required[key]!
      const value = u[key]
      if (value === undefined) return t.failure(value, at(c, key, field, value), `required, expected ${field.name}`)
      const r = field.validate(value, at(c, key, field, value))
      if (r._tag === 'Left') return r
      out[key] = r.right
    }
    for (const key in u) {
      if (!Object.prototype.hasOwnProperty.call(u, key)) continue
      if (!known.has(key)) return t.failure(u[key], at(c, key, t.never, u[key]), `unknown field ${JSON.stringify(key)}`)
      const field = optional[key]
      const value = u[key]
      if (field === undefined || value === undefined) continue
      const r = field.validate(value, at(c, key, field, value))
      if (r._tag === 'Left') return r
      out[key] = r.right
    }
    return t.success(out as StructOf<R, O>)
  })
}

/**
 * Renders the first io-ts error as `Type.path[3].field: reason`, the form every refusal uses.
 * @since 0.1.0
 * @category codecs
 */
export const describeError = (errors: t.Errors, root = ''): { path: string; message: string } => {
  const error = errors[0]
  let path = root
  for (const entry of error?.context.slice(1) ?? []) {
    path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`
  }
  if (path === '') path = '(root)'
  if (error === undefined) return { path, message: `${path}: invalid` }
  const reason = error.message ?? `expected ${error.context[error.context.length - 1]?.type.name ?? 'a valid value'}, got ${show(error.value)}`
  return { path, message: `${path}: ${reason}` }
}

type Variants = Record<string, Codec<any>>
/** `{ type, data }` for each variant of a tagged union. @since 0.1.0 @category codecs */
export type TaggedOf<V extends Variants> = { [K in keyof V & string]: { type: K; data: t.TypeOf<V[K]> } }[keyof V & string]

/**
 * A closed `{ type, data }` union that dispatches on `type` by a map look-up, so an error names the
 * variant (`ItemsAdded.cartItems[3].quantity`) instead of listing every member that failed.
 * @since 0.1.0
 * @category codecs
 */
export const tagged = <V extends Variants>(name: string, variants: V): Codec<TaggedOf<V>> => {
  const types = Object.keys(variants)
  return codec(name, (u, c) => {
    if (!isPlainObject(u)) return expected(u, c, `an object { type, data } (${name})`)
    const type = u.type
    const variant = typeof type === 'string' && Object.prototype.hasOwnProperty.call(variants, type) ? variants[type] : undefined
    if (variant === undefined) {
      return t.failure(type, at(c, 'type', t.unknown, type), `unknown ${name} type ${show(type)}, expected one of ${types.join(', ')}`)
    }
    for (const key in u) {
      if (key !== 'type' && key !== 'data') return t.failure(u[key], at(c, key, t.never, u[key]), `unknown field ${JSON.stringify(key)}`)
    }
    // Paths read `ItemsAdded.cartItems[0]`: the variant's name stands for `data`.
    const r = variant.validate(u.data, at(c, type as string, variant, u.data))
    return r._tag === 'Left' ? r : t.success({ type, data: r.right } as TaggedOf<V>)
  })
}
