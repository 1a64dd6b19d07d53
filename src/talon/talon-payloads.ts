import type * as t from 'io-ts'
import { CartItemsCodec } from '../domain/cart-item.ts'
import { arrayOf, oneOf, closed, text } from '../domain/codec-kit.ts'
import { ReturnEntryCodec } from '../domain/commands.ts'
import { details as d } from '../domain/session-details.ts'

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
 * field, `evaluableCampaignIds`) is refused rather than silently dropped.
 * @since 0.1.0
 * @category adapter
 */
export const NewCustomerSessionV2Codec = closed('customerSession', {}, {
  profileId: d.profileId,
  storeIntegrationId: text(0, 1000),
  couponCodes: d.couponCodes,
  referralCode: text(0, 100),
  loyaltyCards: d.loyaltyCards,
  state: oneOf('open', 'closed', 'cancelled'),
  cartItems: CartItemsCodec,
  additionalCosts: d.additionalCosts,
  identifiers: d.identifiers,
  attributes: d.attributes,
})
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

/**
 * The body of Talon.One's `POST /v2/customer_sessions/{customerSessionId}/returns`: each returned
 * item names its line by `position` or by `sku` (never both) and says how many units.
 * @since 0.1.0
 * @category adapter
 */
export const ReturnCartItemsRequestCodec = closed(
  'ReturnCartItemsRequest',
  { return: closed('return', { returnedCartItems: arrayOf(ReturnEntryCodec, 100_000, 1) }) },
  { responseContent: ResponseContentCodec },
)
/** The body of Talon.One's "return cart items" request. @since 0.1.0 @category adapter */
export type ReturnCartItemsRequest = t.TypeOf<typeof ReturnCartItemsRequestCodec>
