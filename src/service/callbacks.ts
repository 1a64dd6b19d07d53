import * as E from 'fp-ts/lib/Either.js'
import { describeThrown } from '../domain/describe-thrown.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'

/** A throw from code the caller gave the service, tagged with the option it came from. */
class CallbackThrew {
  constructor(
    readonly callback: string,
    readonly thrown: unknown,
  ) {}
}

/**
 * `f` as the service calls it: a throw is tagged with `callback` (the option's name), so that the
 * guard of the public entry that was called can say what failed.
 */
export const named =
  <A extends unknown[], R>(callback: string, f: (...args: A) => R) =>
  (...args: A): R => {
    try {
      return f(...args)
    } catch (thrown) {
      throw new CallbackThrew(callback, thrown)
    }
  }

/**
 * The one guard of a public entry: a throw from the caller's code (see `named`) becomes
 * `CallbackFailed` naming it. Anything else thrown is a bug in cartfold, and is not hidden.
 */
export const guarded = async <A>(
  action: string,
  sessionId: string,
  run: () => Promise<E.Either<SessionError, A>>,
): Promise<E.Either<SessionError, A>> => {
  try {
    return await run()
  } catch (thrown) {
    if (!(thrown instanceof CallbackThrew)) throw thrown
    const message = `${action} on session ${JSON.stringify(sessionId)} failed: ${thrown.callback} threw: ${describeThrown(thrown.thrown)}`
    return E.left(sessionError('CallbackFailed', message, { sessionId, action, path: thrown.callback }))
  }
}
