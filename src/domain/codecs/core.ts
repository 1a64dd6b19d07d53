import * as t from 'io-ts'
import { show } from '../money.ts'

/**
 * What every codec is made of: a contextual validation that explains refusals, a fast check for
 * valid values, and encoding as the identity (a codec's output is its plain JSON value).
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

export const expected = (u: unknown, c: t.Context, what: string) => t.failure<never>(u, c, `expected ${what}, got ${show(u)}`)


/** Keys no object of ours may carry: they rewrite prototypes when merged naively. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

export const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}
