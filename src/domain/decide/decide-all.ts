import * as E from 'fp-ts/lib/Either.js'
import type { SessionCommand } from '../commands.ts'
import type { SessionError } from '../errors.ts'
import type { SessionEvent } from '../events.ts'
import { fold } from '../evolve.ts'
import type { SessionState } from '../state.ts'
import type { DecideContext } from './context.ts'
import { decideCommand } from './index.ts'

/**
 * Decides decoded commands in sequence, each on the state the ones before it left: all their
 * events and the state after them, or the first refusal (and then nothing). How the session
 * service decides `execute`, `executeAll` and a Talon.One request that maps to several commands,
 * checked whole before anything is stored.
 */
export const decideAll = (
  commands: ReadonlyArray<SessionCommand>,
  state: SessionState,
  context: DecideContext,
): E.Either<SessionError, { events: SessionEvent[]; state: SessionState }> => {
  const events: SessionEvent[] = []
  let current = state
  for (const command of commands) {
    const decided = decideCommand(command, current, context)
    if (E.isLeft(decided)) return decided
    events.push(...decided.right)
    current = fold(decided.right, current)
  }
  return E.right({ events, state: current })
}
