import * as t from 'io-ts'

/**
 * `codec` narrowed by `predicate`, as an io-ts refinement whose refusal gives its own reason
 * (`expected at most 4 fraction digits, got 12.34567`, `duplicate rule name "r"`): what
 * `t.refinement` does, for a check that a name alone cannot explain.
 * @since 0.1.0
 * @category codecs
 */
export const refine = <C extends t.Any>(
  codec: C,
  predicate: (a: t.TypeOf<C>) => boolean,
  reason: (a: t.TypeOf<C>) => string,
  name = codec.name,
): t.RefinementC<C> =>
  new t.RefinementType(
    name,
    (u): u is t.TypeOf<C> => codec.is(u) && predicate(u),
    (u, c) => {
      const r = codec.validate(u, c)
      return r._tag === 'Left' || predicate(r.right) ? r : t.failure(r.right, c, reason(r.right))
    },
    codec.encode,
    codec,
    predicate,
  )
