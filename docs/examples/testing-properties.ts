import fc from 'fast-check'
import { decide, evolve, fold, initialState, project, type SessionEvent } from 'cartfold'
import { commandSequenceArbitrary, now } from 'cartfold/testing'

// A property of a flow: whatever commands arrive, in whatever order, the state replayed from
// the accepted events is the state reached live, and no total goes negative.
fc.assert(
  fc.property(commandSequenceArbitrary(), (commands) => {
    let state = initialState
    const events: SessionEvent[] = []
    for (const command of commands) {
      const decision = decide(command, state, { now })
      if (decision._tag === 'Left') continue // refused by the state it met: nothing recorded
      for (const event of decision.right) {
        state = evolve(state, event)
        events.push(event)
      }
    }
    const replayed = fold(events)
    return JSON.stringify(replayed) === JSON.stringify(state) && project(replayed).total >= 0
  }),
  { numRuns: 200 },
)
console.log('the property held for 200 flows')
