import * as E from 'fp-ts/lib/Either.js'
import type { SessionCommand } from '../domain/commands.ts'
import { type DecideContext, type Decision } from '../domain/decide/context.ts'
import { decide } from '../domain/decide/index.ts'
import type { SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { fold } from '../domain/evolve.ts'
import type { SessionState } from '../domain/state.ts'

/**
 * Decides several commands in sequence, each on the state the ones before it left: all their
 * events, or the first refusal (and then nothing). How one Talon.One request that maps to several
 * commands is checked whole before anything is stored.
 * @since 0.1.0
 * @category adapter
 */
export const decideAll = (
  commands: readonly SessionCommand[],
  state: SessionState,
  context: DecideContext,
): E.Either<SessionError, { events: SessionEvent[]; state: SessionState }> => {
  const events: SessionEvent[] = []
  let current = state
  for (const command of commands) {
    const decided: Decision = decide(command, current, context)
    if (E.isLeft(decided)) return decided
    events.push(...decided.right)
    current = fold(decided.right, current)
  }
  return E.right({ events, state: current })
}
