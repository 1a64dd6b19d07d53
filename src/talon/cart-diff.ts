import { canonical } from '../domain/canonical.ts'
import type { CartItem, PositionQuantity } from '../domain/cart-item.ts'

/** A line's identity for the diff: everything but its quantities. */
const identityOf = ({ quantity: _q, returnedQuantity: _r, ...rest }: CartItem & { returnedQuantity?: number }): string => canonical(rest)

/** How to turn one cart into another with `RemoveItems` then `AddItems`. */
export interface CartDiff {
  /** entries addressing the current cart, as `RemoveItems` takes them */
  readonly remove: PositionQuantity[]
  /** lines to append after the removal */
  readonly add: CartItem[]
}

/**
 * The edit from the current lines to the sent ones. Lines can only be appended or shrunk (by
 * removing units), so the new cart is a kept subsequence of the current lines followed by
 * appended ones, and the kept part must be a prefix of the sent cart. The diff keeps the longest
 * such prefix, matching each sent line to the earliest current line after the previous match that
 * is identical but for a quantity at least as large (greedy earliest matching is optimal for a
 * prefix); it removes every other current line, shrinks kept lines to the sent quantity, and
 * appends the rest of the sent cart. Keeping the longest prefix minimises both the lines removed
 * and the lines added. A line whose quantity grows cannot be kept: it and every line after it are
 * removed and sent again.
 */
export const cartDiff = (current: ReadonlyArray<CartItem & { returnedQuantity?: number }>, sent: readonly CartItem[]): CartDiff => {
  const currentIds = current.map(identityOf)
  const keptQuantity = new Map<number, number>()
  let from = 0
  let matched = 0
  for (; matched < sent.length; matched++) {
    const line = sent[matched]!
    const id = identityOf(line)
    let found = -1
    for (let p = from; p < current.length && found < 0; p++) {
      if (currentIds[p] === id && current[p]!.quantity >= line.quantity) found = p
    }
    if (found < 0) break
    keptQuantity.set(found, line.quantity)
    from = found + 1
  }
  const remove: PositionQuantity[] = []
  current.forEach((line, position) => {
    const quantity = line.quantity - (keptQuantity.get(position) ?? 0)
    if (quantity > 0) remove.push({ position, quantity })
  })
  return { remove, add: sent.slice(matched) }
}
