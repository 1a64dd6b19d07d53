import * as E from 'fp-ts/lib/Either.js'
import { describeError } from '../domain/codec-kit.ts'
import type { CommandOf } from '../domain/commands.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import { ReturnCartItemsRequestCodec } from './talon-payloads.ts'

/**
 * The `ReturnItems` command for a Talon.One "return cart items" request. `returnId` (an
 * idempotency key) makes a retried request a no-op instead of a second return.
 * @since 0.1.0
 * @category adapter
 */
export const commandFromReturn = (payload: unknown, returnId?: string): E.Either<SessionError, CommandOf<'ReturnItems'>> => {
  const decoded = ReturnCartItemsRequestCodec.decode(payload)
  if (E.isLeft(decoded)) {
    const { path, message } = describeError(decoded.left)
    return E.left(sessionError('ValidationFailed', `returnCartItems refused: ${message}`, { action: 'returnCartItems', path }))
  }
  return E.right({
    type: 'ReturnItems',
    data: { items: decoded.right.return.returnedCartItems, ...(returnId === undefined ? {} : { returnId }) },
  })
}
