import * as E from 'fp-ts/lib/Either.js'
import type { SessionCommand } from '../commands.ts'
import type { DecideContext } from './context.ts'
import { decide } from './index.ts'
import type { SessionError } from '../errors.ts'
import type { SessionEvent } from '../events.ts'
import { fold } from '../evolve.ts'
import type { SessionState } from '../state.ts'

/**
 * How one command's decided events become the state after them: the events as kept, and the
 * state they fold to; or why they cannot be kept. By default, the events as decided and the
 * domain's `fold`; the session service keeps a frozen copy and folds with its frozen fold.
 * @since 0.1.0
 * @category adapter
 */
export type ApplyDecision = (
  events: ReadonlyArray<SessionEvent>,
  state: SessionState,
) => E.Either<SessionError, { readonly events: ReadonlyArray<SessionEvent>; readonly state: SessionState }>

const byFold: ApplyDecision = (events, state) => E.right({ events, state: fold(events, state) })

/**
 * Decides several commands in sequence, each on the state the ones before it left: all their
 * events, or the first refusal (and then nothing). How one Talon.One request that maps to several
 * commands is checked whole before anything is stored, and how the session service decides
 * `execute` and `executeAll`.
 * @since 0.1.0
 * @category adapter
 */
export const decideAll = (
  commands: ReadonlyArray<SessionCommand | unknown>,
  state: SessionState,
  context: DecideContext,
  apply: ApplyDecision = byFold,
): E.Either<SessionError, { events: SessionEvent[]; state: SessionState }> => {
  const events: SessionEvent[] = []
  let current = state
  for (const command of commands) {
    const decided = decide(command, current, context)
    if (E.isLeft(decided)) return decided
    const applied = apply(decided.right, current)
    if (E.isLeft(applied)) return applied
    events.push(...applied.right.events)
    current = applied.right.state
  }
  return E.right({ events, state: current })
}
