import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../commands.ts'
import { canonical } from '../canonical.ts'
import type { EventOf } from '../events.ts'
import type { SessionState } from '../state.ts'
import { precisionOf } from '../money.ts'
import { checkCouponCount, checkNewCosts, uniqueCodes } from '../cart-rules.ts'
import type { Decision, Scene } from './context.ts'

type UpdatedData = EventOf<'Updated'>['data']

/**
 * `UpdateSession`: an omitted field keeps its value, an empty string or list clears it, a field sent
 * replaces the old value whole. `Updated` carries the changed details only; an update that changes
 * nothing decides no event.
 */
export const update = (scene: Scene, data: CommandOf<'UpdateSession'>['data']): Decision => {
  const { state } = scene
  const couponCodes = data.couponCodes === undefined ? undefined : uniqueCodes(data.couponCodes)
  const refused =
    (data.additionalCosts === undefined ? undefined : checkNewCosts(scene, data.additionalCosts, precisionOf(state.currency), 'UpdateSession.additionalCosts')) ??
    checkCouponCount(scene, couponCodes, 'UpdateSession.couponCodes')
  if (refused !== undefined) return refused
  const changed = changedDetails(state, { ...data, ...(couponCodes === undefined ? {} : { couponCodes }) })
  return E.right(Object.keys(changed).length > 0 ? [{ type: 'Updated', data: { at: scene.context.now, ...changed } }] : [])
}

type Details = Omit<UpdatedData, 'at'>

/**
 * The details sent that differ from the session's: an omitted field keeps its value, an empty
 * string clears a string field, and values are compared whatever the order of their keys. The
 * Talon.One adapter asks the same question of a request.
 * @since 0.1.0
 * @category decider
 */
export const changedDetails = (state: SessionState, sent: Details): Details => {
  const changed: Details = {}
  const set = <K extends keyof Details>(key: K, current: unknown) => {
    const value = sent[key]
    if (value === undefined || canonical(value) === canonical(current ?? (typeof value === 'string' ? '' : undefined))) return
    changed[key] = value
  }
  set('profileId', state.profileId)
  set('storeIntegrationId', state.storeIntegrationId)
  set('couponCodes', state.couponCodes)
  set('referralCode', state.referralCode)
  set('loyaltyCards', state.loyaltyCards)
  set('identifiers', state.identifiers)
  set('attributes', state.attributes)
  set('additionalCosts', state.additionalCosts)
  return changed
}
