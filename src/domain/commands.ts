import * as t from 'io-ts'
import { codec, integer, oneOf, struct, tagged, text, invalid } from './codec-kit.ts'
import { CartItemsCodec, NonEmptyCartItemsCodec, PositionQuantitiesCodec } from './cart-item.ts'
import { arrayOf } from './codec-kit.ts'
import { details as d, updatableDetails } from './session-details.ts'

/** The codec of `CreateSession`. @since 0.1.0 @category codecs */
export const CreateSessionCodec = struct(
  'CreateSession',
  { integrationId: d.integrationId, applicationId: d.applicationId },
  {
    id: d.id,
    profileId: d.profileId,
    storeIntegrationId: d.storeIntegrationId,
    currency: d.currency,
    couponCodes: d.couponCodes,
    referralCode: d.referralCode,
    loyaltyCards: d.loyaltyCards,
    identifiers: d.identifiers,
    attributes: d.attributes,
    additionalCosts: d.additionalCosts,
    cartItems: CartItemsCodec,
    state: oneOf('open', 'closed'),
    firstSession: d.firstSession,
  },
)

const ByPosition = struct('ReturnByPosition', { position: integer(0), quantity: integer(1) })
const BySku = struct('ReturnBySku', { sku: text(1, 1000), quantity: integer(1) })

/**
 * A return entry names its line by `position` or by `sku`, never both.
 * @since 0.1.0
 * @category codecs
 */
export const ReturnEntryCodec = codec<t.TypeOf<typeof ByPosition> | t.TypeOf<typeof BySku>>(
  'ReturnEntry',
  (u, c) => {
    const o = (typeof u === 'object' && u !== null ? u : {}) as Record<string, unknown>
    const hasPosition = o.position !== undefined
    const hasSku = o.sku !== undefined
    if (hasPosition && hasSku) return t.failure(u, c, 'expected either position or sku, got both')
    if (!hasPosition && !hasSku) {
      return typeof u === 'object' && u !== null && !Array.isArray(u)
        ? t.failure(u, c, 'expected a position or a sku')
        : t.failure(u, c, 'expected an object { position | sku, quantity }')
    }
    return hasSku ? BySku.validate(u, c) : ByPosition.validate(u, c)
  },
  (u, copy) => {
    if (typeof u !== 'object' || u === null) return invalid
    const hasPosition = (u as Record<string, unknown>).position !== undefined
    const hasSku = (u as Record<string, unknown>).sku !== undefined
    if (hasPosition === hasSku) return invalid
    return hasSku ? BySku.check(u, copy) : ByPosition.check(u, copy)
  },
)
/** One entry of a return: a line by position or by SKU, and a quantity. @since 0.1.0 @category model */
export type ReturnEntry = t.TypeOf<typeof ReturnEntryCodec>

const none = {}

/**
 * Every command as `{ type, data }`: the single source of `SessionCommand`.
 * @since 0.1.0
 * @category codecs
 */
export const SessionCommandCodec = tagged('SessionCommand', {
  CreateSession: CreateSessionCodec,
  AddItems: struct('AddItems', { cartItems: NonEmptyCartItemsCodec }),
  RemoveItems: struct('RemoveItems', { items: PositionQuantitiesCodec }),
  UpdateSession: struct('UpdateSession', none, updatableDetails),
  CloseSession: struct('CloseSession', none),
  ReopenSession: struct('ReopenSession', none),
  ReturnItems: struct('ReturnItems', { items: arrayOf(ReturnEntryCodec, 100_000, 1) }, { returnId: text(1, 200) }),
  CancelSession: struct('CancelSession', none),
})

/** Every command, a union on `type`. @since 0.1.0 @category model */
export type SessionCommand = t.TypeOf<typeof SessionCommandCodec>
/** The command types. @since 0.1.0 @category model */
export type SessionCommandType = SessionCommand['type']
/** The command of one type. @since 0.1.0 @category model */
export type CommandOf<K extends SessionCommandType> = Extract<SessionCommand, { type: K }>
