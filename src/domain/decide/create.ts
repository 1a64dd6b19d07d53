import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../commands.ts'
import { tryEvaluatePolicy } from '../discounts.ts'
import type { EventOf, SessionEvent } from '../events.ts'
import { fold } from '../evolve.ts'
import { isCurrency, precisionOf } from '../money.ts'
import { maxCouponCodes } from '../session-details.ts'
import { checkAddedLines, checkCosts, uniqueCodes } from './checks.ts'
import { type Decision, refuse, type Scene, within } from './context.ts'

/**
 * `CreateSession`: `Created`, then `ItemsAdded` when it carries lines, then `Closed` when it
 * creates a legacy order (`state: 'closed'`).
 */
export const create = (scene: Scene, data: CommandOf<'CreateSession'>['data']): Decision => {
  const s = { ...scene, context: { ...scene.context, integrationId: data.integrationId } }
  const currency = data.currency ?? scene.context.currency ?? 'USD'
  if (!isCurrency(currency)) {
    return refuse(s, 'ValidationFailed', `CreateSession.currency: ${JSON.stringify(currency)} is not an ISO 4217 currency`, 'CreateSession.currency')
  }
  const precision = precisionOf(currency)
  const couponCodes = uniqueCodes(data.couponCodes ?? [])
  if (couponCodes.length > maxCouponCodes) {
    return refuse(s, 'ValidationFailed', `CreateSession.couponCodes: ${couponCodes.length} distinct codes, at most ${maxCouponCodes} are allowed`, 'CreateSession.couponCodes')
  }
  const cartItems = data.cartItems ?? []
  const additionalCosts = data.additionalCosts ?? {}
  const costs = checkCosts(additionalCosts, precision, 'CreateSession.additionalCosts')
  if (E.isLeft(costs)) return within(s, costs.left)
  const lines = checkAddedLines([], cartItems, additionalCosts, precision, 'CreateSession.cartItems')
  if (E.isLeft(lines)) return within(s, lines.left)

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
