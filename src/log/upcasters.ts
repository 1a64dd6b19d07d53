import type * as t from 'io-ts'
import { type Codec, isoTimestamp, nonNegative, closed, text } from '../domain/codec-kit.ts'
import type { EventOf, SessionEventType } from '../domain/events.ts'
import { details as d } from '../domain/session-details.ts'

/**
 * Older event shapes, upcast on read: a log is history and is never rewritten; what readers get
 * is always the current shape. An upcaster decodes the old shape with its own closed codec (so
 * errors name the old fields) and maps it, purely, to the next version's `data`.
 */

/**
 * Version 1, in the style of Talon.One's V1 `CustomerSession`: a single `coupon` and `referral`
 * instead of `couponCodes` / `referralCode`, no loyalty cards or additional costs, and a `total`
 * the client supplied (ignored: totals are always computed from the cart).
 * @since 0.1.0
 * @category event logs
 */
export const CreatedV1Codec = closed(
  'Created',
  {
    at: isoTimestamp,
    integrationId: d.integrationId,
    applicationId: d.applicationId,
    profileId: d.profileId,
    currency: d.currency,
    attributes: d.attributes,
    firstSession: d.firstSession,
  },
  {
    id: d.id,
    storeIntegrationId: d.storeIntegrationId,
    coupon: text(0, 100),
    referral: text(0, 100),
    identifiers: d.identifiers,
    total: nonNegative,
  },
)

/** The codec of a version-1 `Updated` (one `coupon`, one `referral`). @since 0.1.0 @category event logs */
export const UpdatedV1Codec = closed(
  'Updated',
  { at: isoTimestamp },
  {
    profileId: d.profileId,
    storeIntegrationId: text(0, 1000),
    coupon: text(0, 100),
    referral: text(0, 100),
    identifiers: d.identifiers,
    attributes: d.attributes,
    total: nonNegative,
  },
)

/**
 * V1 `Created` -> V2: the coupon becomes the only coupon code, the referral the referral code
 * (an empty string is none); `total` is dropped.
 * @since 0.1.0
 * @category event logs
 */
export const upcastCreatedV1 = (v1: t.TypeOf<typeof CreatedV1Codec>): EventOf<'Created'>['data'] => ({
  at: v1.at,
  ...(v1.id === undefined ? {} : { id: v1.id }),
  integrationId: v1.integrationId,
  applicationId: v1.applicationId,
  profileId: v1.profileId,
  ...(v1.storeIntegrationId === undefined ? {} : { storeIntegrationId: v1.storeIntegrationId }),
  currency: v1.currency,
  couponCodes: v1.coupon === undefined || v1.coupon === '' ? [] : [v1.coupon],
  ...(v1.referral === undefined || v1.referral === '' ? {} : { referralCode: v1.referral }),
  loyaltyCards: [],
  identifiers: v1.identifiers ?? [],
  attributes: v1.attributes,
  additionalCosts: {},
  firstSession: v1.firstSession,
})

/**
 * V1 `Updated` -> V2: `coupon` replaces the coupon codes with that one code and `coupon: ""`
 * clears them; `referral` sets (or, empty, clears) the referral code; `total` is dropped.
 * @since 0.1.0
 * @category event logs
 */
export const upcastUpdatedV1 = (v1: t.TypeOf<typeof UpdatedV1Codec>): EventOf<'Updated'>['data'] => ({
  at: v1.at,
  ...(v1.profileId === undefined ? {} : { profileId: v1.profileId }),
  ...(v1.storeIntegrationId === undefined ? {} : { storeIntegrationId: v1.storeIntegrationId }),
  ...(v1.coupon === undefined ? {} : { couponCodes: v1.coupon === '' ? [] : [v1.coupon] }),
  ...(v1.referral === undefined ? {} : { referralCode: v1.referral }),
  ...(v1.identifiers === undefined ? {} : { identifiers: v1.identifiers }),
  ...(v1.attributes === undefined ? {} : { attributes: v1.attributes }),
})

/**
 * An upcaster from one version of an event's `data` to the next.
 * @since 0.1.0
 * @category event logs
 */
export interface Upcaster<A = any> {
  readonly codec: Codec<A>
  /** the next version's `data`, from a `data` the codec accepted */
  readonly up: (data: A) => unknown
}

const upcaster = <A>(codec: Codec<A>, up: (data: A) => unknown): Upcaster => ({ codec, up })

/**
 * `upcasters[v][type]` lifts a version-`v` event of that type to version `v + 1`. A type absent
 * from a version did not change shape in the next one.
 * @since 0.1.0
 * @category event logs
 */
export const upcasters: Readonly<Record<number, Partial<Record<SessionEventType, Upcaster>>>> = {
  1: {
    Created: upcaster(CreatedV1Codec, upcastCreatedV1),
    Updated: upcaster(UpdatedV1Codec, upcastUpdatedV1),
  },
}
