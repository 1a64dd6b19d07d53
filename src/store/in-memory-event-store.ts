// Named imports: a namespace object costs a property read per call in some bundlers' output.
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import { randomFillSync } from 'node:crypto'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type {
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
} from './event-store.ts'

/** @since 0.1.0 @category store */
export interface InMemoryEventStoreOptions {
  /** the source of `recordedAt` and of the ULIDs' time; `() => new Date()` by default */
  readonly clock?: () => Date
}

/** ULIDs cannot encode a time past this (2^48 - 1 ms). */
const ULID_TIME_MAX = 281474976710655
/** Sync catch-up yields to the event loop this often, so a long replay does not starve I/O. */
const YIELD_EVERY = 1024

// ---------------------------------------------------------------------------------------------
// Monotonic ULIDs (https://github.com/ulid/spec), the same algorithm as the `ulid` package's
// `monotonicFactory`: a new millisecond gets fresh random bits, the same (or an earlier) one
// increments the previous random part by one. Written out here because the package's version
// costs about 300 ns and 100 bytes of intermediate strings per id (and one crypto call per
// character on each new millisecond), which alone exceeded the store's append budget. Here the
// 26 digits live in a byte array and each id is one flat string built in a single call.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CROCKFORD_CODES = Array.from(CROCKFORD, (c) => c.charCodeAt(0))

const createUlidFactory = (): ((millis: number) => string) => {
  const digits = new Uint8Array(26)
  const random = new Uint8Array(16)
  let lastTime = -1
  const setTime = (millis: number): void => {
    lastTime = millis
    let rest = millis
    for (let i = 9; i >= 0; i--) {
      digits[i] = rest % 32
      rest = Math.floor(rest / 32)
    }
  }
  const increment = (): void => {
    for (let i = 25; i >= 10; i--) {
      if (digits[i]! < 31) {
        digits[i]!++
        return
      }
      digits[i] = 0
    }
    // 2^80 ids in one millisecond: the spec says fail; moving to the next millisecond keeps
    // ids unique and ordered instead, and cannot happen in practice.
    setTime(lastTime + 1)
  }
  return (millis) => {
    if (millis > lastTime) {
      setTime(millis)
      randomFillSync(random)
      for (let i = 0; i < 16; i++) digits[10 + i] = random[i]! & 31
    } else {
      increment()
    }
    const c = CROCKFORD_CODES
    const d = digits
    return String.fromCharCode(
      c[d[0]!]!, c[d[1]!]!, c[d[2]!]!, c[d[3]!]!, c[d[4]!]!, c[d[5]!]!, c[d[6]!]!, c[d[7]!]!, c[d[8]!]!,
      c[d[9]!]!, c[d[10]!]!, c[d[11]!]!, c[d[12]!]!, c[d[13]!]!, c[d[14]!]!, c[d[15]!]!, c[d[16]!]!,
      c[d[17]!]!, c[d[18]!]!, c[d[19]!]!, c[d[20]!]!, c[d[21]!]!, c[d[22]!]!, c[d[23]!]!, c[d[24]!]!,
      c[d[25]!]!,
    )
  }
}

const validationFailed = (message: string, path: string): SessionError =>
  sessionError('ValidationFailed', message, { path })

// ---------------------------------------------------------------------------------------------
// Copy-and-freeze of the caller's data.
//
// One pass copies and freezes, so the caller keeps its own (mutable) object and history cannot
// change under it. Only JSON-shaped values are accepted: every store must read back what was
// written, and a PostgreSQL store keeps `jsonb`, which has no Date, Map, NaN or cycles.
// A hand-written pass is several times faster than `structuredClone` followed by a freeze walk,
// and appends are on the hot path.

/** An invalid value found while copying; the path is assembled on the way back up. */
class Invalid {
  constructor(
    readonly reason: string,
    readonly path: Array<string | number>,
  ) {}
}

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const copyFrozen = (value: unknown, ancestors: object[]): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value
    case 'number':
      return Number.isFinite(value) ? value : new Invalid(`expected a finite number, got ${value}`, [])
    case 'object':
      break
    default:
      return new Invalid(`expected a JSON value, got a ${typeof value}`, [])
  }
  if (value === null) return null
  if (ancestors.includes(value)) return new Invalid('expected a JSON value, got a cycle', [])
  ancestors.push(value)
  const copy = Array.isArray(value) ? copyArray(value, ancestors) : copyObject(value, ancestors)
  ancestors.pop()
  return copy
}

