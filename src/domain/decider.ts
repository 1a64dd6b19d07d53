import { decide } from './decide/index.ts'
import { evolve } from './evolve.ts'
import { initialState, isTerminal } from './state.ts'

/**
 * The session decider under the names TypeScript event-sourcing tools share (Emmett, fmodel-ts,
 * EquinoxJS). `decide` takes a context and returns an `Either`: for Emmett, which calls
 * `initialState()` and `decide(command, state)`, use `emmettDecider` from `cartfold/emmett`.
 * @since 0.1.0
 * @category decider
 */
export const decider = { decide, evolve, initialState, isTerminal } as const
