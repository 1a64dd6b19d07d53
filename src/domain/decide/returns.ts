import * as E from 'fp-ts/lib/Either.js'
import type { PositionQuantity } from '../cart-item.ts'
import type { CommandOf } from '../commands.ts'
import type { SessionError } from '../errors.ts'
import { rollBackUnits } from '../rollbacks.ts'
import { checkReturns, mergeEntries } from '../cart-rules.ts'
import { refuse } from '../refusal.ts'
import type { Decision, Scene } from './context.ts'

/** The lines the entries name, by position or by SKU (which must match exactly one line). */
const resolveEntries = (scene: Scene, entries: CommandOf<'ReturnItems'>['data']['items']): E.Left<SessionError> | PositionQuantity[] => {
  const { state } = scene
  // SKU -> positions, once per command rather than a scan of the cart per entry, and only for a
  // command that names a line by SKU.
  let bySku: Map<string, number[]> | undefined
  const positionsOf = (sku: string): number[] => {
    if (bySku === undefined) {
      bySku = new Map()
      state.cartItems.forEach((line, position) => {
        const positions = bySku!.get(line.sku)
        if (positions === undefined) bySku!.set(line.sku, [position])
        else positions.push(position)
      })
    }
    return bySku.get(sku) ?? []
  }
  const resolved: PositionQuantity[] = []
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!
    const path = `ReturnItems.items[${i}]`
    if ('sku' in entry) {
      const matches = positionsOf(entry.sku)
      if (matches.length === 0) return refuse(scene, 'UnknownPosition', `${path}.sku: no line has SKU ${JSON.stringify(entry.sku)}`, `${path}.sku`)
      if (matches.length > 1) {
        return refuse(scene, 'ValidationFailed', `${path}.sku: SKU ${JSON.stringify(entry.sku)} names ${matches.length} lines (positions ${matches.join(', ')}); name one by position`, `${path}.sku`)
      }
      resolved.push({ position: matches[0]!, quantity: entry.quantity })
    } else {
      if (state.cartItems[entry.position] === undefined) {
        return refuse(scene, 'UnknownPosition', `${path}.position: no line at position ${entry.position} (the cart has ${state.cartItems.length})`, `${path}.position`)
      }
      resolved.push(entry)
    }
  }
  return resolved
}

/**
 * `ReturnItems`: entries name a line by position or by SKU (which must match exactly one line),
 * add up per line, and may not return more than remains. The same `returnId` with the same items
 * decides nothing (an idempotent retry, checked before what remains); with other items it is refused.
 * A return id not sent by the command (from `context.newId`, or numbered) is always a new one.
 */
export const returnItems = (scene: Scene, data: CommandOf<'ReturnItems'>['data']): Decision => {
  const { state } = scene
  const resolved = resolveEntries(scene, data.items)
  if (!Array.isArray(resolved)) return resolved
  const items = mergeEntries(resolved)
  const used = (id: string) => state.returns.some((r) => r.returnId === id)
  // Only a return id the command sent makes a repeat idempotent: an id made up here must be new.
  if (data.returnId !== undefined) {
    const earlier = state.returns.find((r) => r.returnId === data.returnId)
    if (earlier !== undefined) {
      return JSON.stringify(earlier.items) === JSON.stringify(items)
        ? E.right([])
        : refuse(scene, 'ValidationFailed', `ReturnItems.returnId: ${JSON.stringify(data.returnId)} was already used for other items`, 'ReturnItems.returnId')
    }
  }
  let returnId = data.returnId ?? scene.context.newId?.()
  if (returnId === undefined) {
    let n = state.returns.length + 1
    while (used(`return-${n}`)) n++
    returnId = `return-${n}`
  }
  if (typeof returnId !== 'string' || returnId.length === 0 || returnId.length > 200 || (data.returnId === undefined && used(returnId))) {
    return refuse(scene, 'ValidationFailed', `context.newId: expected a new string of 1..200 characters, got ${String(returnId)}`, 'context.newId')
  }
  const refused = checkReturns(scene, items, 'ReturnItems.items')
  if (refused !== undefined) return refused
  return E.right([
    { type: 'ItemsReturned', data: { at: scene.context.now, returnId, items, rolledBack: rollBackUnits(state, items) } },
  ])
}
