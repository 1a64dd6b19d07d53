import * as E from 'fp-ts/lib/Either.js'
import { checkAddedLines, checkRemovals, mergeEntries } from '../cart-rules.ts'
import type { CommandOf } from '../commands.ts'
import { precisionOf } from '../money.ts'
import type { Decision, Scene } from './context.ts'

/** `AddItems`: appends lines (a SKU added twice is two lines). */
export const addItems = (scene: Scene, data: CommandOf<'AddItems'>['data']): Decision =>
  checkAddedLines(scene, data.cartItems, precisionOf(scene.state.currency), 'AddItems.cartItems') ??
  E.right([{ type: 'ItemsAdded', data: { at: scene.context.now, cartItems: data.cartItems } }])

/** `RemoveItems`: removing the last unit of a line removes the line. */
export const removeItems = (scene: Scene, data: CommandOf<'RemoveItems'>['data']): Decision =>
  checkRemovals(scene, data.items, 'RemoveItems.items') ??
  E.right([{ type: 'ItemsRemoved', data: { at: scene.context.now, items: mergeEntries(data.items) } }])
