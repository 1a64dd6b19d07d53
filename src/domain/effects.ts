import type * as t from 'io-ts'
import { amount, arrayOf, integer, oneOf, closed, text } from './codec-kit.ts'
import { costName } from './cart-item.ts'

/**
 * A cell's share of a session-level discount: computed once, at close, and recorded in `Closed`
 * so that a return rolls back exactly what was recorded (domain.md section 6, "Shares").
 * @since 0.1.0
 * @category codecs
 */
export const ShareCodec = closed(
  'Share',
  { cell: oneOf('unitPrice', 'unitAdditionalCosts', 'sessionAdditionalCost'), value: amount },
  { position: integer(0), subPosition: integer(0), additionalCost: costName },
)
/** A cell's share of a session-level discount. @since 0.1.0 @category model */
export type Share = t.TypeOf<typeof ShareCodec>

/**
 * A discount effect granted at close (Talon.One's effect names). `desiredValue` is kept when the
 * grant was capped; per-item effects address one unit by `position` and `subPosition`.
 * @since 0.1.0
 * @category codecs
 */
export const EffectCodec = closed(
  'Effect',
  {
    effectId: integer(0),
    ruleName: text(1, 200),
    type: oneOf('setDiscount', 'setDiscountPerItem', 'setDiscountPerAdditionalCost'),
    value: amount,
  },
  {
    desiredValue: amount,
    scope: oneOf('cartItems', 'additionalCosts', 'sessionTotal', 'price', 'itemTotal'),
    position: integer(0),
    subPosition: integer(0),
    additionalCost: costName,
    shares: arrayOf(ShareCodec, 30_000),
  },
)
/** A discount effect granted at close. @since 0.1.0 @category model */
export type Effect = t.TypeOf<typeof EffectCodec>

/**
 * What a return, a cancel or a reopen takes back of an effect: the whole of what is left, or one
 * unit's recorded share (`position` / `subPosition`).
 * @since 0.1.0
 * @category codecs
 */
export const RollBackCodec = closed(
  'RollBack',
  { effectId: integer(0), value: amount },
  { position: integer(0), subPosition: integer(0) },
)
/** What a return, cancel or reopen takes back of an effect. @since 0.1.0 @category model */
export type RollBack = t.TypeOf<typeof RollBackCodec>

export const EffectsCodec = arrayOf(EffectCodec, 100_000)
export const RollBacksCodec = arrayOf(RollBackCodec, 100_000)
