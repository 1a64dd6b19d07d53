import { storeContract } from '../store/contract.ts'
import type { EventStore } from '../../src/store/event-store.ts'
import { dropSchema, freshSchema, makeStore, pgUrl, skipNotice } from './support.ts'

// The shared event-store contract, unchanged, against PostgreSQL: each test gets a store on a
// schema of its own (migrated on first use), dropped when the test ends.
if (pgUrl === undefined) {
  skipNotice('EventStore contract against PostgreSQL')
} else {
  const schemas = new WeakMap<EventStore, string>()
  storeContract(
    'postgres',
    () => {
      const schema = freshSchema('contract')
      const store = makeStore(schema)
      schemas.set(store, schema)
      return store
    },
    async (store) => {
      await store.close?.()
      const schema = schemas.get(store)
      if (schema !== undefined) await dropSchema(schema)
    },
  )
}
