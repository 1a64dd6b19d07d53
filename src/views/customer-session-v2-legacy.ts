import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { struct } from '../domain/codec-kit.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { toCartItemView } from './cart-item-view.ts'
import { existing, type ExistingProjection, field } from './view-kit.ts'

/**
 * The older `CustomerSessionV2` (the Ruby SDK's model): the newest one without `id`,
 * `loyaltyCards` and `updated`. Its seed describes only `open`, `closed` and `cancelled`; a
 * `partially_returned` session is shown as it is (the field is a plain string in the seed).
 * @since 0.1.0
 * @category views
 */
export const CustomerSessionV2LegacyCodec = struct(
  'CustomerSessionV2Legacy',
  {
    integrationId: field.integrationId,
    created: field.timestamp,
    applicationId: field.applicationId,
    profileId: field.profileId,
    couponCodes: field.couponCodes,
    state: field.state,
    cartItems: field.cartItems,
    additionalCosts: field.additionalCosts,
    identifiers: field.identifiers,
    attributes: field.attributes,
    firstSession: field.firstSession,
    total: field.amount,
    cartItemTotal: field.amount,
    additionalCostTotal: field.amount,
  },
  { referralCode: field.referralCode },
)
/** @since 0.1.0 @category views */
export type CustomerSessionV2Legacy = t.TypeOf<typeof CustomerSessionV2LegacyCodec>

/**
 * Renders a projection as the older Ruby SDK's `CustomerSessionV2`; `SessionNotFound` for no session.
 * @since 0.1.0
 * @category views
 */
export const toCustomerSessionV2Legacy = (projection: SessionProjection): E.Either<SessionError, CustomerSessionV2Legacy> =>
  E.map((p: ExistingProjection): CustomerSessionV2Legacy => ({
    integrationId: p.integrationId,
    created: p.created,
    applicationId: p.applicationId,
    profileId: p.profileId,
    couponCodes: p.couponCodes,
    ...(p.referralCode === undefined ? {} : { referralCode: p.referralCode }),
    state: p.state,
    cartItems: p.cartItems.map(toCartItemView),
    additionalCosts: p.additionalCosts,
    identifiers: p.identifiers,
    attributes: p.attributes,
    firstSession: p.firstSession,
    total: p.total,
    cartItemTotal: p.cartItemTotal,
    additionalCostTotal: p.additionalCostTotal,
  }))(existing(projection, 'CustomerSessionV2Legacy'))
