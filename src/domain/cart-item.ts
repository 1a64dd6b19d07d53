import type * as t from 'io-ts'
import { amount, arrayOf, closed, integer, jsonObject, nonNegative, recordOf, text } from './codec-kit.ts'

/** A cost name: a letter, then letters, digits or `_` (`shipping`, `gift_wrap`). */
export const costNamePattern = /^[A-Za-z]\w*$/
/** A cost's name, as a key of a cost map or where an effect names its cost. */
export const costName = text(1, 1000, costNamePattern, 'a cost name')

/** `{ price }`: an additional cost, session-level or per unit of a cart item. @since 0.1.0 @category codecs */
export const AdditionalCostCodec = closed('AdditionalCost', { price: amount })
/** A cost beside a price (shipping, gift wrapping): `{ price }`. @since 0.1.0 @category model */
export type AdditionalCost = t.TypeOf<typeof AdditionalCostCodec>

/** Cost name -> `{ price }`. @since 0.1.0 @category codecs */
export const AdditionalCostsCodec = recordOf(costName, AdditionalCostCodec, 100)
/** Costs by name. @since 0.1.0 @category model */
export type AdditionalCosts = t.TypeOf<typeof AdditionalCostsCodec>

/** The fields every cart item has, and those it may have: shared with the cart item views. */
export const cartItemFields = {
  required: { sku: text(1, 1000), quantity: integer(1), price: amount },
  optional: {
    name: text(0, 1000),
    category: text(0, 1000),
    product: closed('Product', { name: text(0, 1000) }),
    weight: nonNegative,
    height: nonNegative,
    width: nonNegative,
    length: nonNegative,
    attributes: jsonObject,
    additionalCosts: AdditionalCostsCodec,
  },
}

/**
 * One line of a cart, stored as sent: a line of quantity 3 is three units.
 * @since 0.1.0
 * @category codecs
 */
export const CartItemCodec = closed('CartItem', cartItemFields.required, cartItemFields.optional)
/** A cart line as sent: SKU, quantity, price and optional details. @since 0.1.0 @category model */
export type CartItem = t.TypeOf<typeof CartItemCodec>

/**
 * Copies a line's optional fields onto an object that already holds its required ones: field by
 * field, because an object spread costs several times more on the fold's and the projection's
 * hottest paths.
 */
export const withOptionalFields = <T extends CartItem>(target: T, item: CartItem): T => {
  if (item.name !== undefined) target.name = item.name
  if (item.category !== undefined) target.category = item.category
  if (item.product !== undefined) target.product = item.product
  if (item.weight !== undefined) target.weight = item.weight
  if (item.height !== undefined) target.height = item.height
  if (item.width !== undefined) target.width = item.width
  if (item.length !== undefined) target.length = item.length
  if (item.attributes !== undefined) target.attributes = item.attributes
  if (item.additionalCosts !== undefined) target.additionalCosts = item.additionalCosts
  return target
}

/**
 * Lines in one message: the codec's cap only bounds hostile payloads; the cart limits (1000 lines,
 * 10,000 units) are the decider's, refused as `CartLimitExceeded`.
 */
export const CartItemsCodec = arrayOf(CartItemCodec, 100_000)
export const NonEmptyCartItemsCodec = arrayOf(CartItemCodec, 100_000, 1)

/** `{ position, quantity }`: units of one line. @since 0.1.0 @category codecs */
export const PositionQuantityCodec = closed('PositionQuantity', { position: integer(0), quantity: integer(1) })
/** A number of units of the line at a position. @since 0.1.0 @category model */
export type PositionQuantity = t.TypeOf<typeof PositionQuantityCodec>
export const PositionQuantitiesCodec = arrayOf(PositionQuantityCodec, 100_000, 1)
