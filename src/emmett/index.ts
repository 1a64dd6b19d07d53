// cartfold/emmett: the session decider and cartfold's stores in the shapes of Emmett
// (@event-driven-io/emmett, an optional peer dependency).
export {
  emmettDecider,
  type EmmettDeciderOptions,
  type EmmettSessionCommand,
  type EmmettSessionDecider,
} from './decider.ts'
export { emmettEventStore, type CartfoldEmmettEventStore, type CartfoldReadEventMetadata } from './event-store.ts'
export { sessionErrorOf, toEmmettError, type EmmettRefusal } from './errors.ts'
