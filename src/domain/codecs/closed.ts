import * as t from 'io-ts'
import { show } from '../messages.ts'
import { guardOf, type Validate } from './codec.ts'
import { hasOwn, isPlainObject } from './plain-object.ts'

type Props = Record<string, t.Mixed>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
/** What a closed object decodes to: `t.type(required)` and `t.partial(optional)` together. @since 0.1.0 @category codecs */
export type ClosedOf<R extends Props, O extends Props> = Simplify<t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>>

/**
 * A closed object: every `required` key, any of the `optional` ones (an `undefined` value counts
 * as absent), and nothing else. Decoding builds a fresh object holding only the known keys, so a
 * decoded value never shares an object with its input; it stops at the first refusal.
 * @since 0.1.0
 * @category codecs
 */
export class ClosedType<R extends Props, O extends Props> extends t.Type<ClosedOf<R, O>, ClosedOf<R, O>, unknown> {
  readonly _tag = 'ClosedType' as const
  constructor(
    name: string,
    readonly required: R,
    readonly optional: O,
  ) {
    const requiredKeys = Object.keys(required)
    const validate: Validate<ClosedOf<R, O>> = (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c, `expected an object (${name}), got ${show(u)}`)
      const out: Record<string, unknown> = {}
      for (const key of requiredKeys) {
        const codec = required[key]!
        const value = hasOwn(u, key) ? u[key] : undefined
        const at = t.appendContext(c, key, codec, value)
        if (value === undefined) return t.failure(value, at, `required, expected ${codec.name}`)
        const r = codec.validate(value, at)
        if (r._tag === 'Left') return r
        out[key] = r.right
      }
      for (const key of Object.keys(u)) {
        if (hasOwn(required, key)) continue
        const value = u[key]
        if (!hasOwn(optional, key)) return t.failure(value, t.appendContext(c, key, t.never, value), `unknown field ${JSON.stringify(key)}`)
        if (value === undefined) continue
        const codec = optional[key]!
        const r = codec.validate(value, t.appendContext(c, key, codec, value))
        if (r._tag === 'Left') return r
        out[key] = r.right
      }
      return t.success(out as ClosedOf<R, O>)
    }
    super(name, guardOf(validate), validate, t.identity)
  }
}

/** A closed object from its required and optional fields. @since 0.1.0 @category codecs */
export const closed = <R extends Props, O extends Props = {}>(name: string, required: R, optional: O = {} as O) =>
  new ClosedType(name, required, optional)
