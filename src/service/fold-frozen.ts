import type { Draft } from 'immer'
import type { SessionEvent } from '../domain/events.ts'
import { evolveDraft, fold } from '../domain/evolve.ts'
import type { SessionState } from '../domain/state.ts'

/** Freezes `value` and everything in it that is not frozen yet; frozen parts are not walked. */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i])
  } else {
    for (const key in value) deepFreeze(value[key])
  }
  return value
}

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

/**
 * Folds events into a state whose contents stay frozen, as the read models keep every state: a
 * state may be held by a result whose projection is computed later, so it must never change.
 *
 * The fast path runs the domain's recipes directly (no immer draft) on a copy that owns only its
 * top level and its `cartItems` array; everything else is shared with `state`, and frozen. Adding
 * lines, updating details, closing, cancelling write only there. A recipe that writes into a shared
 * part (shrinking or returning a line) throws on the frozen object before anything shared can
 * change: the copy is dropped and immer's `produce` (the domain's `fold`) does it instead. Frozen
 * objects are what make that check total, so whatever the recipes become, a state read earlier
 * cannot change.
 */
export const foldFrozen = (events: ReadonlyArray<SessionEvent>, state: SessionState): SessionState => {
  if (events.length === 0) return state
  // Every state of the read models comes from here, so frozen lines mean a frozen whole.
  if (Object.isFrozen(state.cartItems)) {
    // `[...array]`, not `slice()`: V8 slices a frozen array dozens of times slower.
    const next: SessionState = { ...state, cartItems: [...state.cartItems] }
    try {
      for (const event of events) evolveDraft(next as Draft<SessionState>, event)
      return sealChanged(next, state)
    } catch (error) {
      if (!(error instanceof TypeError)) throw error
    }
  }
  return deepFreeze(fold(events, state))
}
