import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { AdditionalCostsCodec } from '../domain/cart-item.ts'
import { amount, arrayOf, boolean, type Codec, integer, isoTimestamp, jsonObject, oneOf, recordOf, closed, text } from '../domain/codec-kit.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { SessionStatus } from '../domain/state.ts'
import { CartItemViewCodec, toCartItemView } from './cart-item-view.ts'

/** A projection of a session that exists: the only kind a view can render. */
type ExistingProjection = SessionProjection & { state: SessionStatus }

/**
 * The views render sessions; a projection of no session (`state: 'none'`, e.g. a replayed stream
 * whose `Created` was rejected) has no Talon.One shape, so it is refused as `SessionNotFound`.
 */
const existing = (projection: SessionProjection, view: string): E.Either<SessionError, ExistingProjection> =>
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
const firstCoupon = (p: SessionProjection): string => p.couponCodes[0] ?? ''
/** domain.md section 7: a V1 shape's `referral`, `""` when there is none. */
const referralOf = (p: SessionProjection): string => p.referralCode ?? ''

/**
 * Every field a session view shows, by its wire name, with its codec (the wire types of the seeds'
 * tables). A view picks its fields from here, so that a field shared by several views is one codec.
 */
export const field = {
  id: integer(0),
  created: isoTimestamp,
  updated: isoTimestamp,
  integrationId: text(1, 1000),
  storeIntegrationId: text(1, 1000),
  applicationId: integer(1),
  profileId: text(0, 1000),
  profileintegrationid: text(0, 1000),
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
  total: amount,
  cartItemTotal: amount,
  additionalCostTotal: amount,
  totalDiscounts: amount,
  /** label -> amount: a rule's name, or `name#position` for a per-item rule */
  discounts: recordOf(text(1, 300), amount, 1_000_000),
}
type Field = typeof field
type FieldName = keyof Field
type Props = Record<string, Codec<any>>
type Renderers<P extends Props> = { readonly [K in keyof P]: (p: ExistingProjection) => t.TypeOf<P[K]> }

/** The fields a view computes; every other field is the projection's field of the same name. */
const derived = {
  profileintegrationid: (p) => p.profileId,
  coupon: firstCoupon,
  referral: referralOf,
  cartItems: (p) => p.cartItems.map(toCartItemView),
} satisfies Partial<Renderers<Field>>
type Direct = Exclude<FieldName, keyof typeof derived>
/** The projection read as a view's fields: the compiler checks each has the type of its codec. */
const direct = (p: ExistingProjection): { readonly [K in Direct]?: t.TypeOf<Field[K]> } => p

const pick = <K extends FieldName>(keys: readonly K[]): Pick<Field, K> => {
  const picked: Partial<Props> = {}
  for (const key of keys) picked[key] = field[key]
  return picked as Pick<Field, K>
}

/**
 * A Talon.One view of a session: its codec and its renderer, from its wire fields in the order of
 * its seed's table. That order is the order of a rendered view's keys, so of the columns of
 * `cartfold replay --view`. The `optional` fields may be absent: the renderer leaves one out when
 * the session does not set it. `own` replaces the shared codec and rendering of a field of the
 * same name (the management view's integer `profileId`).
 */
export const sessionView = <K extends FieldName, O extends K = never, P extends Props = {}>(
  name: string,
  fields: readonly K[],
  optional: readonly O[],
  own?: { readonly codecs: P; readonly render: Renderers<P> },
) => {
  const ownCodecs = own?.codecs ?? ({} as P)
  const shared = fields.filter((key): key is Exclude<K, O | keyof P> => !(optional as readonly K[]).includes(key) && !(key in ownCodecs))
  const codec = closed(name, { ...pick(shared), ...ownCodecs }, pick(optional))
  type View = t.TypeOf<typeof codec>
  const renderers: Partial<Record<string, (p: ExistingProjection) => unknown>> = { ...derived, ...own?.render }
  const render = (projection: SessionProjection): E.Either<SessionError, View> =>
    E.map((p: ExistingProjection): View => {
      const values: Partial<Record<string, unknown>> = direct(p)
      const view: Record<string, unknown> = {}
      for (const key of fields) {
        const value = renderers[key]?.(p) ?? values[key]
        if (value !== undefined) view[key] = value
      }
      return view as View
    })(existing(projection, name))
  return { codec, render }
}
