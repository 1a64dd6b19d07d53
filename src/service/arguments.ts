import * as E from 'fp-ts/lib/Either.js'
import { describeError } from '../domain/codec-kit.ts'
import { SessionCommandCodec } from '../domain/commands.ts'
import { describeThrown } from '../domain/describe-thrown.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import { show } from '../domain/money.ts'
import type { ExpectedStreamVersion } from '../store/event-store.ts'
import { isExpectedStreamVersion } from '../store/expected-version.ts'

/** The options of `execute` and `executeAll`. @since 0.1.0 @category service */
export interface ExecuteOptions {
  /** checked against the stream's version before deciding; a mismatch is not retried */
  readonly expectedStreamVersion?: ExpectedStreamVersion
  /** decide and project, store nothing */
  readonly dry?: boolean
}

/** A non-null object that is not an array: what a command, its data or the options must be. */
export const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

export const invalid = (message: string, path: string, action = 'execute'): E.Either<SessionError, never> =>
  E.left(sessionError('ValidationFailed', message, { path, action }))

/**
 * Bad arguments to `execute` or `executeAll`, before any command is read. The options are read
 * once, into an object of the service's own: what was checked is what is used.
 */
export const checkArguments = (action: string, integrationId: unknown, options: unknown): E.Either<SessionError, ExecuteOptions> => {
  if (typeof integrationId !== 'string' || integrationId.length === 0 || integrationId.length > 1000) {
    return invalid(`${action} refused: integrationId: expected a string of 1..1000 characters, got ${typeof integrationId === 'string' ? `${integrationId.length} characters` : typeof integrationId}`, 'integrationId', action)
  }
  if (options === undefined) return E.right({})
  try {
    if (!isObject(options)) return invalid(`${action} refused: options: expected an object`, 'options', action)
    const { expectedStreamVersion, dry } = options
    if (expectedStreamVersion !== undefined && !isExpectedStreamVersion(expectedStreamVersion)) {
      return invalid(`${action} refused: options.expectedStreamVersion: expected an integer >= 0, 'no_stream', 'stream_exists' or 'any', got ${show(expectedStreamVersion)}`, 'options.expectedStreamVersion', action)
    }
    if (dry !== undefined && typeof dry !== 'boolean') {
      return invalid(`${action} refused: options.dry: expected a boolean, got ${typeof dry}`, 'options.dry', action)
    }
    return E.right({ ...(expectedStreamVersion === undefined ? {} : { expectedStreamVersion }), ...(dry === undefined ? {} : { dry }) })
  } catch (cause) {
    // Reading a hostile value (a getter that throws, a revoked proxy) is refused, not propagated.
    return invalid(`${action} refused: options: could not be read: ${describeThrown(cause)}`, 'options', action)
  }
}

export const isCreate = (command: unknown): command is Record<string, unknown> & { data: unknown } =>
  isObject(command) && command.type === 'CreateSession'

/** A create must name the session it is executed on. */
export const checkCreates = (action: string, integrationId: string, commands: ReadonlyArray<unknown>): E.Either<SessionError, boolean> => {
  let creates = false
  let i = 0
  try {
    for (; i < commands.length; i++) {
      const command = commands[i]
      if (!isCreate(command)) continue
      creates = true
      const named = isObject(command.data) ? command.data.integrationId : undefined
      if (typeof named === 'string' && named !== integrationId) {
        return invalid(
          `${action} refused: CreateSession.integrationId ${JSON.stringify(named)} is not the session executed, ${JSON.stringify(integrationId)}`,
          'CreateSession.integrationId',
          action,
        )
      }
    }
    return E.right(creates)
  } catch (cause) {
    // As `decide` does: a command that cannot be read is refused, not propagated.
    const path = action === 'execute' ? 'command' : `commands[${i}]`
    return invalid(`${action} refused: ${path}: could not be read: ${describeThrown(cause)}`, path, action)
  }
}

/**
 * Validation comes before state: when the caller's expected version does not match, a malformed
 * command is still refused as such, and otherwise the answer names the commands.
 */
export const malformedOrTypes = (integrationId: string, commands: ReadonlyArray<unknown>): E.Either<SessionError, string> => {
  const types: string[] = []
  try {
    for (const command of commands) {
      const decoded = SessionCommandCodec.decode(command)
      if (E.isLeft(decoded)) {
        const { path, message } = describeError(decoded.left)
        return E.left(sessionError('ValidationFailed', `session ${JSON.stringify(integrationId)} refuses the command: ${message}`, { sessionId: integrationId, path }))
      }
      types.push(decoded.right.type)
    }
  } catch (cause) {
    // As `decide` does: a command that cannot be read is refused, not propagated.
    return E.left(sessionError('ValidationFailed', `session ${JSON.stringify(integrationId)} refuses the command: it could not be read: ${describeThrown(cause)}`, { sessionId: integrationId }))
  }
  return E.right(types.join(', '))
}
