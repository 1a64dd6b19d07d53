import { DeciderSpecification, IllegalStateError } from '@event-driven-io/emmett'
import { emmettDecider, sessionErrorOf } from 'cartfold/emmett'
import { addItems, cartItem, closed, closeSession, created, itemsAdded } from 'cartfold/testing'

// What Emmett's decide(command, state) cannot be given is given once, when the decider is built.
const decider = emmettDecider({ clock: () => new Date('2026-11-22T10:00:00.000Z'), currency: 'EUR' })
const spec = DeciderSpecification.for(decider)

spec([created()])
  .when(addItems(cartItem({ sku: 'TEA', price: 4.2 })))
  .then([itemsAdded([cartItem({ sku: 'TEA', price: 4.2 })])])

// A refusal is thrown as Emmett's error type for it, carrying cartfold's SessionError.
spec([created(), closed()])
  .when(closeSession())
  .thenThrows(IllegalStateError, (error) => sessionErrorOf(error)?.code === 'InvalidTransition')

try {
  decider.decide(closeSession(), [created(), closed()].reduce(decider.evolve, decider.initialState()))
} catch (error) {
  console.log(`IllegalStateError: ${error instanceof IllegalStateError}, carrying ${JSON.stringify(sessionErrorOf(error), null, 2)}`)
}
