import { decide } from './decide/index.ts'
import { evolve } from './evolve.ts'
import { initialState, isTerminal } from './state.ts'

/**
 * The session decider in the convention TypeScript event-sourcing tools share (Emmett, fmodel-ts,
 * EquinoxJS): plug it into theirs unchanged.
 * @since 0.1.0
 * @category decider
 */
export const decider = { decide, evolve, initialState, isTerminal } as const
