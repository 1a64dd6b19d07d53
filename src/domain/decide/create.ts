import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../commands.ts'
import { tryEvaluatePolicy } from '../discounts.ts'
import type { EventOf, SessionEvent } from '../events.ts'
import { fold } from '../evolve.ts'
import { isCurrency, precisionOf } from '../money.ts'
import { checkAddedLines, checkCosts, checkCouponCount, uniqueCodes } from '../cart-rules.ts'
import { refuse, within } from '../refusal.ts'
import { costsOf } from '../totals.ts'
import type { Decision, Scene } from './context.ts'

/**
 * `CreateSession`: `Created`, then `ItemsAdded` when it carries lines, then `Closed` when it
 * creates a legacy order (`state: 'closed'`).
 */
export const create = (scene: Scene, data: CommandOf<'CreateSession'>['data']): Decision => {
  const s = { ...scene, integrationId: data.integrationId }
  const currency = data.currency ?? scene.context.currency ?? 'USD'
  if (!isCurrency(currency)) {
    const path = data.currency === undefined ? 'context.currency' : 'CreateSession.currency'
    return refuse(s, 'ValidationFailed', `${path}: ${JSON.stringify(currency)} is not an ISO 4217 currency`, path)
  }
  const precision = precisionOf(currency)
  const couponCodes = uniqueCodes(data.couponCodes ?? [])
  const cartItems = data.cartItems ?? []
  const additionalCosts = data.additionalCosts ?? {}
  const refused =
    checkCouponCount(s, couponCodes, 'CreateSession.couponCodes') ??
    checkCosts(s, additionalCosts, precision, 'CreateSession.additionalCosts') ??
    checkAddedLines(s, cartItems, precision, 'CreateSession.cartItems', costsOf(additionalCosts, precision))
  if (refused !== undefined) return refused

  const profileId = data.profileId ?? ''
  const created: EventOf<'Created'> = {
    type: 'Created',
    data: {
      at: scene.context.now,
      ...(data.id === undefined ? {} : { id: data.id }),
      integrationId: data.integrationId,
      applicationId: data.applicationId,
      profileId,
      ...(data.storeIntegrationId === undefined ? {} : { storeIntegrationId: data.storeIntegrationId }),
      currency,
      couponCodes,
      ...(data.referralCode === undefined ? {} : { referralCode: data.referralCode }),
      loyaltyCards: data.loyaltyCards ?? [],
      identifiers: data.identifiers ?? [],
      attributes: data.attributes ?? {},
      additionalCosts,
      // An anonymous session is always a first session; a pure decide takes false for a named
      // profile unless told (the session service computes it from its profile read model).
      firstSession: profileId === '' || (data.firstSession ?? false),
    },
  }
  const events: SessionEvent[] = [created]
  if (cartItems.length > 0) events.push({ type: 'ItemsAdded', data: { at: scene.context.now, cartItems } })
  if (data.state === 'closed') {
    const effects = tryEvaluatePolicy(fold(events, scene.state), scene.context.policy)
    if (E.isLeft(effects)) return within(s, effects.left)
    events.push({ type: 'Closed', data: { at: scene.context.now, effects: effects.right } })
  }
  return E.right(events)
}
