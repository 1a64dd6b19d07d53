import * as E from 'fp-ts/lib/Either.js'
import { describeError } from '../codec-kit.ts'
import { describeThrown } from '../messages.ts'
import { sessionError, type SessionError } from '../errors.ts'
import { type DiscountPolicy, DiscountPolicyCodec } from './policy.ts'

const decodeAt = (json: unknown, root: string): E.Either<SessionError, DiscountPolicy> => {
  const decoded = DiscountPolicyCodec.decode(json)
  if (E.isRight(decoded)) {
    validated.set(decoded.right, decoded)
    return decoded
  }
  const { path, message } = describeError(decoded.left, root)
  return E.left(sessionError('ValidationFailed', `invalid discount policy: ${message}`, { path }))
}

/**
 * Validates a policy (parsed JSON): `ValidationFailed` with the offending path, e.g.
 * `policy.rules[2].percent: expected a percentage in 0..100, got 120`.
 * @since 0.1.0
 * @category discounts
 */
export const decodePolicy = (json: unknown): E.Either<SessionError, DiscountPolicy> => decodeAt(json, 'policy')

/**
 * Parses and validates a policy file's text.
 * @since 0.1.0
 * @category discounts
 */
export const parsePolicy = (text: string): E.Either<SessionError, DiscountPolicy> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    return E.left(sessionError('ValidationFailed', `invalid discount policy: not JSON: ${describeThrown(cause)}`, { path: 'policy' }))
  }
  return decodePolicy(json)
}

/**
 * Policies already checked, by object: a policy handed to `decide` or `project` is validated once
 * (the decoded copy is what is evaluated, so treat a policy object as immutable once used).
 */
const validated = new WeakMap<object, E.Either<SessionError, DiscountPolicy>>()

/** A policy from a context, checked (once per object) before it is evaluated. */
export const checkedPolicy = (policy: unknown, root: string): E.Either<SessionError, DiscountPolicy> => {
  if (typeof policy !== 'object' || policy === null) return decodeAt(policy, root)
  let result = validated.get(policy)
  if (result === undefined) {
    result = decodeAt(policy, root)
    validated.set(policy, result)
  }
  return result
}
