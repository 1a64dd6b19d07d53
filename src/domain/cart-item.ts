import type * as t from 'io-ts'
import { amount, arrayOf, integer, jsonObject, nonNegative, recordOf, struct, text } from './codec-kit.ts'

/** A cost name: a letter, then letters, digits or `_` (`shipping`, `gift_wrap`). */
export const costNamePattern = /^[A-Za-z]\w*$/

/** `{ price }`: an additional cost, session-level or per unit of a cart item. @since 0.1.0 @category codecs */
export const AdditionalCostCodec = struct('AdditionalCost', { price: amount })
/** @since 0.1.0 @category model */
export type AdditionalCost = t.TypeOf<typeof AdditionalCostCodec>

/** Cost name -> `{ price }`. @since 0.1.0 @category codecs */
export const AdditionalCostsCodec = recordOf(costNamePattern, AdditionalCostCodec, 100)
/** @since 0.1.0 @category model */
export type AdditionalCosts = t.TypeOf<typeof AdditionalCostsCodec>

/**
 * One line of a cart, stored as sent: a line of quantity 3 is three units.
 * @since 0.1.0
 * @category codecs
 */
export const CartItemCodec = struct(
  'CartItem',
  { sku: text(1, 1000), quantity: integer(1), price: amount },
  {
    name: text(0, 1000),
    category: text(0, 1000),
    product: struct('Product', { name: text(0, 1000) }),
    weight: nonNegative,
    height: nonNegative,
    width: nonNegative,
    length: nonNegative,
    attributes: jsonObject,
    additionalCosts: AdditionalCostsCodec,
  },
)
/** @since 0.1.0 @category model */
export type CartItem = t.TypeOf<typeof CartItemCodec>

/**
 * Lines in one message: the codec's cap only bounds hostile payloads; the cart limits (1000 lines,
 * 10,000 units) are the decider's, refused as `CartLimitExceeded`.
 */
export const CartItemsCodec = arrayOf(CartItemCodec, 100_000)
export const NonEmptyCartItemsCodec = arrayOf(CartItemCodec, 100_000, 1)

/** `{ position, quantity }`: units of one line. @since 0.1.0 @category codecs */
export const PositionQuantityCodec = struct('PositionQuantity', { position: integer(0), quantity: integer(1) })
/** @since 0.1.0 @category model */
export type PositionQuantity = t.TypeOf<typeof PositionQuantityCodec>
export const PositionQuantitiesCodec = arrayOf(PositionQuantityCodec, 100_000, 1)
