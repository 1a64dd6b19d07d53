import * as E from 'fp-ts/lib/Either.js'
import type { PositionQuantity } from '../cart-item.ts'
import type { CommandOf } from '../commands.ts'
import { precisionOf } from '../money.ts'
import { checkAddedLines } from './checks.ts'
import { type Decision, refuse, type Scene, within } from './context.ts'

/** `AddItems`: appends lines (a SKU added twice is two lines). */
export const addItems = (scene: Scene, data: CommandOf<'AddItems'>['data']): Decision => {
  const { state } = scene
  const precision = precisionOf(state.currency)
  const checked = checkAddedLines(state.cartItems, data.cartItems, state.additionalCosts, precision, 'AddItems.cartItems')
  if (E.isLeft(checked)) return within(scene, checked.left)
  return E.right([{ type: 'ItemsAdded', data: { at: scene.context.now, cartItems: data.cartItems } }])
}

/**
 * Adds up entries for the same line, in order of position: every entry of one command addresses
 * the cart as it was before the command.
 */
export const mergeEntries = (entries: readonly PositionQuantity[]): PositionQuantity[] => {
  const byPosition = new Map<number, number>()
  for (const { position, quantity } of entries) byPosition.set(position, (byPosition.get(position) ?? 0) + quantity)
  return [...byPosition.entries()].sort((a, b) => a[0] - b[0]).map(([position, quantity]) => ({ position, quantity }))
}

/** `RemoveItems`: removing the last unit of a line removes the line. */
export const removeItems = (scene: Scene, data: CommandOf<'RemoveItems'>['data']): Decision => {
  const items = mergeEntries(data.items)
  for (const { position, quantity } of items) {
    const line = scene.state.cartItems[position]
    const path = `RemoveItems.items[${data.items.findIndex((e) => e.position === position)}]`
    if (line === undefined) {
      return refuse(scene, 'UnknownPosition', `${path}.position: no line at position ${position} (the cart has ${scene.state.cartItems.length})`, `${path}.position`)
    }
    if (quantity > line.quantity) {
      return refuse(scene, 'ValidationFailed', `${path}.quantity: removing ${quantity} units from a line of ${line.quantity}`, `${path}.quantity`)
    }
  }
  return E.right([{ type: 'ItemsRemoved', data: { at: scene.context.now, items } }])
}
