import type * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { sessionView } from './view-kit.ts'

const view = sessionView(
  'CustomerSession',
  [
    'integrationId', 'created', 'applicationId', 'profileId', 'coupon', 'referral', 'state', 'cartItems', 'identifiers',
    'total', 'attributes', 'firstSession', 'discounts', 'updated',
  ],
  [],
)

/**
 * Talon.One's V1 `CustomerSession` (the Ruby SDK's model; the Go SDK's is the same without
 * `updated`): a single `coupon` and `referral` (the first coupon code and the referral code, `""`
 * when there is none) and the `discounts` map.
 * @since 0.1.0
 * @category views
 */
export const CustomerSessionCodec = view.codec
/** Talon.One's V1 `CustomerSession` shape. @since 0.1.0 @category views */
export type CustomerSession = t.TypeOf<typeof CustomerSessionCodec>

/**
 * Renders a projection as Talon.One's V1 `CustomerSession`; `SessionNotFound` for no session.
 * @since 0.1.0
 * @category views
 */
export const toCustomerSession: (projection: SessionProjection) => E.Either<SessionError, CustomerSession> = view.render
