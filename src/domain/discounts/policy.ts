import * as t from 'io-ts'
import { arrayOf, at, boolean, codec, type Codec, oneOf, recordOf, struct, text } from '../codec-kit.ts'
import { costNamePattern } from '../cart-item.ts'
import { show, toMinor } from '../money.ts'

/**
 * The discount policy format (domain.md section 6): JSON, an ordered list of rules. Amounts are
 * JSON numbers in the currency's major unit with at most 3 fraction digits (the most any ISO 4217
 * currency has); a fixed amount with more digits than a session's currency allows does not apply
 * to that session (see `evaluate.ts`). Percentages are 0..100 with at most 4 fraction digits.
 */

/** The most fraction digits a policy amount may have: KWD, BHD and their kind have 3. */
export const policyAmountDigits = 3
/** The most fraction digits a percentage may have (`12.5`, `33.3333`). */
export const percentDigits = 4

const fail = (u: unknown, c: t.Context, message: string) => t.failure<never>(u, c, message)

/** A non-negative fixed amount with at most 3 fraction digits. */
const policyAmount: Codec<number> = codec('a non-negative amount with at most 3 decimals', (u, c) => {
  if (typeof u !== 'number' || !Number.isFinite(u)) return fail(u, c, `expected a finite number, got ${show(u)}`)
  if (u < 0) return fail(u, c, `expected a non-negative amount, got ${u}`)
  const minor = toMinor(u, policyAmountDigits, '')
  if (minor._tag === 'Left') return fail(u, c, `expected at most ${policyAmountDigits} fraction digits within the safe range, got ${u}`)
  return t.success(u)
})

/** A percentage in 0..100 with at most 4 fraction digits. */
const percent: Codec<number> = codec('a percentage in 0..100', (u, c) => {
  if (typeof u !== 'number' || !Number.isFinite(u)) return fail(u, c, `expected a percentage in 0..100, got ${show(u)}`)
  if (u < 0 || u > 100) return fail(u, c, `expected a percentage in 0..100, got ${u}`)
  if (toMinor(u, percentDigits, '')._tag === 'Left') return fail(u, c, `expected at most ${percentDigits} fraction digits, got ${u}`)
  return t.success(u)
})

/** `true` (any code) or one given code. */
const codeCondition: Codec<true | string> = codec('true or a code of 1..100 characters', (u, c) =>
  u === true || (typeof u === 'string' && u.length >= 1 && u.length <= 100)
    ? t.success(u as true | string)
    : fail(u, c, `expected true (any code) or a code of 1..100 characters, got ${show(u)}`),
)

/** An attribute's expected value: a JSON scalar, compared with `===`. */
type Scalar = string | number | boolean | null
const scalar: Codec<Scalar> = codec('a string, number, boolean or null', (u, c) =>
  u === null || typeof u === 'string' || typeof u === 'boolean' || (typeof u === 'number' && Number.isFinite(u))
    ? t.success(u as Scalar)
    : fail(u, c, `expected a string, finite number, boolean or null, got ${show(u)}`),
)

/**
 * A rule's conditions: every one given must hold.
 * @since 0.1.0
 * @category discounts
 */
export const ConditionsCodec = struct(
  'Conditions',
  {},
  {
    /** `true`: any coupon code; a string: that code is in `couponCodes` */
    coupon: codeCondition,
    /** `true`: any referral code; a string: that very code */
    referral: codeCondition,
    firstSession: boolean,
    /** `cartItemTotal` before discounts is at least this (inclusive) */
    minCartItemTotal: policyAmount,
    /** each session attribute named is equal (`===`) to the value given */
    attributes: recordOf(/^.{1,200}$/su, scalar, 100),
  },
)
/** The conditions of a rule, all of which must hold. @since 0.1.0 @category discounts */
export type Conditions = t.TypeOf<typeof ConditionsCodec>

const names = (max: number) => arrayOf(text(1, 1000), max, 1)

/** The session as a whole: `setDiscount` over the scope's cells. */
const SessionTargetCodec = struct('SessionTarget', {
  type: oneOf('session'),
  scope: oneOf('cartItems', 'additionalCosts', 'sessionTotal'),
})
/** Each matching unit: one `setDiscountPerItem` per unit. */
const ItemTargetCodec = struct(
  'ItemTarget',
  { type: oneOf('item'), scope: oneOf('price', 'additionalCosts', 'itemTotal') },
  { skus: names(1000), categories: names(1000) },
)
/** One session-level additional cost, by name: `setDiscountPerAdditionalCost`. */
const AdditionalCostTargetCodec = struct('AdditionalCostTarget', {
  type: oneOf('additionalCost'),
  name: text(1, 1000, costNamePattern, 'a cost name'),
})

