import type * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { sessionView } from './view-kit.ts'

const view = sessionView(
  'CustomerSessionV2',
  [
    'id', 'created', 'integrationId', 'applicationId', 'profileId', 'couponCodes', 'referralCode', 'loyaltyCards', 'state',
    'cartItems', 'additionalCosts', 'identifiers', 'attributes', 'firstSession', 'total', 'cartItemTotal', 'additionalCostTotal',
    'updated',
  ],
  ['referralCode'],
)

/**
 * Talon.One's newest `CustomerSessionV2` (the JavaScript SDK's model): the wire shape of the
 * Integration API's `customerSession`. It has no `cartItemAdditionalCostTotal`, so `total` can
 * exceed `cartItemTotal + additionalCostTotal` when items carry their own costs.
 * @since 0.1.0
 * @category views
 */
export const CustomerSessionV2Codec = view.codec
/** Talon.One's newest `CustomerSessionV2` shape. @since 0.1.0 @category views */
export type CustomerSessionV2 = t.TypeOf<typeof CustomerSessionV2Codec>

/**
 * Renders a projection as Talon.One's `CustomerSessionV2`; `SessionNotFound` for no session.
 * @since 0.1.0
 * @category views
 */
export const toCustomerSessionV2: (projection: SessionProjection) => E.Either<SessionError, CustomerSessionV2> = view.render
