import * as t from 'io-ts'
import { show } from '../messages.ts'
import { guardOf, type Validate } from './codec.ts'
import { isPlainObject, reservedKeys } from './plain-object.ts'

/**
 * A validated JSON object. Its values are typed `unknown` on purpose: the domain treats attributes
 * as opaque, and a recursive JSON type defeats immer's `Draft` mapping.
 * @since 0.1.0
 * @category codecs
 */
export type JsonObject = { [key: string]: unknown }

const isJsonScalar = (u: unknown): boolean =>
  u === null || typeof u === 'string' || typeof u === 'boolean' || (typeof u === 'number' && Number.isFinite(u))

type Container = Record<string, unknown> | unknown[]
interface Pending {
  readonly value: Container
  readonly copy: Container
  readonly c: t.Context
  readonly depth: number
}

/**
 * A JSON object (session and cart item `attributes`), decoded into a deep copy: strings, finite
 * numbers, booleans, `null`, dense arrays and plain objects, no `__proto__` / `constructor` /
 * `prototype` key at any depth, at most `maxDepth` levels and `maxNodes` values. Walked with a
 * stack of its own, so a hostile depth cannot overflow the JS stack.
 * @since 0.1.0
 * @category codecs
 */
export class JsonObjectType extends t.Type<JsonObject, JsonObject, unknown> {
  readonly _tag = 'JsonObjectType' as const
  constructor(
    readonly maxDepth: number,
    readonly maxNodes: number,
  ) {
    const validate: Validate<JsonObject> = (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c)
      const root: JsonObject = {}
      const stack: Pending[] = [{ value: u, copy: root, c, depth: 1 }]
      let nodes = 1
      while (stack.length > 0) {
        const { value, copy, c: vc, depth } = stack.pop()!
        const keys = Array.isArray(value) ? undefined : Object.keys(value)
        const length = keys === undefined ? (value as unknown[]).length : keys.length
        for (let i = 0; i < length; i++) {
          const key = keys === undefined ? String(i) : keys[i]!
          const child = keys === undefined ? (value as unknown[])[i] : (value as Record<string, unknown>)[key]
          if (++nodes > maxNodes) return t.failure(u, c, `expected at most ${maxNodes} JSON values`)
          if (keys !== undefined && reservedKeys.has(key)) {
            return t.failure(child, t.appendContext(vc, key, t.unknown, child), `the key ${JSON.stringify(key)} is not allowed: it is a reserved name`)
          }
          if (isJsonScalar(child)) {
            ;(copy as Record<string, unknown>)[key] = child
            continue
          }
          const at = t.appendContext(vc, key, t.unknown, child)
          if (typeof child === 'number') return t.failure(child, at, `expected a finite number, got ${show(child)}`)
          const isArray = Array.isArray(child)
          if (!isArray && !isPlainObject(child)) return t.failure(child, at, `expected a JSON value, got ${show(child)}`)
          if (depth >= maxDepth) return t.failure(child, at, `expected at most ${maxDepth} levels of nesting`)
          const childCopy: Container = isArray ? [] : {}
          ;(copy as Record<string, unknown>)[key] = childCopy
          stack.push({ value: child as Container, copy: childCopy, c: at, depth: depth + 1 })
        }
      }
      return t.success(root)
    }
    super('a JSON object', guardOf(validate), validate, t.identity)
  }
}

/** Session and cart item `attributes`: at most 32 levels and 100,000 values. @since 0.1.0 @category codecs */
export const jsonObject = new JsonObjectType(32, 100_000)
