import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { struct } from '../domain/codec-kit.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { toCartItemView } from './cart-item-view.ts'
import { existing, type ExistingProjection, field, firstCoupon, referralOf } from './view-kit.ts'

/**
 * Talon.One's V1 `CustomerSession` (the Ruby SDK's model; the Go SDK's is the same without
 * `updated`): a single `coupon` and `referral` (the first coupon code and the referral code, `""`
 * when there is none) and the `discounts` map.
 * @since 0.1.0
 * @category views
 */
export const CustomerSessionCodec = struct('CustomerSession', {
  integrationId: field.integrationId,
  created: field.timestamp,
  applicationId: field.applicationId,
  profileId: field.profileId,
  coupon: field.coupon,
  referral: field.referral,
  state: field.state,
  cartItems: field.cartItems,
  identifiers: field.identifiers,
  total: field.amount,
  attributes: field.attributes,
  firstSession: field.firstSession,
  discounts: field.discounts,
  updated: field.timestamp,
})
/** @since 0.1.0 @category views */
export type CustomerSession = t.TypeOf<typeof CustomerSessionCodec>

/**
 * Renders a projection as Talon.One's V1 `CustomerSession`; `SessionNotFound` for no session.
 * @since 0.1.0
 * @category views
 */
export const toCustomerSession = (projection: SessionProjection): E.Either<SessionError, CustomerSession> =>
  E.map((p: ExistingProjection): CustomerSession => ({
    integrationId: p.integrationId,
    created: p.created,
    applicationId: p.applicationId,
    profileId: p.profileId,
    coupon: firstCoupon(p),
    referral: referralOf(p),
    state: p.state,
    cartItems: p.cartItems.map(toCartItemView),
    identifiers: p.identifiers,
    total: p.total,
    attributes: p.attributes,
    firstSession: p.firstSession,
    discounts: p.discounts,
    updated: p.updated,
  }))(existing(projection, 'CustomerSession'))
