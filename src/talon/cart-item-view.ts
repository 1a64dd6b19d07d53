import type * as t from 'io-ts'
import { cartItemFields } from '../domain/cart-item.ts'
import { integer, closed } from '../domain/codec-kit.ts'
import type { ProjectedCartItem } from '../domain/project.ts'

/**
 * A cart item as the Talon-shaped views show it: the Talon.One `CartItem` wire fields that cartfold
 * has. The seeds only link to `CartItem.md`; these are the fields of Talon.One's CartItem that a
 * session stores (`sku`, `quantity`, `price`, the optional descriptive ones) plus the three it
 * derives (`position`, `returnedQuantity`, `remainingQuantity`). Catalog fields (`catalogItemID`,
 * `selectedPriceType`, ...) are not modelled, so never shown. An optional field is omitted when unset.
 * @since 0.1.0
 * @category views
 */
export const CartItemViewCodec = closed(
  'CartItemView',
  { ...cartItemFields.required, returnedQuantity: integer(0), remainingQuantity: integer(0), position: integer(0) },
  cartItemFields.optional,
)
/** A cart line in the Talon.One views. @since 0.1.0 @category views */
export type CartItemView = t.TypeOf<typeof CartItemViewCodec>

/** Talon.One's order of the CartItem fields. */
const wireOrder = [
  'name', 'sku', 'quantity', 'returnedQuantity', 'remainingQuantity', 'price', 'category', 'product',
  'weight', 'height', 'width', 'length', 'position', 'attributes', 'additionalCosts',
] as const satisfies ReadonlyArray<keyof CartItemView>

/**
 * Copies only the known fields, in Talon.One's order, so that nothing a projection line carries
 * beyond them (now or in a later version) can leak into a view.
 */
export const toCartItemView = (line: ProjectedCartItem): CartItemView => {
  const view: Record<string, unknown> = {}
  for (const key of wireOrder) if (line[key] !== undefined) view[key] = line[key]
  return view as CartItemView
}