const copyArray = (value: readonly unknown[], ancestors: object[]): unknown => {
  const out = new Array<unknown>(value.length)
  for (let i = 0; i < value.length; i++) {
    const item = copyFrozen(value[i], ancestors)
    if (item instanceof Invalid) {
      item.path.unshift(i)
      return item
    }
    out[i] = item
  }
  return Object.freeze(out)
}

const copyObject = (value: object, ancestors: object[]): unknown => {
  if (!isPlainObject(value)) {
    return new Invalid(`expected a plain object, got ${Object.prototype.toString.call(value)}`, [])
  }
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source)) {
    const item = copyFrozen(source[key], ancestors)
    if (item instanceof Invalid) {
      item.path.unshift(key)
      return item
    }
    // An own `__proto__` key (JSON.parse makes them) must stay data, not set the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true })
    else out[key] = item
  }
  return Object.freeze(out)
}

const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')

// ---------------------------------------------------------------------------------------------
// Input checks: a bad call is an error value and stores nothing.

const isExpectedStreamVersion = (u: unknown): u is ExpectedStreamVersion =>
  u === 'any' || u === 'no_stream' || u === 'stream_exists' || (Number.isSafeInteger(u) && (u as number) >= 0)

const matchesExpected = (expected: ExpectedStreamVersion, current: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' ? current === 0 : expected === 'stream_exists' ? current > 0 : expected === current)

const conflictMessage = (streamId: string, expected: ExpectedStreamVersion, current: number): string =>
  `Stream "${streamId}": expected ${typeof expected === 'number' ? `version ${expected}` : expected}, ` +
  `but the stream is at version ${current}${current === 0 ? ' (no stream)' : ''}`

/** Copies one batch; the first invalid event refuses the whole batch. */
const copyBatch = (events: unknown): Either<SessionError, ReadonlyArray<AnyEvent>> => {
  if (!Array.isArray(events)) return left(validationFailed('events: expected an array of events', 'events'))
  const out = new Array<AnyEvent>(events.length)
  const ancestors: object[] = []
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i]
    if (typeof event !== 'object' || event === null || typeof (event as AnyEvent).type !== 'string') {
      return left(validationFailed(`events[${i}]: expected { type: string, data }`, `events[${i}].type`))
    }
    const data = copyFrozen((event as AnyEvent).data, ancestors)
    if (data instanceof Invalid) {
      const path = `events[${i}].data${formatPath(data.path)}`
      ancestors.length = 0
      return left(validationFailed(`${path}: ${data.reason}`, path))
    }
    out[i] = { type: (event as AnyEvent).type, data }
  }
  return right(out)
}

// ---------------------------------------------------------------------------------------------
// Range arithmetic for reads. Reads have no error channel, so odd numbers are clamped rather
// than refused: a negative start reads from the beginning, a non-positive count reads nothing.

const toLimit = (maxCount: number | undefined): number =>
  maxCount === undefined || Number.isNaN(maxCount) ? Infinity : Math.max(0, Math.floor(maxCount))

