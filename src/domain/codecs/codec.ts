import * as t from 'io-ts'

/** A codec whose decoded value is also its JSON encoding. @since 0.1.0 @category codecs */
export type Codec<A> = t.Type<A, A, unknown>

/** A validation, the one function a combinator of ours writes. */
export type Validate<A> = (u: unknown, c: t.Context) => t.Validation<A>

/**
 * The guard io-ts asks of every type, for the combinators written here: the validation itself,
 * so that `is` and `decode` cannot disagree (cartfold never calls `is` on a hot path).
 */
export const guardOf =
  <A>(validate: Validate<A>) =>
  (u: unknown): u is A =>
    validate(u, [{ key: '', type: t.unknown, actual: u }])._tag === 'Right'

/** A codec from its validation alone. @since 0.1.0 @category codecs */
export const fromValidate = <A>(name: string, validate: Validate<A>): Codec<A> =>
  new t.Type<A, A, unknown>(name, guardOf(validate), validate, t.identity)
