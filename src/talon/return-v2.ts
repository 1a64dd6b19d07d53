import * as E from 'fp-ts/lib/Either.js'
import { describeError } from '../domain/codec-kit.ts'
import type { CommandOf, ReturnEntry } from '../domain/commands.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionState } from '../domain/state.ts'
import { ReturnCartItemsRequestCodec, type ReturnCartItemsRequest, type ReturnedCartItem } from './talon-payloads.ts'

const action = 'returnCartItems'

/**
 * A "return cart items" body, decoded into a request cartfold owns (as `commandFromReturnRequest`
 * takes it), or why it is refused.
 */
export const decodeReturn = (payload: unknown): E.Either<SessionError, ReturnCartItemsRequest> => {
  const decoded = ReturnCartItemsRequestCodec.decode(payload)
  if (E.isRight(decoded)) return decoded
  const { path, message } = describeError(decoded.left)
  return E.left(sessionError('ValidationFailed', `${action} refused: ${message}`, { action, path }))
}

/**
 * The units a returned item without `quantity` stands for: what remains of its line. A line that
 * cannot be found (a position not in the cart, a sku on no line or on several) or has nothing left
 * is given one unit, so that `decide` refuses the entry as it refuses the same entry with a
 * quantity (`UnknownPosition`, `ValidationFailed`, `ReturnExceedsRemaining`).
 */
const wholeLine = (item: ReturnedCartItem, state: SessionState): ReturnEntry => {
  if ('quantity' in item) return item
  const lines = 'sku' in item ? state.cartItems.filter((line) => line.sku === item.sku) : [state.cartItems[item.position]]
  const line = lines.length === 1 ? lines[0] : undefined
  return { ...item, quantity: line === undefined ? 1 : Math.max(1, line.quantity - line.returnedQuantity) }
}

/**
 * The `ReturnItems` command for a decoded "return cart items" request. An item without `quantity`
 * returns what remains of its line in `state`; without a state, such an item is refused.
 */
export const commandFromReturnRequest = (
  request: ReturnCartItemsRequest,
  returnId?: string,
  state?: SessionState,
): E.Either<SessionError, CommandOf<'ReturnItems'>> => {
  const items: ReturnEntry[] = []
  for (const [i, item] of request.return.returnedCartItems.entries()) {
    if (state !== undefined) items.push(wholeLine(item, state))
    else if ('quantity' in item) items.push(item)
    else {
      const path = `return.returnedCartItems[${i}].quantity`
      return E.left(sessionError('ValidationFailed', `${action} refused: ${path}: required when no session state is given (an item without quantity returns what remains of its line)`, { action, path }))
    }
  }
  return E.right({ type: 'ReturnItems', data: { items, ...(returnId === undefined ? {} : { returnId }) } })
}

/**
 * The `ReturnItems` command for a Talon.One "return cart items" request. `returnId` (an
 * idempotency key) makes a retried request a no-op instead of a second return. An item sent
 * without `quantity` returns what remains of its line in `state`; without a state, such an item is
 * refused.
 * @since 0.1.0
 * @category adapter
 */
export const commandFromReturn = (
  payload: unknown,
  returnId?: string,
  state?: SessionState,
): E.Either<SessionError, CommandOf<'ReturnItems'>> => E.flatMap(decodeReturn(payload), (request) => commandFromReturnRequest(request, returnId, state))
