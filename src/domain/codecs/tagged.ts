import * as t from 'io-ts'
import { show } from '../messages.ts'
import { guardOf, type Validate } from './codec.ts'
import { hasOwn, isPlainObject } from './plain-object.ts'

type Variants = Record<string, t.Mixed>
/** `{ type, data }` for each variant of a tagged union. @since 0.1.0 @category codecs */
export type TaggedOf<V extends Variants> = { [K in keyof V & string]: { type: K; data: t.TypeOf<V[K]> } }[keyof V & string]

/**
 * A closed `{ type, data }` union that dispatches on `type` (a `t.keyof` of the variants' names)
 * rather than trying every member as `t.union` does, so that a refusal names the variant, which
 * stands for `data` in its path (`ItemsAdded.cartItems[3].quantity`). Decodes to a fresh object.
 * @since 0.1.0
 * @category codecs
 */
export class TaggedType<V extends Variants> extends t.Type<TaggedOf<V>, TaggedOf<V>, unknown> {
  readonly _tag = 'TaggedType' as const
  readonly types: t.KeyofC<Record<keyof V & string, null>>
  constructor(
    name: string,
    readonly variants: V,
  ) {
    const names = Object.keys(variants)
    const types = t.keyof(Object.fromEntries(names.map((n) => [n, null])) as Record<keyof V & string, null>)
    const validate: Validate<TaggedOf<V>> = (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c, `expected an object { type, data } (${name}), got ${show(u)}`)
      const type = hasOwn(u, 'type') ? u.type : undefined
      if (!types.is(type)) {
        return t.failure(type, t.appendContext(c, 'type', types, type), `unknown ${name} type ${show(type)}, expected one of ${names.join(', ')}`)
      }
      for (const key of Object.keys(u)) {
        if (key !== 'type' && key !== 'data') return t.failure(u[key], t.appendContext(c, key, t.never, u[key]), `unknown field ${JSON.stringify(key)}`)
      }
      const variant = variants[type]!
      const r = variant.validate(u.data, t.appendContext(c, type, variant, u.data))
      return r._tag === 'Left' ? r : t.success({ type, data: r.right } as TaggedOf<V>)
    }
    super(name, guardOf(validate), validate, t.identity)
    this.types = types
  }
}

/** A tagged union from the codec of each variant's `data`. @since 0.1.0 @category codecs */
export const tagged = <V extends Variants>(name: string, variants: V) => new TaggedType(name, variants)
