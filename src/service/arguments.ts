import * as E from 'fp-ts/lib/Either.js'
import { describeError } from '../domain/codec-kit.ts'
import { SessionCommandCodec, type SessionCommand } from '../domain/commands.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import { show } from '../domain/money.ts'
import type { ExpectedStreamVersion } from '../store/event-store.ts'
import { isExpectedStreamVersion } from '../store/expected-version.ts'

// The service's edge: what a caller passes is decoded when the call is made, into values the
// service owns. Inside, the service trusts them.

/** The options of `execute`, `executeAll` and `executeFrom`. @since 0.1.0 @category service */
export interface ExecuteOptions {
  /** checked against the stream's version before deciding; a mismatch is not retried */
  readonly expectedStreamVersion?: ExpectedStreamVersion
  /** decide and project, store nothing */
  readonly dry?: boolean
}

/** A non-null object that is not an array. */
export const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

export const invalid = (message: string, path: string, action: string): E.Left<SessionError> =>
  E.left(sessionError('ValidationFailed', message, { path, action })) as E.Left<SessionError>

export const decodeIntegrationId = (action: string, u: unknown): E.Either<SessionError, string> =>
  typeof u === 'string' && u.length > 0 && u.length <= 1000
    ? E.right(u)
    : invalid(`${action} refused: integrationId: expected a string of 1..1000 characters, got ${typeof u === 'string' ? `${u.length} characters` : typeof u}`, 'integrationId', action)

/** The options, read once into an object of the service's own: what was checked is what is used. */
export const decodeOptions = (action: string, u: unknown): E.Either<SessionError, ExecuteOptions> => {
  if (u === undefined) return E.right({})
  if (!isObject(u)) return invalid(`${action} refused: options: expected an object`, 'options', action)
  const { expectedStreamVersion, dry } = u
  if (expectedStreamVersion !== undefined && !isExpectedStreamVersion(expectedStreamVersion)) {
    return invalid(`${action} refused: options.expectedStreamVersion: expected an integer >= 0, 'no_stream', 'stream_exists' or 'any', got ${show(expectedStreamVersion)}`, 'options.expectedStreamVersion', action)
  }
  if (dry !== undefined && typeof dry !== 'boolean') {
    return invalid(`${action} refused: options.dry: expected a boolean, got ${typeof dry}`, 'options.dry', action)
  }
  return E.right({ ...(expectedStreamVersion === undefined ? {} : { expectedStreamVersion }), ...(dry === undefined ? {} : { dry }) })
}

/** One command, decoded into a fresh value; a create must name the session it is executed on. */
const decodeCommand = (action: string, integrationId: string, u: unknown): E.Either<SessionError, SessionCommand> => {
  const decoded = SessionCommandCodec.decode(u)
  if (E.isLeft(decoded)) {
    const { path, message } = describeError(decoded.left)
    return E.left(sessionError('ValidationFailed', `${action} on session ${JSON.stringify(integrationId)} refused: ${message}`, { sessionId: integrationId, action, path }))
  }
  const command = decoded.right
  if (command.type === 'CreateSession' && command.data.integrationId !== integrationId) {
    return invalid(
      `${action} refused: CreateSession.integrationId ${JSON.stringify(command.data.integrationId)} is not the session executed, ${JSON.stringify(integrationId)}`,
      'CreateSession.integrationId',
      action,
    )
  }
  return E.right(command)
}

/** Commands, decoded in order; the first that cannot be refuses them all. */
export const decodeCommands = (action: string, integrationId: string, commands: ReadonlyArray<unknown>): E.Either<SessionError, SessionCommand[]> => {
  const decoded: SessionCommand[] = []
  for (const u of commands) {
    const command = decodeCommand(action, integrationId, u)
    if (E.isLeft(command)) return command
    decoded.push(command.right)
  }
  return E.right(decoded)
}

/** `executeAll`'s list: a non-empty array (its commands are decoded at once). */
export const decodeCommandList = (u: unknown): E.Either<SessionError, ReadonlyArray<unknown>> =>
  Array.isArray(u) && u.length > 0
    ? E.right(u)
    : invalid('executeAll refused: commands: expected a non-empty array of commands', 'commands', 'executeAll')
