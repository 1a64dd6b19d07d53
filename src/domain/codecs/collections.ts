import * as t from 'io-ts'
import { at, type Check, codec, type Codec, expected, forbiddenKeys, hasOwn, invalid, isPlainObject } from './core.ts'

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

/**
 * A map from names matching `keyPattern` to values of one codec, as a fresh object; the keys that
 * rewrite prototypes are refused whatever the pattern.
 * @since 0.1.0
 * @category codecs
 */
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
