import { DeciderCommandHandler, getInMemoryEventStore, NotFoundError } from '@event-driven-io/emmett'
import { createInMemoryEventStore } from 'cartfold'
import { emmettDecider, emmettEventStore, sessionErrorOf } from 'cartfold/emmett'

const handle = DeciderCommandHandler(emmettDecider())
const create = { type: 'CreateSession' as const, data: { integrationId: 'cart-1', applicationId: 1 } }
const addTea = { type: 'AddItems' as const, data: { cartItems: [{ sku: 'TEA', quantity: 2, price: 4.2 }] } }

// Over Emmett's own in-memory store,
const emmetts = getInMemoryEventStore()
const opened = await handle(emmetts, 'cart-1', create)
console.log(`version ${opened.nextExpectedStreamVersion}, ${opened.newState.state}`)

// and over a cartfold store (the PostgreSQL one plugs in the same way), presented as Emmett's.
const store = createInMemoryEventStore()
const cartfolds = emmettEventStore(store)
await handle(cartfolds, 'cart-1', create)
const added = await handle(cartfolds, 'cart-1', addTea, { retry: { onVersionConflict: true } })
console.log(`version ${added.nextExpectedStreamVersion}, ${added.newState.cartItems.length} line`)

// The events are in the cartfold store, for its own readers (readStream, readAll, subscribe).
const { events } = await store.readStream('cart-1')
console.log(events.map((e) => `${e.metadata.streamVersion} ${e.type}`).join(', '))

try {
  await handle(cartfolds, 'cart-2', addTea)
} catch (error) {
  console.log(`NotFoundError: ${error instanceof NotFoundError}, carrying ${sessionErrorOf(error)?.code}`)
}
