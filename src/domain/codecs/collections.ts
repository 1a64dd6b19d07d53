import * as t from 'io-ts'
import { show } from '../messages.ts'
import { guardOf, type Validate } from './codec.ts'
import { isPlainObject, reservedKeys } from './plain-object.ts'

/**
 * `t.array(item)` with its length checked before any item, so that a hostile payload fails fast,
 * and always a fresh array (`t.array` returns its input when no item changed). A hole is an
 * `undefined` item, refused by the item's codec.
 * @since 0.1.0
 * @category codecs
 */
export class ListType<C extends t.Mixed> extends t.Type<Array<t.TypeOf<C>>, Array<t.TypeOf<C>>, unknown> {
  readonly _tag = 'ListType' as const
  constructor(
    readonly item: C,
    readonly min: number,
    readonly max: number,
  ) {
    const array = t.array(item)
    const validate: Validate<Array<t.TypeOf<C>>> = (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c)
      if (u.length > max || u.length < min) return t.failure(u, c, `expected ${min}..${max} entries, got ${u.length}`)
      // Copied by index first: the copy is fresh, holes become `undefined` items, and `t.array`
      // never reads the input's own `constructor` (which `slice` would, and could throw on).
      const copy: unknown[] = new Array(u.length)
      for (let i = 0; i < u.length; i++) copy[i] = u[i]
      return array.validate(copy, c)
    }
    super(`an array of ${min}..${max} ${item.name}`, guardOf(validate), validate, t.identity)
  }
}

/** An array of `min`..`max` items. @since 0.1.0 @category codecs */
export const arrayOf = <C extends t.Mixed>(item: C, max: number, min = 0) => new ListType(item, min, max)

/**
 * `t.record(key, value)` that refuses, rather than drops, a key its `key` codec refuses, refuses
 * the keys that rewrite prototypes whatever `key` says, counts keys before reading any value, and
 * always builds a fresh object.
 * @since 0.1.0
 * @category codecs
 */
export class RecordType<K extends t.Type<string, string, unknown>, C extends t.Mixed> extends t.Type<
  Record<string, t.TypeOf<C>>,
  Record<string, t.TypeOf<C>>,
  unknown
> {
  readonly _tag = 'RecordType' as const
  constructor(
    readonly key: K,
    readonly value: C,
    readonly max: number,
  ) {
    const record = t.record(t.string, value)
    const validate: Validate<Record<string, t.TypeOf<C>>> = (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c)
      const keys = Object.keys(u)
      if (keys.length > max) return t.failure(u, c, `expected at most ${max} keys, got ${keys.length}`)
      for (const k of keys) {
        const at = t.appendContext(c, k, value, u[k])
        if (reservedKeys.has(k)) return t.failure(u[k], at, `the key ${JSON.stringify(k)} is not allowed: it is a reserved name`)
        if (!key.is(k)) return t.failure(u[k], at, `expected a key that is ${key.name}, got ${show(k)}`)
      }
      const r = record.validate(u, c)
      if (r._tag === 'Left' || r.right !== u) return r
      const out: Record<string, t.TypeOf<C>> = {}
      for (const k of keys) out[k] = u[k]
      return t.success(out)
    }
    super(`an object of at most ${max} keys (${key.name}) to ${value.name}`, guardOf(validate), validate, t.identity)
  }
}

/** A map from keys of one codec to values of another, at most `max` of them. @since 0.1.0 @category codecs */
export const recordOf = <K extends t.Type<string, string, unknown>, C extends t.Mixed>(key: K, value: C, max: number) => new RecordType(key, value, max)
