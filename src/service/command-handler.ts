import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf, SessionCommand } from '../domain/commands.ts'
import { decideAll } from '../domain/decide/decide-all.ts'
import type { DecideContext } from '../domain/decide/context.ts'
import { describeThrown } from '../domain/describe-thrown.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { ProfileReadModel } from '../domain/profiles.ts'
import { initialState, type SessionState } from '../domain/state.ts'
import { deepFreeze } from '../store/deep-freeze.ts'
import { matchesExpected } from '../store/expected-version.ts'
import type { ExecuteOptions } from './arguments.ts'
import type { Projector } from './projector.ts'
import type { ExecuteResult } from './queries.ts'
import type { SessionReadModel } from './session-read-model.ts'
import type { SessionStore } from './session-store.ts'
import { fromStore } from './store-failure.ts'

/** The commands to decide on a session's state, or why there are none. */
export type Derive = (state: SessionState) => E.Either<SessionError, ReadonlyArray<SessionCommand>>

/** One call of the service, its input decoded. */
export interface CommandRequest {
  readonly action: string
  readonly integrationId: string
  /** worked out on the session's state; again after another writer's append */
  readonly derive: Derive
  readonly options: ExecuteOptions
  /** whether the commands may create the session: then they are numbered on a caught-up count */
  readonly creates: boolean
}

export interface HandlerParts {
  readonly store: SessionStore
  readonly sessions: SessionReadModel
  readonly profiles: ProfileReadModel
  readonly projector: Projector
  /** the decider's context, but for the time */
  readonly context: Omit<DecideContext, 'now' | 'integrationId'>
  /** the business time of the events decided now, ISO-8601 UTC */
  readonly now: () => string
  readonly maxRetries: number
  readonly resultOf: (events: ReadonlyArray<SessionEvent>, state: SessionState, nextExpectedStreamVersion: number) => ExecuteResult
  readonly warn: (message: string) => void
}

type Answer = E.Either<SessionError, ExecuteResult>
/** Decide again: the read models caught up with the store since the state was read. */
const again = Symbol('again')

/** One call's progress: whether the read models were caught up during it, how often it retried. */
interface Run {
  readonly parts: HandlerParts
  readonly request: CommandRequest
  fresh: boolean
  retries: number
}

interface Decided {
  readonly events: ReadonlyArray<SessionEvent>
  readonly state: SessionState
}

const current = (run: Run) => {
  const entry = run.parts.sessions.entry(run.request.integrationId)
  return { state: entry?.state ?? initialState, version: entry?.version ?? 0 }
}

const catchUp = async (run: Run): Promise<SessionError | undefined> => {
  run.fresh = true
  const { action, integrationId } = run.request
  const read = await fromStore(`${action} on session ${JSON.stringify(integrationId)} could not read the store`, run.parts.projector.catchUp, integrationId)
  return E.isLeft(read) ? read.left : undefined
}

const catchUpAndRetry = async (run: Run): Promise<Answer | typeof again> => {
  const failed = await catchUp(run)
  return failed === undefined ? again : E.left(failed)
}

/** The service numbers the session and works out `firstSession` from the profile read model. */
const identified = ({ sessions, profiles }: HandlerParts, command: SessionCommand): SessionCommand => {
  if (command.type !== 'CreateSession') return command
  const data = command.data
  const firstSession = data.firstSession ?? profiles.isFirstSession(data.profileId ?? '')
  return { type: 'CreateSession', data: { ...data, id: sessions.nextSessionId(), firstSession } } as CommandOf<'CreateSession'>
}

const decideOn = ({ parts, request }: Run, state: SessionState): E.Either<SessionError, Decided> => {
  const commands = request.derive(state)
  if (E.isLeft(commands)) return commands
  const context = { ...parts.context, now: parts.now(), integrationId: request.integrationId }
  // The events are answered and stored as they are: frozen, so that no one changes a recorded fact.
  return E.map((decided: Decided) => ({ ...decided, events: deepFreeze(decided.events) }))(decideAll(commands.right.map((command) => identified(parts, command)), state, context))
}

