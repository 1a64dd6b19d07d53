import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { struct } from '../domain/codec-kit.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { toCartItemView } from './cart-item-view.ts'
import { existing, type ExistingProjection, field } from './view-kit.ts'

/**
 * Talon.One's newest `CustomerSessionV2` (the JavaScript SDK's model): the wire shape of the
 * Integration API's `customerSession`. It has no `cartItemAdditionalCostTotal`, so `total` can
 * exceed `cartItemTotal + additionalCostTotal` when items carry their own costs.
 * @since 0.1.0
 * @category views
 */
export const CustomerSessionV2Codec = struct(
  'CustomerSessionV2',
  {
    id: field.id,
    created: field.timestamp,
    integrationId: field.integrationId,
    applicationId: field.applicationId,
    profileId: field.profileId,
    couponCodes: field.couponCodes,
    loyaltyCards: field.loyaltyCards,
    state: field.state,
    cartItems: field.cartItems,
    additionalCosts: field.additionalCosts,
    identifiers: field.identifiers,
    attributes: field.attributes,
    firstSession: field.firstSession,
    total: field.amount,
    cartItemTotal: field.amount,
    additionalCostTotal: field.amount,
    updated: field.timestamp,
  },
  { referralCode: field.referralCode },
)
/** @since 0.1.0 @category views */
export type CustomerSessionV2 = t.TypeOf<typeof CustomerSessionV2Codec>

/**
 * Renders a projection as Talon.One's `CustomerSessionV2`; `SessionNotFound` for no session.
 * @since 0.1.0
 * @category views
 */
export const toCustomerSessionV2 = (projection: SessionProjection): E.Either<SessionError, CustomerSessionV2> =>
  E.map((p: ExistingProjection): CustomerSessionV2 => ({
    id: p.id,
    created: p.created,
    integrationId: p.integrationId,
    applicationId: p.applicationId,
    profileId: p.profileId,
    couponCodes: p.couponCodes,
    ...(p.referralCode === undefined ? {} : { referralCode: p.referralCode }),
    loyaltyCards: p.loyaltyCards,
    state: p.state,
    cartItems: p.cartItems.map(toCartItemView),
    additionalCosts: p.additionalCosts,
    identifiers: p.identifiers,
    attributes: p.attributes,
    firstSession: p.firstSession,
    total: p.total,
    cartItemTotal: p.cartItemTotal,
    additionalCostTotal: p.additionalCostTotal,
    updated: p.updated,
  }))(existing(projection, 'CustomerSessionV2'))
