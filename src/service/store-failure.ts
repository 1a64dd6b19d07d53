import * as E from 'fp-ts/lib/Either.js'
import { storeFailedMessage } from '../domain/messages.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'

/** A store call that rejected (a lost connection, a server down), as an error value. */
export const storeUnavailable = (what: string, cause: unknown, sessionId?: string): SessionError =>
  sessionError('StoreUnavailable', storeFailedMessage(what, cause), sessionId === undefined ? {} : { sessionId })

/** Runs a store call; a rejection becomes `StoreUnavailable`, so nothing rejects past the service. */
export const fromStore = async <A>(what: string, call: () => Promise<A>, sessionId?: string): Promise<E.Either<SessionError, A>> => {
  try {
    return E.right(await call())
  } catch (cause) {
    return E.left(storeUnavailable(what, cause, sessionId))
  }
}
