import { arrayOf, boolean, integer, jsonObject, text } from './codec-kit.ts'
import { AdditionalCostsCodec } from './cart-item.ts'

/**
 * The codecs of a session's details (domain.md section 1), shared by the `CreateSession` and
 * `UpdateSession` commands and the `Created` and `Updated` events.
 */
export const details = {
  integrationId: text(1, 1000),
  applicationId: integer(1),
  profileId: text(0, 1000),
  storeIntegrationId: text(1, 1000),
  currency: text(3, 3, /^[A-Z]{3}$/, 'an ISO 4217 code'),
  // The 100-code limit counts codes after repeats are dropped, so the decider checks it.
  couponCodes: arrayOf(text(1, 100), 10_000),
  referralCode: text(1, 100),
  loyaltyCards: arrayOf(text(1, 1000), 1),
  identifiers: arrayOf(text(1, 1000), 5),
  attributes: jsonObject,
  additionalCosts: AdditionalCostsCodec,
  firstSession: boolean,
  id: integer(1),
} as const

/** What `UpdateSession` and `Updated` may carry: an empty string clears a string field. */
export const updatableDetails = {
  profileId: details.profileId,
  storeIntegrationId: text(0, 1000),
  couponCodes: details.couponCodes,
  referralCode: text(0, 100),
  loyaltyCards: details.loyaltyCards,
  identifiers: details.identifiers,
  attributes: details.attributes,
  additionalCosts: details.additionalCosts,
} as const

/** Maximum number of distinct coupon codes on a session. */
export const maxCouponCodes = 100
/** Maximum number of lines in a cart. */
export const maxLines = 1000
/** Maximum sum of quantities in a cart. */
export const maxUnits = 10_000
