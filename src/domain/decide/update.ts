import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../commands.ts'
import { canonical } from '../canonical.ts'
import type { EventOf } from '../events.ts'
import type { SessionState } from '../state.ts'
import { precisionOf } from '../money.ts'
import { maxCouponCodes } from '../session-details.ts'
import { checkNewCosts, uniqueCodes } from './checks.ts'
import { type Decision, refuse, type Scene, within } from './context.ts'

type UpdatedData = EventOf<'Updated'>['data']

/**
 * `UpdateSession`: an omitted field keeps its value, an empty string or list clears it, a field sent
 * replaces the old value whole. `Updated` carries the changed details only; an update that changes
 * nothing decides no event.
 */
export const update = (scene: Scene, data: CommandOf<'UpdateSession'>['data']): Decision => {
  const { state } = scene
  const precision = precisionOf(state.currency)
  if (data.additionalCosts !== undefined) {
    const checked = checkNewCosts(state.cartItems, data.additionalCosts, precision, 'UpdateSession.additionalCosts')
    if (E.isLeft(checked)) return within(scene, checked.left)
  }
  const couponCodes = data.couponCodes === undefined ? undefined : uniqueCodes(data.couponCodes)
  if (couponCodes !== undefined && couponCodes.length > maxCouponCodes) {
    return refuse(scene, 'ValidationFailed', `UpdateSession.couponCodes: ${couponCodes.length} distinct codes, at most ${maxCouponCodes} are allowed`, 'UpdateSession.couponCodes')
  }
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
