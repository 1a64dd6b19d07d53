import type * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { integer } from '../domain/codec-kit.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import { sessionView } from './view-kit.ts'

const view = sessionView(
  'ApplicationSession',
  [
    'id', 'created', 'integrationId', 'storeIntegrationId', 'applicationId', 'profileId', 'profileintegrationid', 'coupon',
    'referral', 'state', 'cartItems', 'discounts', 'totalDiscounts', 'total', 'attributes',
  ],
  ['storeIntegrationId'],
  {
    // The internal profile number comes from the runtime's `profileInternalId` (the session
    // service, a replay); a projection made without a runtime has none and shows 0, as an
    // anonymous session does.
    codecs: { profileId: integer(0) },
    render: { profileId: (p) => (p.profileId === '' ? 0 : (p.profileInternalId ?? 0)) },
  },
)

/**
 * Talon.One's management-API `ApplicationSession`. Its `profileId` is the profile's internal
 * integer (0 for an anonymous session), its `profileintegrationid` (all lowercase on the wire) the
 * profile id the integration set (`""` for an anonymous session); `coupon` and `referral` follow
 * the V1 rule (first code, `""` when none).
 * @since 0.1.0
 * @category views
 */
export const ApplicationSessionCodec = view.codec
/** The management API's `ApplicationSession` shape. @since 0.1.0 @category views */
export type ApplicationSession = t.TypeOf<typeof ApplicationSessionCodec>

/**
 * Renders a projection as Talon.One's `ApplicationSession`. The internal profile number comes
 * from the runtime's `profileInternalId` (the session service, a replay); a projection made
 * without a runtime has none and shows 0, as an anonymous session does.
 * @since 0.1.0
 * @category views
 */
export const toApplicationSession: (projection: SessionProjection) => E.Either<SessionError, ApplicationSession> = view.render
