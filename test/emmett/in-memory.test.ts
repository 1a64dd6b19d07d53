import { getInMemoryEventStore } from '@event-driven-io/emmett'
import { createInMemoryEventStore } from '../../src/index.ts'
import { emmettEventStore } from '../../src/emmett/index.ts'
import { adapterSuite, handlerSuite } from './contract.ts'

handlerSuite("Emmett's in-memory store", () => getInMemoryEventStore())
handlerSuite("cartfold's in-memory store", () => emmettEventStore(createInMemoryEventStore()))
adapterSuite("cartfold's in-memory store", () => createInMemoryEventStore())
