import type { Either } from 'fp-ts/lib/Either.js'
import type { SessionError } from '../domain/errors.ts'

/**
 * The store's vocabulary is the ecosystem's (Emmett, the KurrentDB client). An event is
 * `{ type, data }`; a recorded event adds the metadata the store assigns on append.
 * @since 0.1.0
 * @category store
 */
export interface EventMetadata {
  /** monotonic ULID, unique across the store */
  readonly eventId: string
  readonly streamId: string
  /** 1-based, no gaps within a stream */
  readonly streamVersion: number
  /** 1-based, no gaps across the store, in commit order */
  readonly globalPosition: number
  /** ISO-8601 UTC, from the store's clock */
  readonly recordedAt: string
  /** the shape of `data`: current events are version 2 */
  readonly schemaVersion: number
}

/** Any event a store takes: `{ type, data }`. @since 0.1.0 @category store */
export interface AnyEvent {
  readonly type: string
  readonly data: unknown
}

/**
 * Distributive over a union of events, so that a reader of `RecordedEvent<A | B>` can still
 * narrow on `type`.
 * @since 0.1.0
 * @category store
 */
export type RecordedEvent<E extends AnyEvent = AnyEvent> = E extends AnyEvent
  ? E & { readonly metadata: EventMetadata }
  : never

/**
 * A number (0 = the stream has no events yet), or a sentinel.
 * @since 0.1.0
 * @category store
 */
export type ExpectedStreamVersion = number | 'no_stream' | 'stream_exists' | 'any'

/** Options of `appendToStream`. @since 0.1.0 @category store */
export interface AppendOptions {
  readonly expectedStreamVersion?: ExpectedStreamVersion
  /** schema version written into the metadata; 2 (current) by default */
  readonly schemaVersion?: number
}

/** What a successful append resolves to (in a `Right`). @since 0.1.0 @category store */
export interface AppendResult {
  readonly nextExpectedStreamVersion: number
  readonly lastGlobalPosition: number
  readonly createdNewStream: boolean
}

/** Options of `readStream`: a range of stream versions and a page size. @since 0.1.0 @category store */
export interface ReadStreamOptions {
  /** first stream version to read, inclusive (1 by default) */
  readonly from?: number
  /** last stream version to read, inclusive */
  readonly to?: number
  readonly maxCount?: number
}

/** What `readStream` resolves to. @since 0.1.0 @category store */
export interface ReadStreamResult<E extends AnyEvent> {
  readonly events: ReadonlyArray<RecordedEvent<E>>
  readonly currentStreamVersion: number
  readonly streamExists: boolean
}

/** How `aggregateStream` folds a stream: a start state and a step. @since 0.1.0 @category store */
export interface AggregateStreamOptions<S, E extends AnyEvent> {
  readonly initialState: S
  /** applies one recorded event to the state (cartfold's `evolve` fits, after the type) */
  readonly evolve: (state: S, event: RecordedEvent<E>) => S
  readonly read?: ReadStreamOptions
}

/** What `aggregateStream` resolves to: the folded state and the stream's version. @since 0.1.0 @category store */
export interface AggregateStreamResult<S> {
  readonly state: S
  /** the store's version of the stream, not a count of the events read */
  readonly currentStreamVersion: number
  readonly streamExists: boolean
}

/** Options of `readAll`: a checkpoint and a page size. @since 0.1.0 @category store */
export interface ReadAllOptions {
  /** a checkpoint: the last global position already processed (0 by default) */
  readonly after?: number
  readonly maxCount?: number
}

/** Options of `subscribe`. @since 0.1.0 @category store */
export interface SubscribeOptions {
  /** a checkpoint: the last global position already processed (0 by default) */
  readonly after?: number
  /**
   * Called once when the handler throws or rejects; the subscription has then stopped, with
   * `event` (the one that failed) not delivered. Resubscribe from
   * `event.metadata.globalPosition - 1` to retry it.
   * @since 0.1.0
   */
  readonly onError?: (error: unknown, event: RecordedEvent) => void
}

/** A running subscription, returned by `subscribe`. @since 0.1.0 @category store */
export interface Subscription {
  /** stops the subscription: no event is delivered after it returns */
  readonly unsubscribe: () => void
}

/** Receives each event of a subscription; an async handler is awaited before the next. @since 0.1.0 @category store */
export type SubscriptionHandler<E extends AnyEvent> = (event: RecordedEvent<E>) => void | Promise<void>

/**
 * An event store: the in-memory one and the PostgreSQL one share this contract.
 * @since 0.1.0
 * @category store
 */
export interface EventStore<E extends AnyEvent = AnyEvent> {
  /** appends events to one stream, all or none, checking `expectedStreamVersion` ('any' by default) */
  readonly appendToStream: (
    streamId: string,
    events: ReadonlyArray<E>,
    options?: AppendOptions,
  ) => Promise<Either<SessionError, AppendResult>>
  /** the stream's events from `from` to `to` (stream versions, both inclusive), oldest first */
  readonly readStream: (streamId: string, options?: ReadStreamOptions) => Promise<ReadStreamResult<E>>
  /** folds the stream's events with `evolve`, starting from `initialState` */
  readonly aggregateStream: <S>(
    streamId: string,
    options: AggregateStreamOptions<S, E>,
  ) => Promise<AggregateStreamResult<S>>
  /** every stream's events after the checkpoint `after`, in global order */
  readonly readAll: (options?: ReadAllOptions) => Promise<ReadonlyArray<RecordedEvent<E>>>
  /**
   * Delivers the events after `options.after`, then live. The options are read once, when this
   * is called (`null` is no options). Options that cannot be read (a getter that throws, a
   * revoked proxy) start no subscription: it delivers nothing, and a process warning says why.
   */
  readonly subscribe: (handler: SubscriptionHandler<E>, options?: SubscribeOptions) => Subscription
  /** releases connections and timers; a no-op for the in-memory store */
  readonly close?: () => Promise<void>
}
