import {
  downcastRecordedMessages,
  NO_CONCURRENCY_CHECK,
  STREAM_DOES_NOT_EXIST,
  STREAM_EXISTS,
  upcastRecordedMessage,
  type AggregateStreamOptions as EmmettAggregateOptions,
  type AggregateStreamResultWithGlobalPosition,
  type AppendToStreamOptions,
  type AppendToStreamResultWithGlobalPosition,
  type Event,
  type EventStore as EmmettStore,
  type ExpectedStreamVersion as EmmettExpected,
  type ReadEvent,
  type ReadEventMetadataWithGlobalPosition,
  type ReadStreamOptions as EmmettReadOptions,
  type ReadStreamResult as EmmettReadResult,
} from '@event-driven-io/emmett'
import { sessionError } from '../domain/errors.ts'
import type { AnyEvent, EventStore, ExpectedStreamVersion, ReadStreamOptions, RecordedEvent } from '../store/event-store.ts'
import { conflictError, isExpectedStreamVersion, matchesExpected } from '../store/expected-version.ts'
import { toEmmettError } from './errors.ts'

/**
 * What Emmett reads of an event recorded by a cartfold store: Emmett's metadata (positions as
 * bigints, `messageId` the event's ULID), and cartfold's `recordedAt` and `schemaVersion`.
 * @since 0.1.0
 * @category emmett
 */
export type CartfoldReadEventMetadata = ReadEventMetadataWithGlobalPosition & {
  readonly recordedAt: string
  readonly schemaVersion: number
}

/**
 * A cartfold store as Emmett's `EventStore`: the store Emmett's `CommandHandler` and
 * `DeciderCommandHandler` take.
 * @since 0.1.0
 * @category emmett
 */
export interface CartfoldEmmettEventStore extends EmmettStore<CartfoldReadEventMetadata> {
  /** folds the stream with Emmett's `evolve` and `initialState()`; `lastEventGlobalPosition` when it exists */
  aggregateStream<State, EventType extends Event, EventPayloadType extends Event = EventType>(
    streamName: string,
    options: EmmettAggregateOptions<State, EventType, CartfoldReadEventMetadata, EventPayloadType>,
  ): Promise<AggregateStreamResultWithGlobalPosition<State>>
  /** appends at once, or throws Emmett's error for the refusal; `lastEventGlobalPosition` included */
  appendToStream<EventType extends Event, EventPayloadType extends Event = EventType>(
    streamName: string,
    events: EventType[],
    options?: AppendToStreamOptions<bigint, EventType, EventPayloadType>,
  ): Promise<AppendToStreamResultWithGlobalPosition>
}

/** Emmett's expected version as cartfold's: the sentinels by name, a bigint as a number. */
const expectedOf = (expected: EmmettExpected | undefined): ExpectedStreamVersion => {
  if (expected === undefined || expected === NO_CONCURRENCY_CHECK) return 'any'
  if (expected === STREAM_DOES_NOT_EXIST) return 'no_stream'
  if (expected === STREAM_EXISTS) return 'stream_exists'
  // A version past the safe range becomes an unsafe number, and anything else stays as it is:
  // the store's check refuses both.
  const version: unknown = expected
  return typeof version === 'bigint' ? Number(version) : (version as ExpectedStreamVersion)
}

const numberOf = (n: bigint | number | undefined): number | undefined => (n === undefined ? undefined : Number(n))

/** Emmett's read options as cartfold's: `from` and `to` inclusive stream positions. */
const boundsOf = (options: { readonly from?: bigint; readonly to?: bigint; readonly maxCount?: bigint } | undefined): ReadStreamOptions => ({
  from: numberOf(options?.from),
  to: numberOf(options?.to),
  maxCount: numberOf(options?.maxCount),
})

/**
 * `expectedStreamVersion` on a read (Emmett's `CommandHandler` passes the caller's there, to fail
 * before deciding): a mismatch is thrown as the append's would be.
 */
const checkExpected = (streamId: string, given: EmmettExpected | undefined, current: number): void => {
  const expected = expectedOf(given)
  if (!isExpectedStreamVersion(expected)) {
    throw toEmmettError(
      sessionError('ValidationFailed', `stream ${JSON.stringify(streamId)}: expectedStreamVersion: expected a version or one of Emmett's sentinels, got ${String(given)}`, {
        sessionId: streamId,
        path: 'expectedStreamVersion',
      }),
    )
  }
  if (!matchesExpected(expected, current)) throw toEmmettError({ ...conflictError(streamId, expected, current), action: 'readStream' })
}

const toReadEvent = <E extends AnyEvent>(event: RecordedEvent<E>) => {
  const { eventId, streamId, streamVersion, globalPosition, recordedAt, schemaVersion } = event.metadata
  return {
    type: event.type,
    data: event.data,
    kind: 'Event' as const,
    metadata: {
      messageId: eventId,
      streamName: streamId,
      streamPosition: BigInt(streamVersion),
      globalPosition: BigInt(globalPosition),
      recordedAt,
      schemaVersion,
    },
  }
}

