// cartfold/testing: a test kit for flows built on cartfold, usable from any test runner (every
// check throws node's `AssertionError`). The arbitraries need fast-check, an optional peer.
export { expectEqual } from './expect-equal.ts'
export { given, type DeciderThen, type DeciderWhen } from './decider-spec.ts'
export { serviceSpec, type ServiceGiven, type ServiceSpecOptions, type ServiceThen } from './service-spec.ts'
export {
  addItems,
  amountOff,
  cancelled,
  cancelSession,
  cartItem,
  closed,
  closeSession,
  created,
  createSession,
  defaultContext,
  itemsAdded,
  itemsRemoved,
  itemsReturned,
  now,
  percentOff,
  policy,
  removeItems,
  reopened,
  reopenSession,
  returnItems,
  updated,
  updateSession,
} from './builders.ts'
export { cartItemArbitrary, commandArbitrary, commandSequenceArbitrary, createSessionArbitrary } from './arbitraries.ts'