const targets = { session: SessionTargetCodec, item: ItemTargetCodec, additionalCost: AdditionalCostTargetCodec }
/** What a rule discounts: the session, each matching unit, or one session-level cost. @since 0.1.0 @category discounts */
export type Target =
  | t.TypeOf<typeof SessionTargetCodec>
  | t.TypeOf<typeof ItemTargetCodec>
  | t.TypeOf<typeof AdditionalCostTargetCodec>

/**
 * What a rule discounts, dispatched on `type` so that an unknown target is named as such.
 * @since 0.1.0
 * @category discounts
 */
export const TargetCodec: Codec<Target> = codec('Target', (u, c) => {
  const type = typeof u === 'object' && u !== null && !Array.isArray(u) ? (u as { type?: unknown }).type : undefined
  const target = typeof type === 'string' && Object.prototype.hasOwnProperty.call(targets, type) ? targets[type as keyof typeof targets] : undefined
  if (target === undefined) {
    return fail(type, at(c, 'type', t.unknown, type), `unknown target ${show(type)}, expected one of ${Object.keys(targets).join(', ')}`)
  }
  const r = (target as Codec<Target>).validate(u, c)
  if (r._tag === 'Right' && r.right.type === 'item' && r.right.skus !== undefined && r.right.categories !== undefined) {
    return fail(u, c, 'an item target matches by skus or by categories, not both')
  }
  return r
})

/** A rule's name: unique in its policy; `#` is kept for per-item labels (`name#position`). */
const ruleName = text(1, 200, /^[^#]+$/, 'a name without "#"')

const RuleFieldsCodec = struct(
  'Rule',
  { name: ruleName, target: TargetCodec },
  { description: text(0, 1000), when: ConditionsCodec, percent, amount: policyAmount },
)
/** One rule of a discount policy. @since 0.1.0 @category discounts */
export type Rule = t.TypeOf<typeof RuleFieldsCodec>

/**
 * One rule: a unique `name`, a `target`, optional conditions (`when`), and exactly one of
 * `percent` or `amount`.
 * @since 0.1.0
 * @category discounts
 */
export const RuleCodec: Codec<Rule> = codec('Rule', (u, c) => {
  const r = RuleFieldsCodec.validate(u, c)
  if (r._tag === 'Left') return r
  if ((r.right.percent === undefined) === (r.right.amount === undefined)) {
    return fail(u, c, 'expected exactly one of "percent" or "amount"')
  }
  return r
})

/** How percentages round to the currency's precision. @since 0.1.0 @category discounts */
export type Rounding = 'halfUp' | 'halfEven' | 'down'

const PolicyFieldsCodec = struct(
  'DiscountPolicy',
  { rules: arrayOf(RuleCodec, 1000) },
  { description: text(0, 1000), rounding: oneOf<Rounding>('halfUp', 'halfEven', 'down') },
)

/**
 * A discount policy: an ordered list of rules with unique names and an optional `rounding`
 * (`halfUp`, the default, `halfEven` or `down`).
 * @since 0.1.0
 * @category discounts
 */
export type DiscountPolicy = t.TypeOf<typeof PolicyFieldsCodec>

/**
 * The policy codec: closed objects (an unknown field is an error), unique rule names.
 * @since 0.1.0
 * @category discounts
 */
export const DiscountPolicyCodec: Codec<DiscountPolicy> = codec('DiscountPolicy', (u, c) => {
  const r = PolicyFieldsCodec.validate(u, c)
  if (r._tag === 'Left') return r
  const seen = new Map<string, number>()
  for (const [i, rule] of r.right.rules.entries()) {
    const first = seen.get(rule.name)
    if (first !== undefined) {
      const rules = at(c, 'rules', t.unknown, r.right.rules)
      const path = at(at(rules, String(i), t.unknown, rule), 'name', t.unknown, rule.name)
      return fail(rule.name, path, `duplicate rule name ${JSON.stringify(rule.name)} (also rules[${first}])`)
    }
    seen.set(rule.name, i)
  }
  return r
})
