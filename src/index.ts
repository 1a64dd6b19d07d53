// The public API of cartfold, and nothing else.
/**
 * The domain (messages, the decider, projection, discounts), the in-memory store, the session
 * service and event logs.
 * @module cartfold
 */
export type { SessionError, SessionErrorCode } from './domain/errors.ts'
export { hasCode, isSessionError, sessionError } from './domain/errors.ts'

export { fromMinor, isCurrency, minorOf, precisionOf, toMinor, type Minor } from './domain/money.ts'
export { describeError, type Codec, type JsonObject } from './domain/codec-kit.ts'
export {
  AdditionalCostCodec,
  AdditionalCostsCodec,
  CartItemCodec,
  PositionQuantityCodec,
  type AdditionalCost,
  type AdditionalCosts,
  type CartItem,
  type PositionQuantity,
} from './domain/cart-item.ts'
export { EffectCodec, RollBackCodec, ShareCodec, type Effect, type RollBack, type Share } from './domain/effects.ts'
export {
  CancelledCodec,
  ClosedCodec,
  CreatedCodec,
  ItemsAddedCodec,
  ItemsRemovedCodec,
  ItemsReturnedCodec,
  ReopenedCodec,
  SessionEventCodec,
  UpdatedCodec,
  type EventOf,
  type SessionEvent,
  type SessionEventType,
} from './domain/events.ts'
export {
  CreateSessionCodec,
  ReturnEntryCodec,
  SessionCommandCodec,
  type CommandOf,
  type ReturnEntry,
  type SessionCommand,
  type SessionCommandType,
} from './domain/commands.ts'
export { initialState, isTerminal, type SessionLine, type SessionReturn, type SessionState, type SessionStatus } from './domain/state.ts'
export { evolve, fold } from './domain/evolve.ts'
export { decide } from './domain/decide/index.ts'
export type { DecideContext, Decision } from './domain/decide/context.ts'
export { decider } from './domain/decider.ts'
export { totalsOf, type Totals } from './domain/totals.ts'
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
export {
  createPostgresEventStore,
  migrations,
  type Migration,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './store/postgres/index.ts'

// The session service and its read models.
export {
  createSessionService,
  type ExecuteOptions,
  type ExecuteResult,
  type SessionPage,
  type SessionService,
  type SessionServiceOptions,
} from './service/session-service.ts'
export { ListQueryCodec, maxPageSize, type ListQuery } from './service/list-query.ts'
export type { SessionStore } from './service/session-store.ts'

// The Talon.One-shaped views of a projection (domain.md section 7).
export { CartItemViewCodec, type CartItemView } from './views/cart-item-view.ts'
export { CustomerSessionV2Codec, toCustomerSessionV2, type CustomerSessionV2 } from './views/customer-session-v2.ts'
export {
  CustomerSessionV2LegacyCodec,
  toCustomerSessionV2Legacy,
  type CustomerSessionV2Legacy,
} from './views/customer-session-v2-legacy.ts'
export { CustomerSessionCodec, toCustomerSession, type CustomerSession } from './views/customer-session.ts'
export { ApplicationSessionCodec, toApplicationSession, type ApplicationSession } from './views/application-session.ts'

// The Talon.One wire adapter: integration requests in, session commands out.
export {
  NewCustomerSessionV2Codec,
  ReturnCartItemsRequestCodec,
  UpdateCustomerSessionV2RequestCodec,
  type NewCustomerSessionV2,
  type ReturnCartItemsRequest,
  type UpdateCustomerSessionV2Request,
} from './views/talon-payloads.ts'
export { commandsFromUpdateV2, type UpdateV2Options } from './views/update-v2.ts'
export { commandFromReturn } from './views/return-v2.ts'
export type { ReturnedCartItem } from './views/talon-payloads.ts'
export { cartDiff, type CartDiff } from './views/cart-diff.ts'
export { decideAll, type ApplyDecision } from './views/decide-all.ts'
export {
  createTalonSessionService,
  withTalonAdapter,
  type TalonAdapterOptions,
  type TalonResponse,
  type TalonSessionService,
} from './service/talon-adapter.ts'

// Talon.One's effect envelope and the HTTP API (to move to `cartfold/talon`).
export { toTalonEffects, type TalonEffect, type TalonEffectsContext, type TalonEffectsInput } from './talon/effects-envelope.ts'
export { createTalonServer, talonRoutes, type TalonServerOptions } from './talon/http/plugin.ts'
export type { TalonHttpOptions } from './talon/http/context.ts'
export { TalonKeysCodec, type TalonKeys } from './talon/http/keys.ts'
export type { TalonErrorBody } from './talon/http/errors.ts'

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
export { toLogLine, writeEventLog, type LogEvents, type LogStore, type WriteLogOptions, type WriteLogResult } from './log/write.ts'
export type { Rejection } from './log/engine.ts'
export { replay, type ReplayOptions, type ReplayProgress, type ReplayReport, type ReplayResult } from './log/replay.ts'
export { importEventLog, type ImportFailure, type ImportOptions, type ImportReport, type ImportStore } from './log/import.ts'
export {
  CreatedV1Codec,
  UpdatedV1Codec,
  upcastCreatedV1,
  upcastUpdatedV1,
  upcasters,
  type Upcaster,
} from './log/upcasters.ts'
