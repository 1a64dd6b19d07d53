import * as t from 'io-ts'
import { show } from './money.ts'

/**
 * The io-ts building blocks every message codec uses. They are closed (an unknown key is an error,
 * as the pinned API details demand), they check an array's length before its items so that a
 * hostile payload fails fast, and their failures carry a message naming what was expected.
 * Encoding is the identity: every codec's output is its plain JSON value.
 */

/** What a fast check returns for a value it refuses. @since 0.1.0 @category codecs */
export const invalid: unique symbol = Symbol('invalid')
/**
 * Decodes without building io-ts contexts or an `Either` per field: the path every value of a log
 * or a command takes when it is valid. Only a refused value is validated again, with contexts, to
 * say where and why. With `copy`, the result is made of fresh objects holding only the known keys
 * (what `decode` returns); without, a valid value is returned as it is, for a caller that owns it
 * (a line just parsed) and would only throw the copy away.
 * @since 0.1.0
 * @category codecs
 */
export type Check<A> = (u: unknown, copy?: boolean) => A | typeof invalid

/** A codec whose decoded value is also its JSON encoding. @since 0.1.0 @category codecs */
export interface Codec<A> extends t.Type<A, A, unknown> {
  readonly check: Check<A>
  /** the contextual validation alone, which says where and why a value is refused */
  readonly explain: (u: unknown, c: t.Context) => t.Validation<A>
}

type Validate<A> = (u: unknown, c: t.Context) => t.Validation<A>
const rootContext: t.Context = [{ key: '', type: t.unknown, actual: undefined }]

let explainOnly = false
/**
 * Runs `f` with every codec validating through its contextual path alone, never its fast check:
 * how the tests prove the two paths accept the same values.
 * @since 0.1.0
 * @category codecs
 */
export const explainingOnly = <T>(f: () => T): T => {
  explainOnly = true
  try {
    return f()
  } finally {
    explainOnly = false
  }
}

/**
 * A codec from its contextual `validate`, and optionally a fast `check` that must accept exactly
 * what `validate` accepts, with the same result. Without one, the check runs `validate`.
 * @since 0.1.0
 * @category codecs
 */
export const codec = <A>(name: string, validate: Validate<A>, check?: Check<A>): Codec<A> => {
  const fast: Check<A> =
    check ??
    ((u) => {
      const r = validate(u, rootContext)
      return r._tag === 'Right' ? r.right : invalid
    })
  const validateFast: Validate<A> =
    check === undefined
      ? validate
      : (u, c) => {
          if (explainOnly) return validate(u, c)
          const r = check(u, true)
          return r === invalid ? validate(u, c) : t.success(r)
        }
  return Object.assign(new t.Type<A, A, unknown>(name, (u): u is A => fast(u) !== invalid, validateFast, t.identity), {
    check: fast,
    explain: validate,
  })
}

/** Extends a validation context by one key, the way io-ts reports paths. */
export const at = (c: t.Context, key: string, type: t.Decoder<unknown, unknown>, actual: unknown): t.Context => [
  ...c,
  { key, type, actual },
]

const expected = (u: unknown, c: t.Context, what: string) => t.failure<never>(u, c, `expected ${what}, got ${show(u)}`)

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

/** A finite non-negative number (dimensions, weights). @since 0.1.0 @category codecs */
export const nonNegative: Codec<number> = codec(
  'a non-negative number',
  (u, c) => (isNonNegative(u) ? t.success(u) : expected(u, c, 'a non-negative finite number')),
  (u) => (isNonNegative(u) ? u : invalid),
)

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

/** An array of at most `max` items, its length checked before any item. @since 0.1.0 @category codecs */
export const arrayOf = <A>(item: Codec<A>, max: number, min = 0): Codec<A[]> => {
  const what = `an array of ${min}..${max} ${item.name}`
  const check: Check<A[]> = (u, copy = true) => {
    if (!Array.isArray(u) || u.length > max || u.length < min) return invalid
    const out: A[] = copy ? new Array(u.length) : u
    for (let i = 0; i < u.length; i++) {
      const v = item.check(u[i], copy)
      if (v === invalid) return invalid
      if (copy) out[i] = v
    }
    return out
  }
  return codec(
    what,
    (u, c) => {
      if (!Array.isArray(u)) return expected(u, c, what)
      if (u.length > max || u.length < min) return t.failure(u, c, `expected ${min}..${max} entries, got ${u.length}`)
      const out: A[] = new Array(u.length)
      for (let i = 0; i < u.length; i++) {
        const r = item.validate(u[i], at(c, String(i), item, u[i]))
        if (r._tag === 'Left') return r
        out[i] = r.right
      }
      return t.success(out)
    },
    check,
  )
}

/** Keys no object of ours may carry: they rewrite prototypes when merged naively. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/** A map from names matching `keyPattern` to values of one codec, as a fresh object. */
export const recordOf = <A>(keyPattern: RegExp, value: Codec<A>, max: number): Codec<Record<string, A>> => {
  const what = `an object of at most ${max} ${keyPattern} keys to ${value.name}`
  const check: Check<Record<string, A>> = (u, copy = true) => {
    if (!isPlainObject(u)) return invalid
    const out = (copy ? {} : u) as Record<string, A>
    let keys = 0
    for (const key in u) {
      if (!hasOwn(u, key)) continue
      if (++keys > max || forbiddenKeys.has(key) || !keyPattern.test(key)) return invalid
      const v = value.check(u[key], copy)
      if (v === invalid) return invalid
      if (copy) out[key] = v
    }
    return out
  }
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
  }, check)
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
const checkJsonObject: Check<JsonObject> = (u) =>
  isPlainObject(u) && isJsonWithin(u, 1, { nodes: maxJsonNodes }) ? (u as JsonObject) : invalid

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
}, checkJsonObject)

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
  const requiredChecks = requiredKeys.map((key) => required[key]!.check)
  const known = new Set([...requiredKeys, ...Object.keys(optional)])
  const optionalChecks = new Map(Object.keys(optional).map((key) => [key, optional[key]!.check]))
  const check: Check<StructOf<R, O>> = (u, copy = true) => {
    if (!isPlainObject(u)) return invalid
    const out: Record<string, unknown> = copy ? {} : u
    for (let i = 0; i < requiredKeys.length; i++) {
      const key = requiredKeys[i]!
      const value = u[key]
      if (value === undefined) return invalid
      const v = requiredChecks[i]!(value, copy)
      if (v === invalid) return invalid
      if (copy) out[key] = v
    }
    for (const key in u) {
      if (!hasOwn(u, key)) continue
      const field = optionalChecks.get(key)
      if (field === undefined) {
        if (hasOwn(required, key)) continue
        return invalid
      }
      const value = u[key]
      if (value === undefined) continue
      const v = field(value, copy)
      if (v === invalid) return invalid
      if (copy) out[key] = v
    }
    return out as StructOf<R, O>
  }
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
  }, check)
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
  const check: Check<TaggedOf<V>> = (u, copy = true) => {
    if (!isPlainObject(u)) return invalid
    const type = u.type
    const variant = typeof type === 'string' && hasOwn(variants, type) ? variants[type] : undefined
    if (variant === undefined) return invalid
    for (const key in u) if (key !== 'type' && key !== 'data') return invalid
    const data = variant.check(u.data, copy)
    return data === invalid ? invalid : copy ? ({ type, data } as TaggedOf<V>) : (u as TaggedOf<V>)
  }
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
  }, check)
}
