import type { PostgresEventStore } from '../../src/store/postgres/index.ts'
import { emmettEventStore } from '../../src/emmett/index.ts'
import { dropSchema, freshSchema, makeStore, pgUrl, skipNotice } from '../postgres/support.ts'
import { adapterSuite, handlerSuite } from './contract.ts'

// Emmett's command handling and the adapter's promises, against cartfold's PostgreSQL store.
if (pgUrl === undefined) {
  skipNotice("Emmett's command handling over the PostgreSQL store")
} else {
  const made: Array<{ store: PostgresEventStore; schema: string }> = []
  const store = (): PostgresEventStore => {
    const schema = freshSchema('emmett')
    const created = makeStore(schema)
    made.push({ store: created, schema })
    return created
  }
  const cleanUp = async () => {
    for (const { store: s, schema } of made.splice(0)) {
      await s.close()
      await dropSchema(schema)
    }
  }
  handlerSuite("cartfold's PostgreSQL store", () => emmettEventStore(store()), cleanUp)
  adapterSuite("cartfold's PostgreSQL store", store, cleanUp)
}
