// The public API of cartfold, and nothing else.
/**
 * The domain (messages, the decider, projection, discounts), the in-memory store, the session
 * service and event logs.
 * @module cartfold
 */
export type { SessionError, SessionErrorCode } from './domain/errors.ts'
export { hasCode, isSessionError } from './domain/errors.ts'

export { fromMinor, isCurrency, minorOf, precisionOf, toMinor, type Minor } from './domain/money.ts'
export type { JsonObject } from './domain/codec-kit.ts'
export { CartItemCodec, type AdditionalCost, type AdditionalCosts, type CartItem, type PositionQuantity } from './domain/cart-item.ts'
export type { Effect, RollBack, Share } from './domain/effects.ts'
export { SessionEventCodec, type EventOf, type SessionEvent, type SessionEventType } from './domain/events.ts'
export { SessionCommandCodec, type CommandOf, type ReturnEntry, type SessionCommand, type SessionCommandType } from './domain/commands.ts'
export { initialState, isTerminal, type SessionLine, type SessionReturn, type SessionState, type SessionStatus } from './domain/state.ts'
export { evolve, fold } from './domain/evolve.ts'
export { decide } from './domain/decide/index.ts'
export type { DecideContext, Decision } from './domain/decide/context.ts'
export { decider } from './domain/decider.ts'
export type { Totals } from './domain/totals.ts'
export {
  project,
  type ProjectedCartItem,
  type ProjectedReturn,
  type ProjectOptions,
  type SessionProjection,
} from './domain/project.ts'
export {
  ConditionsCodec,
  decodePolicy,
  DiscountPolicyCodec,
  evaluatePolicy,
  parsePolicy,
  RuleCodec,
  TargetCodec,
  tryEvaluatePolicy,
  type Conditions,
  type DiscountPolicy,
  type Rounding,
  type Rule,
  type Target,
} from './domain/discounts.ts'

export type {
  AggregateStreamOptions,
  AggregateStreamResult,
  AnyEvent,
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedStreamVersion,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from './store/event-store.ts'
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from './store/in-memory-event-store.ts'

// The session service and its read models.
export {
  createSessionService,
  type DeriveCommands,
  type ExecuteOptions,
  type ExecuteResult,
  type SessionPage,
  type SessionService,
  type SessionServiceOptions,
} from './service/session-service.ts'
export type { ListQuery } from './service/list-query.ts'
export type { SessionStore } from './service/session-store.ts'

// The PostgreSQL store is `cartfold/postgres` (src/store/postgres/index.ts), so that `pg` is needed
// only by those who use it; the Talon.One views and adapter are `cartfold/talon` (src/talon/index.ts).

// Event logs: JSON Lines reading, writing, replay, upcasters.
export { checkEvent } from './domain/check-event.ts'
export type { LogSource } from './log/lines.ts'
export {
  currentSchemaVersion,
  type LogErrorCode,
  type LogItem,
  type LogLineError,
  type RecordedSessionEvent,
} from './log/types.ts'
export { readEventLog } from './log/read.ts'
export { writeEventLog, type LogEvents, type LogStore, type WriteLogOptions, type WriteLogResult } from './log/write.ts'
export type { Rejection } from './log/engine.ts'
export { replay, type CallbackName, type ReplayFailure, type ReplayOptions, type ReplayProgress, type ReplayReport, type ReplayResult } from './log/replay.ts'
export { importEventLog, type ImportFailure, type ImportOptions, type ImportReport, type ImportStore } from './log/import.ts'
export { upcasters, type Upcaster } from './log/upcasters.ts'