/**
 * Presents a cartfold store (in-memory or PostgreSQL) as Emmett's `EventStore`, so that Emmett's
 * `CommandHandler` and `DeciderCommandHandler` run over it:
 *
 * - positions are bigints (a stream with no events is at `0n`), Emmett's sentinels
 *   (`STREAM_DOES_NOT_EXIST`, `STREAM_EXISTS`, `NO_CONCURRENCY_CHECK`) stand for cartfold's
 *   (`no_stream`, `stream_exists`, `any`);
 * - a refused append is thrown as Emmett's error for its code (a lost race as
 *   `ExpectedVersionConflictError`, which Emmett's handlers retry), carrying the `SessionError`;
 * - reads take `from`/`to` as inclusive stream positions and `maxCount` as a count, and check an
 *   `expectedStreamVersion` when given one; `schema.versioning` upcasts on read and downcasts on
 *   append, as Emmett's stores do;
 * - `streamExists` is answered by the store.
 *
 * The store keeps everything else: its checks (JSON-shaped data, stream ids), its atomic appends,
 * its subscriptions (use the cartfold store itself for `subscribe` and `readAll`).
 * @since 0.1.0
 * @category emmett
 */
export const emmettEventStore = <E extends AnyEvent>(store: EventStore<E>): CartfoldEmmettEventStore => {
  const readStream = async <EventType extends Event, EventPayloadType extends Event = EventType>(
    streamName: string,
    options?: EmmettReadOptions<bigint, EventType, EventPayloadType>,
  ): Promise<EmmettReadResult<EventType, CartfoldReadEventMetadata>> => {
    const result = await store.readStream(streamName, boundsOf(options))
    checkExpected(streamName, options?.expectedStreamVersion, result.currentStreamVersion)
    const versioning = options?.schema?.versioning
    // Emmett types events per call, cartfold's stores per store: the events are what was stored.
    const events = result.events.map((event) =>
      upcastRecordedMessage<EventType, EventPayloadType, CartfoldReadEventMetadata>(
        toReadEvent(event) as ReadEvent<EventPayloadType, CartfoldReadEventMetadata>,
        versioning,
      ),
    )
    return { currentStreamVersion: BigInt(result.currentStreamVersion), events, streamExists: result.streamExists }
  }

  return {
    readStream,
    aggregateStream: async <State, EventType extends Event, EventPayloadType extends Event = EventType>(
      streamName: string,
      options: EmmettAggregateOptions<State, EventType, CartfoldReadEventMetadata, EventPayloadType>,
    ): Promise<AggregateStreamResultWithGlobalPosition<State>> => {
      const { initialState, read } = options
      // Emmett's evolve may take the event or the recorded event: it is given the recorded one.
      const evolve = options.evolve as (state: State, event: ReadEvent<EventType, CartfoldReadEventMetadata>) => State
      const versioning = read?.schema?.versioning
      let lastEventGlobalPosition = 0n
      const result = await store.aggregateStream(streamName, {
        initialState: initialState(),
        evolve: (state, event) => {
          lastEventGlobalPosition = BigInt(event.metadata.globalPosition)
          const recorded = toReadEvent(event) as ReadEvent<EventPayloadType, CartfoldReadEventMetadata>
          return evolve(state, upcastRecordedMessage<EventType, EventPayloadType, CartfoldReadEventMetadata>(recorded, versioning))
        },
        read: boundsOf(read),
      })
      checkExpected(streamName, read?.expectedStreamVersion, result.currentStreamVersion)
      const currentStreamVersion = BigInt(result.currentStreamVersion)
      return result.streamExists
        ? { state: result.state, currentStreamVersion, streamExists: true, lastEventGlobalPosition }
        : { state: result.state, currentStreamVersion, streamExists: false }
    },
    appendToStream: async (streamName, events, options) => {
      const stored = downcastRecordedMessages(events, options?.schema?.versioning) as ReadonlyArray<AnyEvent> as ReadonlyArray<E>
      const result = await store.appendToStream(streamName, stored, { expectedStreamVersion: expectedOf(options?.expectedStreamVersion) })
      if (result._tag === 'Left') throw toEmmettError(result.left)
      const { nextExpectedStreamVersion, lastGlobalPosition, createdNewStream } = result.right
      return {
        nextExpectedStreamVersion: BigInt(nextExpectedStreamVersion),
        lastEventGlobalPosition: BigInt(lastGlobalPosition),
        createdNewStream,
      }
    },
    streamExists: async (streamName) => (await store.readStream(streamName, { maxCount: 0 })).streamExists,
  }
}
