import * as t from 'io-ts'
import { CartItemCodec } from '../domain/cart-item.ts'
import { amount, arrayOf, closed, type Codec, fromValidate, hasOwn, integer, isoTimestamp, isPlainObject, oneOf, text } from '../domain/codec-kit.ts'
import { ReturnEntryCodec, type ReturnEntry } from '../domain/commands.ts'
import { details as d } from '../domain/session-details.ts'

type ReadOnly = Record<string, Codec<any>>

const at = (c: t.Context, key: string, type: t.Decoder<unknown, unknown>, actual: unknown): t.Context => [...c, { key, type, actual }]

/**
 * `inner` with some read-only fields of Talon.One's responses accepted: a client that sends back
 * what it was given (a cart line's `position`, a session's totals) is not refused for it. Each
 * such field is checked against the shape the response gave it, then dropped: cartfold derives
 * them, and never reads them from a request. Any other unknown field is still refused by `inner`.
 */
const echoing = <A>(inner: Codec<A>, readOnly: ReadOnly, refuse?: (u: Record<string, unknown>, c: t.Context) => t.Validation<A> | undefined): Codec<A> => {
  const keys = Object.keys(readOnly)
  const strip = (u: Record<string, unknown>): Record<string, unknown> => {
    const rest: Record<string, unknown> = {}
    for (const key in u) if (hasOwn(u, key) && !hasOwn(readOnly, key)) rest[key] = u[key]
    return rest
  }
  return fromValidate(inner.name, (u, c) => {
    if (!isPlainObject(u)) return inner.validate(u, c)
    const refused = refuse?.(u, c)
    if (refused !== undefined) return refused
    let echoed = false
    for (const key of keys) {
      const value = u[key]
      if (!hasOwn(u, key) || value === undefined) continue
      echoed = true
      const r = readOnly[key]!.validate(value, at(c, key, readOnly[key]!, value))
      if (r._tag === 'Left') return r
    }
    return inner.validate(echoed ? strip(u) : u, c)
  })
}

/**
 * A cart line as Talon.One's integration requests send it: cartfold's `CartItem`, with the three
 * fields a response adds (`position`, `returnedQuantity`, `remainingQuantity`) accepted and
 * ignored. A line without `price` is refused: Talon.One may look a price up in its catalog, and
 * cartfold has none.
 */
const WireCartItemCodec = echoing(
  CartItemCodec,
  { position: integer(0), returnedQuantity: integer(0), remainingQuantity: integer(0) },
  (u, c) =>
    u.price === undefined
      ? t.failure(undefined, at(c, 'price', amount, undefined), 'required: cartfold has no catalog, so every cart item must carry its price')
      : undefined,
)
const WireCartItemsCodec = arrayOf(WireCartItemCodec, 100_000)

/** The read-only fields of a `CustomerSessionV2` response, accepted and ignored in a request. */
const sessionReadOnly = {
  id: integer(0),
  created: isoTimestamp,
  updated: isoTimestamp,
  updateCount: integer(0),
  total: amount,
  cartItemTotal: amount,
  additionalCostTotal: amount,
  cartItemAdditionalCostTotal: amount,
}

/**
 * `responseContent` of Talon.One's integration requests. Accepted so that a request written for
 * Talon.One decodes unchanged, and ignored: cartfold always answers with the session and effects.
 */
const ResponseContentCodec = arrayOf(
  oneOf(
    'customerSession', 'customerProfile', 'coupons', 'triggeredCampaigns', 'referral', 'loyalty',
    'event', 'awardedGiveaways', 'ruleFailureReasons', 'previousReturns',
  ),
  20,
)

/**
 * The `customerSession` of Talon.One's "update customer session V2" request, restricted to what
 * cartfold models: every field optional (an omitted field keeps its value), an empty string or
 * list clears, `state` one of the three an update may ask for. Closed: an unknown field (a catalog
 * field, `evaluableCampaignIds`) is refused rather than silently dropped; the read-only fields of
 * a response sent back (a session's `id`, `created`, `updated`, `updateCount` and totals, a line's
 * `position`, `returnedQuantity` and `remainingQuantity`) are accepted and ignored.
 * @since 0.1.0
 * @category adapter
 */
export const NewCustomerSessionV2Codec = echoing(closed('customerSession', {}, {
  profileId: d.profileId,
  storeIntegrationId: text(0, 1000),
  couponCodes: d.couponCodes,
  referralCode: text(0, 100),
  loyaltyCards: d.loyaltyCards,
  state: oneOf('open', 'closed', 'cancelled'),
  cartItems: WireCartItemsCodec,
  additionalCosts: d.additionalCosts,
  identifiers: d.identifiers,
  attributes: d.attributes,
}), sessionReadOnly)
/** The `customerSession` of an update request. @since 0.1.0 @category adapter */
export type NewCustomerSessionV2 = t.TypeOf<typeof NewCustomerSessionV2Codec>

/**
 * The body of Talon.One's `PUT /v2/customer_sessions/{customerSessionId}`.
 * @since 0.1.0
 * @category adapter
 */
export const UpdateCustomerSessionV2RequestCodec = closed(
  'UpdateCustomerSessionV2Request',
  { customerSession: NewCustomerSessionV2Codec },
  { responseContent: ResponseContentCodec },
)
/** The body of Talon.One's "update customer session V2" request. @since 0.1.0 @category adapter */
export type UpdateCustomerSessionV2Request = t.TypeOf<typeof UpdateCustomerSessionV2RequestCodec>

const WholeLineByPosition = closed('ReturnedCartItem', { position: integer(0) })
const WholeLineBySku = closed('ReturnedCartItem', { sku: text(1, 1000) })

/**
 * A returned item: a line by `position` or by `sku` (never both), and how many units; without
 * `quantity` (how Talon.One's SDK returns a whole line), what remains of the line.
 * @since 0.1.0
 * @category adapter
 */
export type ReturnedCartItem = ReturnEntry | { readonly position: number } | { readonly sku: string }

const ReturnedCartItemCodec = fromValidate<ReturnedCartItem>('ReturnedCartItem', (u, c) => {
  if (isPlainObject(u) && u.quantity === undefined && (u.position === undefined) !== (u.sku === undefined)) {
    return (u.position === undefined ? WholeLineBySku : WholeLineByPosition).validate(u, c)
  }
  return ReturnEntryCodec.validate(u, c)
})

/**
 * The body of Talon.One's `POST /v2/customer_sessions/{customerSessionId}/returns`: each returned
 * item names its line by `position` or by `sku` (never both) and says how many units (all that
 * remain of the line when it does not).
 * @since 0.1.0
 * @category adapter
 */
export const ReturnCartItemsRequestCodec = closed(
  'ReturnCartItemsRequest',
  { return: closed('return', { returnedCartItems: arrayOf(ReturnedCartItemCodec, 100_000, 1) }) },
  { responseContent: ResponseContentCodec },
)
/** The body of Talon.One's "return cart items" request. @since 0.1.0 @category adapter */
export type ReturnCartItemsRequest = t.TypeOf<typeof ReturnCartItemsRequestCodec>
