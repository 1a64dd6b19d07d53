import * as t from 'io-ts'
import { ClosedType, hasOwn, isPlainObject, ListType, RecordType, reservedKeys, TaggedType } from '../domain/codec-kit.ts'

/**
 * Replay's one fast path. Decoding a log line with io-ts builds a context per field and a fresh
 * copy of every object, which a line just parsed, owned by nobody else, does not need: replay
 * took 1.35x to 1.45x as long (benchmarks/replay-vs-baseline.ts). So replay first asks a guard,
 * compiled here from the io-ts codec itself (its closed objects, arrays, records, refinements and
 * literals), whether the codec would accept the value; if so it keeps the parsed value as it is,
 * and only otherwise decodes it, for the refusal's path and reason. Anything the guard does not
 * know (a JSON object, a hand-written codec) it asks of the codec's own decode.
 * test/log/fast-check.test.ts proves that the guard accepts exactly what the codec accepts, and
 * that on JSON what the codec returns equals the value kept.
 */
type Guard = (u: unknown) => boolean

const compiled = new WeakMap<t.Mixed, Guard>()

/** The guard of a codec: `true` exactly when `codec.decode(u)` is a `Right`. */
export const guardFor = (codec: t.Mixed): Guard => {
  let guard = compiled.get(codec)
  if (guard === undefined) {
    guard = compile(codec)
    compiled.set(codec, guard)
  }
  return guard
}

const compile = (codec: t.Mixed): Guard => {
  if (codec instanceof ClosedType) return closedGuard(codec)
  if (codec instanceof ListType) return listGuard(codec)
  if (codec instanceof RecordType) return recordGuard(codec)
  if (codec instanceof TaggedType) return taggedGuard(codec)
  if (codec instanceof t.RefinementType) {
    const predicate = codec.predicate as (a: unknown) => boolean
    // the scalars of every field: one call fewer than through the primitive's `is`
    if (codec.type instanceof t.StringType) return (u) => typeof u === 'string' && predicate(u)
    if (codec.type instanceof t.NumberType) return (u) => typeof u === 'number' && predicate(u)
    const inner = guardFor(codec.type as t.Mixed)
    return (u) => inner(u) && predicate(u)
  }
  if (codec instanceof t.UnionType) {
    const members = (codec.types as t.Mixed[]).map(guardFor)
    return (u) => {
      for (const member of members) if (member(u)) return true
      return false
    }
  }
  // io-ts's own primitives: their `is` is what their validation checks.
  if (codec instanceof t.StringType || codec instanceof t.NumberType || codec instanceof t.BooleanType) return codec.is
  if (codec instanceof t.NullType || codec instanceof t.LiteralType || codec instanceof t.KeyofType) return codec.is
  return (u) => codec.decode(u)._tag === 'Right'
}

const closedGuard = (codec: ClosedType<Record<string, t.Mixed>, Record<string, t.Mixed>>): Guard => {
  const requiredKeys = Object.keys(codec.required)
  const requiredGuards = requiredKeys.map((key) => guardFor(codec.required[key]!))
  // every known key: its guard when optional, `required` when checked in the first loop
  const known = new Map<string, Guard | 'required'>(Object.entries(codec.optional).map(([key, field]) => [key, guardFor(field)]))
  for (const key of requiredKeys) known.set(key, 'required')
  return (u) => {
    if (!isPlainObject(u)) return false
    for (let i = 0; i < requiredKeys.length; i++) {
      const key = requiredKeys[i]!
      const value = hasOwn(u, key) ? u[key] : undefined
      if (value === undefined || !requiredGuards[i]!(value)) return false
    }
    for (const key in u) {
      if (!hasOwn(u, key)) continue
      const guard = known.get(key)
      if (guard === undefined) return false
      if (guard === 'required') continue
      const value = u[key]
      if (value !== undefined && !guard(value)) return false
    }
    return true
  }
}

const listGuard = ({ item, min, max }: ListType<t.Mixed>): Guard => {
  const guard = guardFor(item)
  return (u) => {
    if (!Array.isArray(u) || u.length < min || u.length > max) return false
    for (let i = 0; i < u.length; i++) if (!guard(u[i])) return false
    return true
  }
}

const recordGuard = ({ key, value, max }: RecordType<t.Type<string, string, unknown>, t.Mixed>): Guard => {
  const keyGuard = guardFor(key)
  const valueGuard = guardFor(value)
  return (u) => {
    if (!isPlainObject(u)) return false
    let keys = 0
    for (const k in u) {
      if (!hasOwn(u, k)) continue
      if (++keys > max || reservedKeys.has(k) || !keyGuard(k) || !valueGuard(u[k])) return false
    }
    return true
  }
}

const taggedGuard = ({ variants }: TaggedType<Record<string, t.Mixed>>): Guard => {
  const data = new Map(Object.entries(variants).map(([type, codec]) => [type, guardFor(codec)]))
  return (u) => {
    if (!isPlainObject(u)) return false
    const guard = typeof u.type === 'string' && hasOwn(u, 'type') ? data.get(u.type) : undefined
    if (guard === undefined) return false
    for (const key in u) if (key !== 'type' && key !== 'data' && hasOwn(u, key)) return false
    return guard(u.data)
  }
}

/**
 * The decoder of values nobody else owns (a line just parsed): a value the codec accepts is kept
 * as it is; any other is validated in the context given, for the refusal.
 */
export const ownedDecoder = <A>(codec: t.Type<A, A, unknown>) => {
  const accepts = guardFor(codec)
  return (u: unknown, context: t.Context): t.Validation<A> => (accepts(u) ? t.success(u as A) : codec.validate(u, context))
}