const toStart = (after: number | undefined): number =>
  after === undefined || Number.isNaN(after) ? 0 : Math.max(0, Math.floor(after))

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
 *   `globalPosition - 1` to retry it.
 *
 * Appends cost O(1) in the size of the store: a Map of stream id to an array, one global array.
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
  // Without an injected clock, `Date.now` gives the same time without allocating a Date.
  const { clock } = options
  const now = clock === undefined ? Date.now : () => clock().getTime()
  const nextEventId = createUlidFactory()
  /** every recorded event, in global order: index i holds global position i + 1 */
  const all: Array<RecordedEvent<E>> = []
  const streams = new Map<string, Array<RecordedEvent<E>>>()
  /** subscriptions waiting for the next append */
  const waiting = new Set<() => void>()

  // Appends within one millisecond share the same ISO string instead of formatting it again.
  let lastMillis = NaN
  let lastIso = ''
  const isoAt = (millis: number): string => {
    if (millis !== lastMillis) {
      lastMillis = millis
      lastIso = new Date(millis).toISOString()
    }
    return lastIso
  }

  const append = (
    streamId: string,
    events: ReadonlyArray<E>,
    appendOptions: AppendOptions | undefined,
  ): Either<SessionError, AppendResult> => {
    if (typeof streamId !== 'string' || streamId.length === 0) {
      return left(validationFailed('streamId: expected a non-empty string', 'streamId'))
    }
    const expected = appendOptions?.expectedStreamVersion ?? 'any'
    if (!isExpectedStreamVersion(expected)) {
      return left(
        validationFailed(
          `expectedStreamVersion: expected an integer >= 0, 'no_stream', 'stream_exists' or 'any', got ${String(expected)}`,
          'expectedStreamVersion',
        ),
      )
    }
    const schemaVersion = appendOptions?.schemaVersion ?? 2
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      return left(
        validationFailed(`schemaVersion: expected an integer >= 1, got ${String(schemaVersion)}`, 'schemaVersion'),
      )
    }
    const batch = copyBatch(events)
    if (isLeft(batch)) return batch

    // From here to the end: the version check and the write, with no await in between.
    const stream = streams.get(streamId)
    const current = stream === undefined ? 0 : stream.length
    if (!matchesExpected(expected, current)) {
      return left(
        sessionError('ConcurrencyConflict', conflictMessage(streamId, expected, current), {
          sessionId: streamId,
          expected,
          actual: current,
        }),
      )
    }
    const copies = batch.right
    if (copies.length === 0) {
      return right({
        nextExpectedStreamVersion: current,
        lastGlobalPosition: stream?.[current - 1]?.metadata.globalPosition ?? 0,
        createdNewStream: false,
      })
    }
    const millis = now()
    if (!(millis >= 0 && millis <= ULID_TIME_MAX && Number.isInteger(millis))) {
      return left(validationFailed(`clock: the store's clock returned an unusable time (${millis})`, 'clock'))
    }
    const recordedAt = isoAt(millis)
    const target = stream ?? []
    for (let i = 0; i < copies.length; i++) {
      const { type, data } = copies[i]!
      // One literal shape for every metadata object, so frozen events share hidden classes.
      const metadata: EventMetadata = Object.freeze({
        eventId: nextEventId(millis),
        streamId,
        streamVersion: current + i + 1,
        globalPosition: all.length + 1,
        recordedAt,
        schemaVersion,
      })
      // The copy has the caller's `type` and a deep copy of its `data`: an E with metadata.
      const recorded = Object.freeze({ type, data, metadata }) as RecordedEvent<E>
      target.push(recorded)
      all.push(recorded)
    }
    if (stream === undefined) streams.set(streamId, target)
    if (waiting.size > 0) {
      const wake = [...waiting]
      waiting.clear()
      for (const resolve of wake) resolve()
    }
    return right({
      nextExpectedStreamVersion: target.length,
      lastGlobalPosition: all.length,
      createdNewStream: current === 0,
    })
  }

  const read = (streamId: string, readOptions: ReadStreamOptions = {}): ReadStreamResult<E> => {
    const stream = streams.get(streamId)
    if (stream === undefined) return { events: [], currentStreamVersion: 0, streamExists: false }
    const current = stream.length
    const first = Math.max(1, Math.ceil(readOptions.from ?? 1))
    const last = Math.min(current, Math.floor(readOptions.to ?? current))
    const end = Math.min(last, first - 1 + toLimit(readOptions.maxCount))
    return {
      events: end >= first ? stream.slice(first - 1, end) : [],
      currentStreamVersion: current,
      streamExists: true,
    }
  }

  const subscribe = (handler: SubscriptionHandler<E>, subscribeOptions: SubscribeOptions = {}): Subscription => {
    let active = true
    let wakeUp: (() => void) | undefined
    const stop = (): void => {
      active = false
      if (wakeUp !== undefined) {
        waiting.delete(wakeUp)
        wakeUp()
      }
    }
    const report = (error: unknown, event: RecordedEvent<E>): void => {
      try {
        if (subscribeOptions.onError !== undefined) subscribeOptions.onError(error, event)
        else process.emitWarning(`cartfold: a subscription handler failed at global position ${event.metadata.globalPosition} and was stopped: ${String(error)}`)
      } catch {
        // A failing error reporter must not take the process down either.
      }
    }
    // One delivery loop per subscription, reading the global array by index: catch-up and live
    // are the same code, so nothing is missed or repeated at the switch between them.
    const deliver = async (): Promise<void> => {
      // Start after `subscribe` has returned, so the handler never runs before the caller
      // holds the `unsubscribe` handle.
      await Promise.resolve()
      let index = toStart(subscribeOptions.after)
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
    readAll: async (readOptions: ReadAllOptions = {}) => {
      // Positions have no gaps, so position p sits at index p - 1: no scan.
      const start = toStart(readOptions.after)
      return all.slice(start, start + toLimit(readOptions.maxCount))
    },
    subscribe,
    close: async () => {},
  }
}
