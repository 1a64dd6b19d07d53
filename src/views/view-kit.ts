import * as E from 'fp-ts/lib/Either.js'
import { AdditionalCostsCodec } from '../domain/cart-item.ts'
import { amount, arrayOf, boolean, integer, isoTimestamp, jsonObject, oneOf, recordOf, text } from '../domain/codec-kit.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { SessionStatus } from '../domain/state.ts'
import { CartItemViewCodec } from './cart-item-view.ts'

/** A projection of a session that exists: the only kind a view can render. */
export type ExistingProjection = SessionProjection & { state: SessionStatus }

/**
 * The views render sessions; a projection of no session (`state: 'none'`, e.g. a replayed stream
 * whose `Created` was rejected) has no Talon.One shape, so it is refused as `SessionNotFound`.
 */
export const existing = (projection: SessionProjection, view: string): E.Either<SessionError, ExistingProjection> =>
  projection.state === 'none'
    ? E.left(
        sessionError('SessionNotFound', `no ${view} view: the session ${JSON.stringify(projection.integrationId || '(unknown)')} does not exist`, {
          sessionId: projection.integrationId,
          state: 'none',
          action: view,
        }),
      )
    : E.right(projection as ExistingProjection)

/** domain.md section 7: a V1 shape's single `coupon` is the first code, `""` when there is none. */
export const firstCoupon = (p: SessionProjection): string => p.couponCodes[0] ?? ''
/** domain.md section 7: a V1 shape's `referral`, `""` when there is none. */
export const referralOf = (p: SessionProjection): string => p.referralCode ?? ''

/** The field codecs the four view codecs share (wire types of the seeds' tables). */
export const field = {
  id: integer(0),
  timestamp: isoTimestamp,
  integrationId: text(1, 1000),
  applicationId: integer(1),
  profileId: text(0, 1000),
  storeIntegrationId: text(1, 1000),
  couponCodes: arrayOf(text(1, 100), 100),
  referralCode: text(1, 100),
  coupon: text(0, 100),
  referral: text(0, 100),
  loyaltyCards: arrayOf(text(1, 1000), 1),
  identifiers: arrayOf(text(1, 1000), 5),
  state: oneOf<SessionStatus>('open', 'closed', 'partially_returned', 'cancelled'),
  cartItems: arrayOf(CartItemViewCodec, 1000),
  additionalCosts: AdditionalCostsCodec,
  attributes: jsonObject,
  firstSession: boolean,
  amount,
  /** label -> amount: a rule's name, or `name#position` for a per-item rule */
  discounts: recordOf(/^[\s\S]{1,300}$/, amount, 1_000_000),
} as const
