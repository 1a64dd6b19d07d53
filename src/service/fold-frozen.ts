import type { Draft } from 'immer'
import type { SessionEvent } from '../domain/events.ts'
import { evolveDraft, fold } from '../domain/evolve.ts'
import type { SessionState } from '../domain/state.ts'
import { deepFreeze } from '../store/deep-freeze.ts'

/**
 * Freezes what a fold on the fast path made new. What is still `base`'s is frozen already, so only
 * values that differ from it are walked (most lines of a cart are the same objects as before). The
 * top-level object stays unfrozen (V8 copies a frozen object several times slower), but nothing
 * ever writes to it: a fold always starts from a copy.
 */
const sealChanged = (next: SessionState, base: SessionState): SessionState => {
  const lines = next.cartItems
  const baseLines = base.cartItems
  // Within bounds: reading past the end of a frozen array is slow.
  const shared = Math.min(lines.length, baseLines.length)
  for (let i = 0; i < shared; i++) if (lines[i] !== baseLines[i]) deepFreeze(lines[i])
  for (let i = shared; i < lines.length; i++) deepFreeze(lines[i])
  Object.freeze(lines)
  let key: keyof SessionState
  for (key in next) {
    const value = next[key]
    if (typeof value === 'object' && value !== null && value !== base[key]) deepFreeze(value)
  }
  return next
}

/** Events whose recipes write into a line (or the returns) that the fast path shares with `base`. */
const writesIntoShared = (events: ReadonlyArray<SessionEvent>): boolean => {
  for (const event of events) if (event.type === 'ItemsRemoved' || event.type === 'ItemsReturned') return true
  return false
}

/**
 * Folds events into a state whose contents stay frozen, as the read models keep every state: a
 * state may be held by a result whose projection is computed later, so it must never change.
 *
 * The path is chosen by the events' types, up front. The fast path runs the domain's recipes
 * directly (no immer draft) on a copy that owns only its top level and its `cartItems` array;
 * everything else is shared with `state`, and frozen. Adding lines, updating details, closing,
 * reopening, cancelling write only there. Shrinking or returning a line (`ItemsRemoved`,
 * `ItemsReturned`) writes into shared parts, so a batch holding one goes to immer's `produce` (the
 * domain's `fold`). Frozen shared parts still guard the fast path: a recipe that ever wrote into
 * one would throw, never change a state read earlier. An error from a recipe (an event that cannot
 * be folded) is the caller's to handle, thrown once.
 */
export const foldFrozen = (events: ReadonlyArray<SessionEvent>, state: SessionState): SessionState => {
  if (events.length === 0) return state
  // Every state of the read models comes from here, so frozen lines mean a frozen whole.
  if (Object.isFrozen(state.cartItems) && !writesIntoShared(events)) {
    // `[...array]`, not `slice()`: V8 slices a frozen array dozens of times slower.
    const next: SessionState = { ...state, cartItems: [...state.cartItems] }
    for (const event of events) evolveDraft(next as Draft<SessionState>, event)
    return sealChanged(next, state)
  }
  return deepFreeze(fold(events, state))
}