/** The caller expected another version: refused, naming the commands (validation comes first). */
const stale = ({ request }: Run, state: SessionState, version: number): Answer => {
  const commands = request.derive(state)
  if (E.isLeft(commands)) return commands
  const { integrationId, options } = request
  const expected = options.expectedStreamVersion!
  return E.left(
    sessionError('ConcurrencyConflict', `session ${JSON.stringify(integrationId)}: expected version ${String(expected)}, but it is at version ${version}`, {
      sessionId: integrationId,
      state: state.state,
      action: commands.right.map((command) => command.type).join(', '),
      expected,
      actual: version,
    }),
  )
}

/** Nothing to append, so no version check will catch a stale state: check it here. */
const confirm = async (run: Run, version: number, decided: E.Either<SessionError, Decided>): Promise<Answer | typeof again> => {
  if (!run.fresh) {
    const failed = await catchUp(run)
    if (failed !== undefined) return E.left(failed)
    if (current(run).version !== version) return again
  }
  if (E.isLeft(decided)) return decided
  const { events, state } = decided.right
  return E.right(run.parts.resultOf(events, state, version + events.length))
}

/** Appends expecting `version`; the read models take the new state before the answer. */
const append = async ({ parts, request }: Run, { events, state }: Decided, version: number): Promise<Answer> => {
  const { action, integrationId } = request
  const { store, projector } = parts
  projector.beginAppend(integrationId)
  const what = `${action} on session ${JSON.stringify(integrationId)}: the events may or may not have been appended`
  const appended = await fromStore(what, () => store.appendToStream(integrationId, events, { expectedStreamVersion: version }), integrationId)
  const result = E.flatten(appended)
  if (E.isRight(result)) {
    // Stored, so this is a success whatever happens next; the read models catch up on the next read.
    await projector.settle(integrationId, version, events, state, result.right).catch((error: unknown) => {
      parts.warn(`cartfold: session ${JSON.stringify(integrationId)} was appended to, but the read models could not read the store: ${describeThrown(error)}`)
    })
  }
  projector.endAppend(integrationId)
  return E.isLeft(result) ? result : E.right(parts.resultOf(events, state, result.right.nextExpectedStreamVersion))
}

/** One decision on the cached state: the answer, or `again` after catching up. */
const attempt = async (run: Run): Promise<Answer | typeof again> => {
  const { request } = run
  const { state, version } = current(run)
  const expected = request.options.expectedStreamVersion
  if (expected !== undefined && !matchesExpected(expected, version)) return run.fresh ? stale(run, state, version) : catchUpAndRetry(run)
  const decided = decideOn(run, state)
  if (E.isLeft(decided) || decided.right.events.length === 0 || request.options.dry === true) return confirm(run, version, decided)
  const appended = await append(run, decided.right, version)
  if (E.isRight(appended) || appended.left.code !== 'ConcurrencyConflict' || run.retries >= run.parts.maxRetries) return appended
  run.retries++
  return catchUpAndRetry(run)
}

/**
 * The command side of the service: load the session's state (the read model's cached state and
 * version), decide, append expecting that version; when another writer got there first, catch
 * up and decide again, up to `maxRetries` times, then answer `ConcurrencyConflict`. A decision
 * that stores nothing (a refusal, an idempotent repeat, a dry run) is confirmed against a
 * caught-up read model instead.
 */
export const createCommandHandler =
  (parts: HandlerParts) =>
  async (request: CommandRequest): Promise<Answer> => {
    const run: Run = { parts, request, fresh: false, retries: 0 }
    // A create is numbered from the count of sessions in the store: count them now.
    if (request.creates) {
      const failed = await catchUp(run)
      if (failed !== undefined) return E.left(failed)
    }
    for (;;) {
      const answer = await attempt(run)
      if (answer !== again) return answer
    }
  }
