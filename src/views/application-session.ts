import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { integer, struct, text } from '../domain/codec-kit.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { toCartItemView } from './cart-item-view.ts'
import { existing, type ExistingProjection, field, firstCoupon, referralOf } from './view-kit.ts'

/**
 * Talon.One's management-API `ApplicationSession`. Its `profileId` is the profile's internal
 * integer (0 for an anonymous session), its `profileintegrationid` (all lowercase on the wire) the
 * profile id the integration set (`""` for an anonymous session); `coupon` and `referral` follow
 * the V1 rule (first code, `""` when none).
 * @since 0.1.0
 * @category views
 */
export const ApplicationSessionCodec = struct(
  'ApplicationSession',
  {
    id: field.id,
    created: field.timestamp,
    integrationId: field.integrationId,
    applicationId: field.applicationId,
    profileId: integer(0),
    profileintegrationid: text(0, 1000),
    coupon: field.coupon,
    referral: field.referral,
    state: field.state,
    cartItems: field.cartItems,
    discounts: field.discounts,
    totalDiscounts: field.amount,
    total: field.amount,
    attributes: field.attributes,
  },
  { storeIntegrationId: field.storeIntegrationId },
)
/** @since 0.1.0 @category views */
export type ApplicationSession = t.TypeOf<typeof ApplicationSessionCodec>

/**
 * Renders a projection as Talon.One's `ApplicationSession`. The internal profile number comes
 * from the runtime's `profileInternalId` (the session service, a replay); a projection made
 * without a runtime has none and shows 0, as an anonymous session does.
 * @since 0.1.0
 * @category views
 */
export const toApplicationSession = (projection: SessionProjection): E.Either<SessionError, ApplicationSession> =>
  E.map((p: ExistingProjection): ApplicationSession => ({
    id: p.id,
    created: p.created,
    integrationId: p.integrationId,
    ...(p.storeIntegrationId === undefined ? {} : { storeIntegrationId: p.storeIntegrationId }),
    applicationId: p.applicationId,
    profileId: p.profileId === '' ? 0 : (p.profileInternalId ?? 0),
    profileintegrationid: p.profileId,
    coupon: firstCoupon(p),
    referral: referralOf(p),
    state: p.state,
    cartItems: p.cartItems.map(toCartItemView),
    discounts: p.discounts,
    totalDiscounts: p.totalDiscounts,
    total: p.total,
    attributes: p.attributes,
  }))(existing(projection, 'ApplicationSession'))
