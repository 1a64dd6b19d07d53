import * as t from 'io-ts'
import { show } from '../money.ts'
import { at, type Check, codec, type Codec, expected, hasOwn, invalid, isPlainObject } from './core.ts'

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
