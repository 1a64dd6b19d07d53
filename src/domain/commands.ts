import * as t from 'io-ts'
import { arrayOf, closed, fromValidate, integer, isPlainObject, oneOf, tagged, text } from './codec-kit.ts'
import { CartItemsCodec, NonEmptyCartItemsCodec, PositionQuantitiesCodec } from './cart-item.ts'
import { show } from './messages.ts'
import { details as d, updatableDetails } from './session-details.ts'

/** The codec of `CreateSession`. @since 0.1.0 @category codecs */
export const CreateSessionCodec = closed(
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

const ByPosition = closed('ReturnByPosition', { position: integer(0), quantity: integer(1) })
const BySku = closed('ReturnBySku', { sku: text(1, 1000), quantity: integer(1) })

/**
 * A return entry names its line by `position` or by `sku`, never both: dispatched on which of
 * the two it has, so that a refusal names the field at fault.
 * @since 0.1.0
 * @category codecs
 */
export const ReturnEntryCodec = fromValidate<t.TypeOf<typeof ByPosition> | t.TypeOf<typeof BySku>>('ReturnEntry', (u, c) => {
  if (!isPlainObject(u)) return t.failure(u, c, `expected an object { position | sku, quantity }, got ${show(u)}`)
  const hasPosition = u.position !== undefined
  const hasSku = u.sku !== undefined
  if (hasPosition === hasSku) return t.failure(u, c, hasSku ? 'expected either position or sku, got both' : 'expected a position or a sku')
  return hasSku ? BySku.validate(u, c) : ByPosition.validate(u, c)
})
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
  AddItems: closed('AddItems', { cartItems: NonEmptyCartItemsCodec }),
  RemoveItems: closed('RemoveItems', { items: PositionQuantitiesCodec }),
  UpdateSession: closed('UpdateSession', none, updatableDetails),
  CloseSession: closed('CloseSession', none),
  ReopenSession: closed('ReopenSession', none),
  ReturnItems: closed('ReturnItems', { items: arrayOf(ReturnEntryCodec, 100_000, 1) }, { returnId: text(1, 200) }),
  CancelSession: closed('CancelSession', none),
})

/** Every command, a union on `type`. @since 0.1.0 @category model */
export type SessionCommand = t.TypeOf<typeof SessionCommandCodec>
/** The command types. @since 0.1.0 @category model */
export type SessionCommandType = SessionCommand['type']
/** The command of one type. @since 0.1.0 @category model */
export type CommandOf<K extends SessionCommandType> = Extract<SessionCommand, { type: K }>
