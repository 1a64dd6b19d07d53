import * as t from 'io-ts'
import { arrayOf, boolean, closed, type Codec, fromValidate, isPlainObject, oneOf, recordOf, refine, text } from '../codec-kit.ts'
import { costName } from '../cart-item.ts'
import { toMinor } from '../money.ts'
import { show } from '../messages.ts'

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

const finite = refine(t.number, Number.isFinite, (n) => `expected a finite number, got ${show(n)}`)
const fractionDigitsWithin = (digits: number) => (n: number) => toMinor(n, digits, '')._tag === 'Right'

/** A non-negative fixed amount with at most 3 fraction digits. */
const policyAmount = refine(
  refine(finite, (n) => n >= 0, (n) => `expected a non-negative amount, got ${n}`),
  fractionDigitsWithin(policyAmountDigits),
  (n) => `expected at most ${policyAmountDigits} fraction digits within the safe range, got ${n}`,
  'a non-negative amount with at most 3 decimals',
)

/** A percentage in 0..100 with at most 4 fraction digits. */
const percent = refine(
  t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0 && n <= 100, 'a percentage in 0..100'),
  fractionDigitsWithin(percentDigits),
  (n) => `expected at most ${percentDigits} fraction digits, got ${n}`,
)

/** `true` (any code) or one given code. */
const codeCondition = t.union([t.literal(true), text(1, 100)], 'true (any code) or a code of 1..100 characters')

/** An attribute's expected value: a JSON scalar, compared with `===`. */
const scalar = t.union([t.null, t.string, t.boolean, t.refinement(t.number, Number.isFinite)], 'a string, finite number, boolean or null')

/** An attribute's name: 1..200 characters (code points). */
const attributeName = t.refinement(t.string, (name) => /^.{1,200}$/su.test(name), 'a name of 1..200 characters')

/**
 * A rule's conditions: every one given must hold.
 * @since 0.1.0
 * @category discounts
 */
export const ConditionsCodec = closed(
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
    attributes: recordOf(attributeName, scalar, 100),
  },
)
/** The conditions of a rule, all of which must hold. @since 0.1.0 @category discounts */
export type Conditions = t.TypeOf<typeof ConditionsCodec>

const names = (max: number) => arrayOf(text(1, 1000), max, 1)

/** The session as a whole: `setDiscount` over the scope's cells. */
const SessionTargetCodec = closed('SessionTarget', {
  type: oneOf('session'),
  scope: oneOf('cartItems', 'additionalCosts', 'sessionTotal'),
})
/** Each matching unit: one `setDiscountPerItem` per unit. */
const ItemTargetCodec = closed(
  'ItemTarget',
  { type: oneOf('item'), scope: oneOf('price', 'additionalCosts', 'itemTotal') },
  { skus: names(1000), categories: names(1000) },
)
/** One session-level additional cost, by name: `setDiscountPerAdditionalCost`. */
const AdditionalCostTargetCodec = closed('AdditionalCostTarget', {
  type: oneOf('additionalCost'),
  name: costName,
})

const targets = { session: SessionTargetCodec, item: ItemTargetCodec, additionalCost: AdditionalCostTargetCodec }
/** What a rule discounts: the session, each matching unit, or one session-level cost. @since 0.1.0 @category discounts */
export type Target =
  | t.TypeOf<typeof SessionTargetCodec>
  | t.TypeOf<typeof ItemTargetCodec>
  | t.TypeOf<typeof AdditionalCostTargetCodec>

const targetTypes = t.keyof(targets)

/**
 * What a rule discounts, dispatched on `type` so that an unknown target is named as such.
 * @since 0.1.0
 * @category discounts
 */
export const TargetCodec: Codec<Target> = refine(
  fromValidate<Target>('Target', (u, c) => {
    const type = isPlainObject(u) ? u.type : undefined
    if (!targetTypes.is(type)) {
      return t.failure(type, t.appendContext(c, 'type', targetTypes, type), `unknown target ${show(type)}, expected one of ${Object.keys(targets).join(', ')}`)
    }
    return targets[type].validate(u, c)
  }),
  (target) => target.type !== 'item' || target.skus === undefined || target.categories === undefined,
  () => 'an item target matches by skus or by categories, not both',
)

/** A rule's name: unique in its policy; `#` is kept for per-item labels (`name#position`). */
const ruleName = text(1, 200, /^[^#]+$/, 'a name without "#"')

const RuleFieldsCodec = closed(
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
export const RuleCodec: Codec<Rule> = refine(
  RuleFieldsCodec,
  (rule) => (rule.percent === undefined) !== (rule.amount === undefined),
  () => 'expected exactly one of "percent" or "amount"',
)

/** How percentages round to the currency's precision. @since 0.1.0 @category discounts */
export type Rounding = 'halfUp' | 'halfEven' | 'down'

const PolicyFieldsCodec = closed(
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

const firstWithName = (rules: readonly Rule[], i: number) => rules.findIndex((rule) => rule.name === rules[i]!.name)

/**
 * The policy codec: closed objects (an unknown field is an error), unique rule names.
 * @since 0.1.0
 * @category discounts
 */
export const DiscountPolicyCodec: Codec<DiscountPolicy> = fromValidate('DiscountPolicy', (u, c) => {
  const r = PolicyFieldsCodec.validate(u, c)
  if (r._tag === 'Left') return r
  const { rules } = r.right
  const seen = new Set<string>()
  for (const [i, rule] of rules.entries()) {
    if (seen.has(rule.name)) {
      const at = t.appendContext(t.appendContext(t.appendContext(c, 'rules', PolicyFieldsCodec, rules), String(i), RuleCodec, rule), 'name', ruleName, rule.name)
      return t.failure(rule.name, at, `duplicate rule name ${JSON.stringify(rule.name)} (also rules[${firstWithName(rules, i)}])`)
    }
    seen.add(rule.name)
  }
  return r
})
