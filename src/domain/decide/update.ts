import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../commands.ts'
import type { EventOf } from '../events.ts'
import { precisionOf } from '../money.ts'
import { maxCouponCodes } from '../session-details.ts'
import { checkNewCosts, uniqueCodes } from './checks.ts'
import { type Decision, refuse, type Scene, within } from './context.ts'

type UpdatedData = EventOf<'Updated'>['data']
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

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
  const changed: UpdatedData = { at: scene.context.now }
  let any = false
  const set = <K extends Exclude<keyof UpdatedData, 'at'>>(key: K, value: UpdatedData[K] | undefined, current: unknown) => {
    if (value === undefined || same(value, current ?? (typeof value === 'string' ? '' : undefined))) return
    changed[key] = value
    any = true
  }
  set('profileId', data.profileId, state.profileId)
  set('storeIntegrationId', data.storeIntegrationId, state.storeIntegrationId)
  set('couponCodes', couponCodes, state.couponCodes)
  set('referralCode', data.referralCode, state.referralCode)
  set('loyaltyCards', data.loyaltyCards, state.loyaltyCards)
  set('identifiers', data.identifiers, state.identifiers)
  set('attributes', data.attributes, state.attributes)
  set('additionalCosts', data.additionalCosts, state.additionalCosts)
  return E.right(any ? [{ type: 'Updated', data: changed }] : [])
}
