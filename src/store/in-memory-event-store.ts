// Named imports: a namespace object costs a property read per call in some bundlers' output.
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { SessionError } from '../domain/errors.ts'
import type {
  AggregateStreamOptions,
  AggregateStreamResult,
  AnyEvent,
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from './event-store.ts'

import { appendArgumentsOrRefusal, isRefusal } from './append-arguments.ts'
import { unusableClock } from './append-refusal.ts'
import { conflictError, matchesExpected } from './expected-version.ts'
import { subscribeOptionsOf } from './handler-failure.ts'
import { afterOf, fromOf, limitOf, toOf } from './read-bounds.ts'
import { createUlidFactory, isUlidTime } from './ulid.ts'

/** Options of `createInMemoryEventStore`. @since 0.1.0 @category store */
export interface InMemoryEventStoreOptions {
  /** the source of `recordedAt` and of the ULIDs' time; `() => new Date()` by default */
  readonly clock?: () => Date
}

/** Sync catch-up yields to the event loop this often, so a long replay does not starve I/O. */
const YIELD_EVERY = 1024

const isPromiseLike = (u: unknown): u is PromiseLike<unknown> =>
  typeof u === 'object' && u !== null && typeof (u as { then?: unknown }).then === 'function'

/**
 * An event store held in memory: for tests, examples and single-process tools.
 *
 * - `appendToStream` checks the expected version and writes in one synchronous block, so of two
 *   concurrent appends expecting the same version exactly one succeeds; a batch is stored whole
 *   or not at all. Event `data` must be JSON-shaped (plain objects, arrays, strings, finite
 *   numbers, booleans, null); it is copied and deep-frozen, so neither the caller nor a reader
 *   can change history. Fields of an event other than `type` and `data` are not stored.
 * - An empty batch checks the expected version and appends nothing: it succeeds with the
 *   stream's current version (and does not create the stream), or is a `ConcurrencyConflict`.
 * - A subscription delivers from its checkpoint then live, each event once and in order,
 *   awaiting an async handler. If the handler throws or rejects, the subscription stops (later
 *   events are not delivered, so none is skipped) and the error goes to `onError`, or to
 *   `process.emitWarning` when there is none. Resubscribe from the failed event's
 *   `globalPosition - 1` to retry it. `null` options, to any call, are no options.
 *
 * The store is a map of stream id to that stream's recorded events, and one array of every
 * recorded event in global order (as EquinoxJS's `VolatileStore`): an event is recorded, frozen
 * whole, when it is appended, and every read hands out that same object.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createInMemoryEventStore } from './in-memory-event-store.ts'
 *
 * const store = createInMemoryEventStore()
 * const result = await store.appendToStream('cart-1', [{ type: 'Created', data: { at: '2024-01-01T00:00:00.000Z' } }], {
 *   expectedStreamVersion: 'no_stream',
 * })
 * if (E.isRight(result)) console.log(result.right.nextExpectedStreamVersion) // 1
 *
 * @since 0.1.0
 * @category store
 */
export const createInMemoryEventStore = <E extends AnyEvent = AnyEvent>(
  options: InMemoryEventStoreOptions = {},
): EventStore<E> => {
  // Without an injected clock, `Date.now` gives the same time without allocating a Date. (null,
  // from a caller the types do not reach, is no options, and no clock.)
  const clock = options?.clock ?? undefined
  const now = clock === undefined ? Date.now : () => clock().getTime()
  const newEventId = createUlidFactory()
  /** stream id → its events, in stream order */
  const streams = new Map<string, Array<RecordedEvent<E>>>()
  /** every event, in global order: position p at index p - 1 */
  const all: Array<RecordedEvent<E>> = []
  /** subscriptions waiting for the next append */
  const waiting = new Set<() => void>()
  // Appends at one clock reading share one `recordedAt` string.
  let lastMillis = Number.NaN
  let lastRecordedAt = ''

  const append = (
    streamId: string,
    events: ReadonlyArray<E>,
    appendOptions: AppendOptions | undefined,
  ): Either<SessionError, AppendResult> => {
    // The checks and the frozen copy of every event, in the order every store reports them.
    const checked = appendArgumentsOrRefusal(streamId, events, appendOptions)
    if (isRefusal(checked)) return left(checked)
    const { expected, schemaVersion, events: copies } = checked
    // The clock is the caller's code: it runs before the version check, so that nothing it does
    // (an append to this very stream, say) can come between the check and the write.
    const millis = copies.length === 0 ? 0 : now()
    // From here to the end: the version check and the write, with no await and no caller's code
    // in between.
    const stream = streams.get(streamId)
    const current = stream === undefined ? 0 : stream.length
    if (!matchesExpected(expected, current)) return left(conflictError(streamId, expected, current))
    if (copies.length === 0) {
      const lastGlobalPosition = stream === undefined ? 0 : stream[current - 1]!.metadata.globalPosition
      return right({ nextExpectedStreamVersion: current, lastGlobalPosition, createdNewStream: false })
    }
    if (!isUlidTime(millis)) return left(unusableClock(streamId, millis))
    if (millis !== lastMillis) {
      lastMillis = millis
      lastRecordedAt = new Date(millis).toISOString()
    }
    const recorded = stream ?? []
    if (stream === undefined) streams.set(streamId, recorded)
    for (const { type, data } of copies) {
      const metadata: EventMetadata = Object.freeze({
        eventId: newEventId(millis),
        streamId,
        streamVersion: recorded.length + 1,
        globalPosition: all.length + 1,
        recordedAt: lastRecordedAt,
        schemaVersion,
      })
      // The caller's `type` and the frozen copy of its `data`: an E with metadata.
      const event = Object.freeze({ type, data, metadata }) as RecordedEvent<E>
      recorded.push(event)
      all.push(event)
    }
    if (waiting.size > 0) {
      const wake = [...waiting]
      waiting.clear()
      for (const resolve of wake) resolve()
    }
    return right({
      nextExpectedStreamVersion: recorded.length,
      lastGlobalPosition: all.length,
      createdNewStream: current === 0,
    })
  }

  const read = (streamId: string, readOptions: ReadStreamOptions | undefined): ReadStreamResult<E> => {
    const stream = streams.get(streamId)
    if (stream === undefined) return { events: [], currentStreamVersion: 0, streamExists: false }
    const current = stream.length
    // `null` (from plain JavaScript) is no options, as `undefined` is.
    const { from, to, maxCount } = readOptions ?? {}
    const first = fromOf(from)
    const end = Math.min(current, toOf(to), first - 1 + limitOf(maxCount))
    return { events: end < first ? [] : stream.slice(first - 1, end), currentStreamVersion: current, streamExists: true }
  }

  const subscribe = (handler: SubscriptionHandler<E>, subscribeOptions?: SubscribeOptions): Subscription => {
    // Read now, not in the delivery loop, where a getter that throws would be an unhandled rejection.
    const options = subscribeOptionsOf(subscribeOptions)
    if (options === undefined) return { unsubscribe: () => {} }
    const { after, report } = options
    let active = true
    let wakeUp: (() => void) | undefined
    const stop = (): void => {
      active = false
      if (wakeUp !== undefined) {
        waiting.delete(wakeUp)
        wakeUp()
      }
    }
    // One delivery loop per subscription, reading the global array by index: catch-up and live
    // are the same code, so nothing is missed or repeated at the switch between them.
    const deliver = async (): Promise<void> => {
      // Start after `subscribe` has returned, so the handler never runs before the caller
      // holds the `unsubscribe` handle.
      await Promise.resolve()
      let index = after
      let sinceYield = 0
      while (active) {
        if (index >= all.length) {
          await new Promise<void>((resolve) => {
            wakeUp = resolve
            waiting.add(resolve)
          })
          wakeUp = undefined
          continue
        }
        const event = all[index]!
        try {
          const result = handler(event)
          if (isPromiseLike(result)) await result
          else if (++sinceYield >= YIELD_EVERY) {
            sinceYield = 0
            await new Promise<void>((resolve) => setImmediate(resolve))
          }
        } catch (error) {
          active = false
          report(error, event)
          return
        }
        index++
      }
    }
    void deliver()
    return { unsubscribe: stop }
  }

  // `async` bodies run synchronously up to their first `await` (there is none), so an append
  // still checks and writes in one block; and a throwing injected function (a broken clock, an
  // `evolve` that throws) rejects the promise instead of throwing at the caller.
  return {
    appendToStream: async (streamId, events, appendOptions) => append(streamId, events, appendOptions),
    readStream: async (streamId, readOptions) => read(streamId, readOptions),
    aggregateStream: async <S>(streamId: string, aggregate: AggregateStreamOptions<S, E>) => {
      const { events, currentStreamVersion, streamExists } = read(streamId, aggregate.read)
      let state = aggregate.initialState
      for (const event of events) state = aggregate.evolve(state, event)
      const result: AggregateStreamResult<S> = { state, currentStreamVersion, streamExists }
      return result
    },
    readAll: async (readOptions?: ReadAllOptions) => {
      const { after, maxCount } = readOptions ?? {} // `null` is no options
      // Positions have no gaps, so position p sits at index p - 1: no scan.
      const start = afterOf(after)
      return all.slice(start, start + limitOf(maxCount))
    },
    subscribe,
    close: async () => {},
  }
}
