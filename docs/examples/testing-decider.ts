import { AssertionError } from 'node:assert'
import { addItems, cartItem, closed, closeSession, created, given, itemsAdded } from 'cartfold/testing'

// Passes: the command emits exactly these events, in this order.
given([created()])
  .when(addItems(cartItem({ sku: 'TEA', price: 4.2 })))
  .then([itemsAdded([cartItem({ sku: 'TEA', price: 4.2 })])])

// Passes: the command is refused with this code (and a message containing these words).
given([created(), closed()]).when(closeSession()).thenRefuses('InvalidTransition', 'refuses CloseSession')

// Fails: node's AssertionError, naming the first difference, then the diff.
try {
  given([created()])
    .when(addItems(cartItem({ sku: 'TEA', price: 4.2 })))
    .then([itemsAdded([cartItem({ sku: 'TEA', price: 4.25 })])])
} catch (error) {
  if (error instanceof AssertionError) console.log(error.message)
}
