import type { DiscountPolicy } from '../domain/discounts.ts'
import type { Effect, RollBack } from '../domain/effects.ts'

/**
 * One effect in Talon.One's envelope (the SDK's `Effect`): what rule of what campaign produced it,
 * its `effectType` and the effect's own `props`.
 * @since 0.1.0
 * @category adapter
 */
export interface TalonEffect {
  readonly campaignId: number
  readonly rulesetId: number
  readonly ruleIndex: number
  readonly ruleName: string
  readonly effectType: 'setDiscount' | 'setDiscountPerItem' | 'setDiscountPerAdditionalCost' | 'rollbackDiscount'
  readonly props: Readonly<Record<string, string | number>>
  /** the coupon whose condition made the rule fire: its 1-based position in the session's codes */
  readonly triggeredByCoupon?: number
}

/**
 * What the envelope is made from besides the effects. cartfold's policy stands for one campaign
 * with one ruleset (`campaignId` and `rulesetId` 1 unless given); coupons and additional costs
 * have no ids in cartfold.
 * @since 0.1.0
 * @category adapter
 */
export interface TalonEffectsContext {
  /** the policy served: a rule's index in it is `ruleIndex` (-1 for a rule it no longer has) */
  readonly policy?: DiscountPolicy
  /** the session's coupon codes, which `triggeredByCoupon` points into */
  readonly couponCodes: ReadonlyArray<string>
  readonly campaignId?: number
  readonly rulesetId?: number
}

/**
 * The effects of one answer: the roll-backs a request recorded (`rolledBack`, each naming an
 * effect of `granted` by `effectId`), then the effects still granted (`effects`, a preview while
 * the session is open).
 * @since 0.1.0
 * @category adapter
 */
export interface TalonEffectsInput {
  readonly effects: ReadonlyArray<Effect>
  readonly rolledBack?: ReadonlyArray<RollBack>
  /** the effects granted before the request: what `rolledBack` refers to */
  readonly granted?: ReadonlyArray<Effect>
}

/** The props Talon.One gives each kind of discount effect. */
const discountProps = (effect: Effect): Record<string, string | number> => {
  const props: Record<string, string | number> = { name: effect.ruleName, value: effect.value }
  switch (effect.type) {
    case 'setDiscountPerItem':
      props.position = effect.position ?? 0
      if (effect.subPosition !== undefined) props.subPosition = effect.subPosition
      break
    case 'setDiscountPerAdditionalCost':
      props.additionalCostId = 0
      props.additionalCost = effect.additionalCost ?? ''
      break
    case 'setDiscount':
      break
  }
  if (effect.scope !== undefined) props.scope = effect.scope
  if (effect.desiredValue !== undefined) props.desiredValue = effect.desiredValue
  return props
}

/** `rollbackDiscount`'s props: the unit or cost the roll-back is of, when it is of one. */
const rollbackProps = (back: RollBack, effect: Effect): Record<string, string | number> => {
  const props: Record<string, string | number> = { name: effect.ruleName, value: back.value }
  const position = back.position ?? (effect.type === 'setDiscountPerItem' ? effect.position : undefined)
  const subPosition = back.subPosition ?? (effect.type === 'setDiscountPerItem' ? effect.subPosition : undefined)
  if (position !== undefined) props.cartItemPosition = position
  if (subPosition !== undefined) props.cartItemSubPosition = subPosition
  if (effect.type === 'setDiscountPerAdditionalCost') {
    props.additionalCostId = 0
    props.additionalCost = effect.additionalCost ?? ''
  }
  if (effect.scope !== undefined) props.scope = effect.scope
  return props
}

/**
 * cartfold's effects in Talon.One's envelope (`campaignId`, `rulesetId`, `ruleIndex`, `ruleName`,
 * `effectType`, `props`, `triggeredByCoupon`): `setDiscount`, `setDiscountPerItem` and
 * `setDiscountPerAdditionalCost` keep their names (those with nothing left are left out), and each roll-back is a `rollbackDiscount` with
 * the `cartItemPosition` / `cartItemSubPosition` of the unit it is of, or the `additionalCost`.
 * Pure: the events keep cartfold's own effects, this is only how an answer shows them.
 * @since 0.1.0
 * @category adapter
 */
export const toTalonEffects = (input: TalonEffectsInput, context: TalonEffectsContext): TalonEffect[] => {
  const rules = context.policy?.rules ?? []
  const envelope = (effect: Effect, effectType: TalonEffect['effectType'], props: TalonEffect['props']): TalonEffect => {
    const ruleIndex = rules.findIndex((rule) => rule.name === effect.ruleName)
    const coupon = ruleIndex < 0 ? undefined : rules[ruleIndex]!.when?.coupon
    const code = coupon === true ? context.couponCodes[0] : coupon
    const couponIndex = code === undefined ? -1 : context.couponCodes.indexOf(code)
    return {
      campaignId: context.campaignId ?? 1,
      rulesetId: context.rulesetId ?? 1,
      ruleIndex,
      ruleName: effect.ruleName,
      effectType,
      props,
      ...(couponIndex < 0 ? {} : { triggeredByCoupon: couponIndex + 1 }),
    }
  }
  const out: TalonEffect[] = []
  const granted = new Map((input.granted ?? []).map((effect) => [effect.effectId, effect]))
  for (const back of input.rolledBack ?? []) {
    const effect = granted.get(back.effectId)
    if (effect !== undefined) out.push(envelope(effect, 'rollbackDiscount', rollbackProps(back, effect)))
  }
  // An effect with nothing left (rolled back in full) is no longer granted.
  for (const effect of input.effects) if (effect.value > 0) out.push(envelope(effect, effect.type, discountProps(effect)))
  return out
}
