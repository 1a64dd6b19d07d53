import type * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { sessionView } from './view-kit.ts'

// The newest V2's fields without `id`, `loyaltyCards` and `updated` (domain.md section 7), in the
// Ruby seed's order, which puts `integrationId` before `created`.
const view = sessionView(
  'CustomerSessionV2Legacy',
  [
    'integrationId', 'created', 'applicationId', 'profileId', 'couponCodes', 'referralCode', 'state', 'cartItems',
    'additionalCosts', 'identifiers', 'attributes', 'firstSession', 'total', 'cartItemTotal', 'additionalCostTotal',
  ],
  ['referralCode'],
)

/**
 * The older `CustomerSessionV2` (the Ruby SDK's model): the newest one without `id`,
 * `loyaltyCards` and `updated`. Its seed describes only `open`, `closed` and `cancelled`; a
 * `partially_returned` session is shown as it is (the field is a plain string in the seed).
 * @since 0.1.0
 * @category views
 */
export const CustomerSessionV2LegacyCodec = view.codec
/** The older Ruby SDK's `CustomerSessionV2` shape. @since 0.1.0 @category views */
export type CustomerSessionV2Legacy = t.TypeOf<typeof CustomerSessionV2LegacyCodec>

/**
 * Renders a projection as the older Ruby SDK's `CustomerSessionV2`; `SessionNotFound` for no session.
 * @since 0.1.0
 * @category views
 */
export const toCustomerSessionV2Legacy: (projection: SessionProjection) => E.Either<SessionError, CustomerSessionV2Legacy> = view.render
