import type * as t from 'io-ts'
import { isoTimestamp, closed, tagged, text } from './codec-kit.ts'
import { CartItemsCodec, PositionQuantitiesCodec } from './cart-item.ts'
import { EffectsCodec, RollBacksCodec } from './effects.ts'
import { details as d, updatableDetails } from './session-details.ts'

/**
 * The eight events, each carrying `at`, the business time it happened. Events are facts: what was
 * decided (discounts granted, discounts rolled back) is written into them, so that an old log
 * replays to the same result after the rules changed.
 */
const at = { at: isoTimestamp }

/** The session's identity and details, except cart and state. @since 0.1.0 @category codecs */
export const CreatedCodec = closed(
  'Created',
  {
    ...at,
    integrationId: d.integrationId,
    applicationId: d.applicationId,
    profileId: d.profileId,
    currency: d.currency,
    couponCodes: d.couponCodes,
    loyaltyCards: d.loyaltyCards,
    identifiers: d.identifiers,
    attributes: d.attributes,
    additionalCosts: d.additionalCosts,
    firstSession: d.firstSession,
  },
  { id: d.id, storeIntegrationId: d.storeIntegrationId, referralCode: d.referralCode },
)
/** The codec of `ItemsAdded`. @since 0.1.0 @category codecs */
export const ItemsAddedCodec = closed('ItemsAdded', { ...at, cartItems: CartItemsCodec })
/** The codec of `ItemsRemoved`. @since 0.1.0 @category codecs */
export const ItemsRemovedCodec = closed('ItemsRemoved', { ...at, items: PositionQuantitiesCodec })
/** The changed details only; an empty string or list clears. @since 0.1.0 @category codecs */
export const UpdatedCodec = closed('Updated', at, updatableDetails)
/** The codec of `Closed`. @since 0.1.0 @category codecs */
export const ClosedCodec = closed('Closed', { ...at, effects: EffectsCodec })
/** The codec of `Reopened`. @since 0.1.0 @category codecs */
export const ReopenedCodec = closed('Reopened', { ...at, rolledBack: RollBacksCodec })
/** The codec of `ItemsReturned`. @since 0.1.0 @category codecs */
export const ItemsReturnedCodec = closed('ItemsReturned', {
  ...at,
  returnId: text(1, 200),
  items: PositionQuantitiesCodec,
  rolledBack: RollBacksCodec,
})
/** The codec of `Cancelled`. @since 0.1.0 @category codecs */
export const CancelledCodec = closed('Cancelled', { ...at, rolledBack: RollBacksCodec })

/**
 * The codec of each event type's `data`: the members of `SessionEventCodec`, and what the log
 * reader calls directly once it has read a line's `type`.
 * @since 0.1.0
 * @category codecs
 */
export const eventDataCodecs = {
  Created: CreatedCodec,
  ItemsAdded: ItemsAddedCodec,
  ItemsRemoved: ItemsRemovedCodec,
  Updated: UpdatedCodec,
  Closed: ClosedCodec,
  Reopened: ReopenedCodec,
  ItemsReturned: ItemsReturnedCodec,
  Cancelled: CancelledCodec,
}

/**
 * The shape of `data` these codecs describe, written into every recorded event's metadata: older
 * shapes are upcast on read (`src/log/upcasters.ts`).
 * @since 0.1.0
 * @category event logs
 */
export const currentSchemaVersion = 2

/**
 * Every event as `{ type, data }`: the single source of `SessionEvent`.
 * @since 0.1.0
 * @category codecs
 */
export const SessionEventCodec = tagged('SessionEvent', eventDataCodecs)

/** Every event, a union on `type`. @since 0.1.0 @category model */
export type SessionEvent = t.TypeOf<typeof SessionEventCodec>
/** The event types. @since 0.1.0 @category model */
export type SessionEventType = SessionEvent['type']
/** The event of one type. @since 0.1.0 @category model */
export type EventOf<K extends SessionEventType> = Extract<SessionEvent, { type: K }>
