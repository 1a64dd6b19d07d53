/**
 * One contract for every event store (Emmett's `emmett-tests`): run it against the in-memory
 * store and, unchanged, against the PostgreSQL one. It uses only the `EventStore` interface and
 * never relies on delivery timing: subscriptions are awaited by polling with a bounded wait.
 *
 * Each test writes to fresh stream ids and reads the global log from a checkpoint it took
 * itself, so a store shared between tests (one database) does not disturb the assertions.
 */
import { randomUUID } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { SessionError } from '../../src/domain/errors.ts'
import { withWarnings } from './warnings.ts'
import type {
  AnyEvent,
  AppendResult,
  EventStore,
  ExpectedStreamVersion,
  RecordedEvent,
} from '../../src/store/event-store.ts'

const AT = '2024-05-01T10:00:00.000Z'
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** A plain event of the kind the contract appends. */
const added = (n: number, extra: Record<string, unknown> = {}): AnyEvent => ({
  type: 'ItemsAdded',
  data: { at: AT, n, ...extra },
})

const n = (event: RecordedEvent): number => (event.data as { n: number }).n

const freshId = (label: string): string => `contract-${label}-${randomUUID()}`

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `done()` holds; fails the test after `timeoutMs` instead of hanging. */
const waitFor = async (what: string, done: () => boolean, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) assert.unreachable(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

const right = <A>(result: E.Either<SessionError, A>, what = 'append'): A => {
  if (E.isLeft(result)) assert.unreachable(`${what} failed: ${result.left.code}: ${result.left.message}`)
  return (result as E.Right<A>).right
}

const left = <A>(result: E.Either<SessionError, A>, code: SessionError['code']): SessionError => {
  if (E.isRight(result)) assert.unreachable(`expected ${code}, got a success`)
  const error = (result as E.Left<SessionError>).left
  assert.is(error.code, code, error.message)
  assert.type(error.message, 'string')
  return error
}

/** Throws in strict mode (ES modules are strict) when `mutate` writes to a frozen object. */
const assertFrozen = (what: string, mutate: () => void): void => {
  assert.throws(mutate, TypeError, `${what} should be frozen`)
}

/**
 * Registers and runs the event-store contract as one uvu suite.
 * @param name suite title, e.g. `'in-memory'`
 * @param makeStore a fresh (or shared) store for each test
 * @param teardown called after each test; `store.close()` when not given
 */
export const storeContract = (
  name: string,
  makeStore: () => Promise<EventStore> | EventStore,
  teardown?: (store: EventStore) => Promise<void> | void,
): void => {
  const test = suite(`EventStore contract: ${name}`)
  let store: EventStore

  test.before.each(async () => {
    store = await makeStore()
  })
  test.after.each(async () => {
    await (teardown === undefined ? store.close?.() : teardown(store))
  })

  /** The current end of the global log, taken by appending to a stream of its own. */
  const checkpoint = async (): Promise<number> =>
    right(await store.appendToStream(freshId('checkpoint'), [added(0)])).lastGlobalPosition

  const append = async (
    streamId: string,
    events: AnyEvent[],
    expectedStreamVersion?: ExpectedStreamVersion,
  ): Promise<E.Either<SessionError, AppendResult>> =>
    store.appendToStream(streamId, events, expectedStreamVersion === undefined ? {} : { expectedStreamVersion })

  // --- appending and the expected-version sentinels -------------------------------------------

  test('appending to a new stream creates it and numbers its events from 1', async () => {
    const id = freshId('new')
    const result = right(await append(id, [added(1), added(2)]))
    assert.is(result.nextExpectedStreamVersion, 2)
    assert.is(result.createdNewStream, true)
    const { events, currentStreamVersion, streamExists } = await store.readStream(id)
    assert.is(streamExists, true)
    assert.is(currentStreamVersion, 2)
    assert.equal(events.map((e) => e.metadata.streamVersion), [1, 2])
    assert.equal(events.map(n), [1, 2])
    assert.is(events[1]!.metadata.globalPosition, result.lastGlobalPosition)
    assert.is(events[0]!.metadata.globalPosition, result.lastGlobalPosition - 1)
    right(await append(id, [added(3)]))
    const again = await store.readStream(id)
    assert.equal(again.events.map((e) => e.metadata.streamVersion), [1, 2, 3])
  })

  test("'no_stream' succeeds on a new stream and conflicts once it exists", async () => {
    const id = freshId('no-stream')
    const first = right(await append(id, [added(1)], 'no_stream'))
    assert.is(first.createdNewStream, true)
    assert.is(first.nextExpectedStreamVersion, 1)
    const error = left(await append(id, [added(2)], 'no_stream'), 'ConcurrencyConflict')
    assert.is(error.sessionId, id)
    assert.is(error.expected, 'no_stream')
    assert.is(error.actual, 1)
    assert.ok(error.message.includes(id), 'the message names the stream')
    assert.is((await store.readStream(id)).currentStreamVersion, 1)
  })

  test("'stream_exists' conflicts on a new stream and succeeds once it exists", async () => {
    const id = freshId('stream-exists')
    const error = left(await append(id, [added(1)], 'stream_exists'), 'ConcurrencyConflict')
    assert.is(error.sessionId, id)
    assert.is(error.expected, 'stream_exists')
    assert.is(error.actual, 0)
    assert.is((await store.readStream(id)).streamExists, false)
    right(await append(id, [added(1)]))
    const result = right(await append(id, [added(2)], 'stream_exists'))
    assert.is(result.createdNewStream, false)
    assert.is(result.nextExpectedStreamVersion, 2)
  })

  test("'any' (the default) appends whether or not the stream exists", async () => {
    const id = freshId('any')
    assert.is(right(await append(id, [added(1)], 'any')).createdNewStream, true)
    assert.is(right(await append(id, [added(2)], 'any')).nextExpectedStreamVersion, 2)
    assert.is(right(await store.appendToStream(id, [added(3)])).nextExpectedStreamVersion, 3)
  })

  test('a numeric expected version must equal the stream version (0 = no events yet)', async () => {
    const id = freshId('numeric')
    const created = right(await append(id, [added(1), added(2)], 0))
    assert.is(created.createdNewStream, true)
    assert.is(created.nextExpectedStreamVersion, 2)

    const stale = left(await append(id, [added(3)], 1), 'ConcurrencyConflict')
    assert.is(stale.expected, 1)
    assert.is(stale.actual, 2)
    assert.is(stale.sessionId, id)
    assert.ok(stale.message.includes(id) && stale.message.includes('1') && stale.message.includes('2'))

    const ahead = left(await append(id, [added(3)], 5), 'ConcurrencyConflict')
    assert.is(ahead.expected, 5)
    assert.is(ahead.actual, 2)

    const zero = left(await append(id, [added(3)], 0), 'ConcurrencyConflict')
    assert.is(zero.expected, 0)
    assert.is(zero.actual, 2)

    const next = right(await append(id, [added(3)], created.nextExpectedStreamVersion))
    assert.is(next.nextExpectedStreamVersion, 3)
    assert.is(next.createdNewStream, false)
  })

  test('a numeric version other than 0 conflicts on a stream that does not exist', async () => {
    const id = freshId('numeric-missing')
    const error = left(await append(id, [added(1)], 1), 'ConcurrencyConflict')
    assert.is(error.expected, 1)
    assert.is(error.actual, 0)
    assert.is((await store.readStream(id)).streamExists, false)
  })

  test('an empty batch checks the expected version and appends nothing', async () => {
    const id = freshId('empty')
    const before = await checkpoint()
    const onMissing = right(await append(id, [], 'no_stream'))
    assert.equal(onMissing, { nextExpectedStreamVersion: 0, lastGlobalPosition: 0, createdNewStream: false })
    assert.is((await store.readStream(id)).streamExists, false, 'an empty batch does not create the stream')
    left(await append(id, [], 'stream_exists'), 'ConcurrencyConflict')

    const written = right(await append(id, [added(1)]))
    const onExisting = right(await append(id, [], 1))
    assert.equal(onExisting, {
      nextExpectedStreamVersion: 1,
      lastGlobalPosition: written.lastGlobalPosition,
      createdNewStream: false,
    })
    const conflict = left(await append(id, [], 0), 'ConcurrencyConflict')
    assert.is(conflict.actual, 1)
    assert.equal((await store.readAll({ after: before })).map((e) => e.metadata.streamId), [id])
  })

  // --- recorded events --------------------------------------------------------------------------

  test('recorded events carry the event and the metadata the store assigned', async () => {
    const id = freshId('metadata')
    const result = right(await append(id, [added(1), { type: 'Closed', data: { at: AT, effects: [] } }]))
    const { events } = await store.readStream(id)
    assert.is(events.length, 2)
    const [first, second] = events as [RecordedEvent, RecordedEvent]
    assert.equal(Object.keys(first).sort(), ['data', 'metadata', 'type'])
    assert.is(first.type, 'ItemsAdded')
    assert.equal(first.data, { at: AT, n: 1 })
    assert.is(second.type, 'Closed')
    assert.equal(second.data, { at: AT, effects: [] })
    for (const event of events) {
      const { metadata } = event
      assert.equal(Object.keys(metadata).sort(), [
        'eventId',
        'globalPosition',
        'recordedAt',
        'schemaVersion',
        'streamId',
        'streamVersion',
      ])
      assert.ok(ULID.test(metadata.eventId), `eventId ${metadata.eventId} is a ULID`)
      assert.is(metadata.streamId, id)
      assert.ok(ISO_UTC.test(metadata.recordedAt), `recordedAt ${metadata.recordedAt} is ISO-8601 UTC`)
      assert.is(metadata.schemaVersion, 2)
    }
    assert.is.not(first.metadata.eventId, second.metadata.eventId)
    assert.is(second.metadata.globalPosition, result.lastGlobalPosition)
  })

  test('schemaVersion is written as given', async () => {
    const id = freshId('schema')
    right(await store.appendToStream(id, [added(1)], { schemaVersion: 1 }))
    right(await store.appendToStream(id, [added(2)]))
    const { events } = await store.readStream(id)
    assert.equal(events.map((e) => e.metadata.schemaVersion), [1, 2])
  })

  test('event ids are unique across streams', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const id = freshId('unique')
      right(await append(id, [added(1), added(2), added(3)]))
      for (const event of (await store.readStream(id)).events) ids.add(event.metadata.eventId)
    }
    assert.is(ids.size, 15)
  })

  // --- reading a stream -------------------------------------------------------------------------

  test('readStream of a stream that does not exist', async () => {
    assert.equal(await store.readStream(freshId('missing')), {
      events: [],
      currentStreamVersion: 0,
      streamExists: false,
    })
    const ranged = await store.readStream(freshId('missing'), { from: 2, to: 5, maxCount: 1 })
    assert.equal(ranged, { events: [], currentStreamVersion: 0, streamExists: false })
  })

  test('readStream reads inclusive version ranges and honours maxCount', async () => {
    const id = freshId('ranges')
    right(await append(id, [1, 2, 3, 4, 5, 6].map((i) => added(i))))
    const versions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> => {
      const result = await store.readStream(id, options)
      assert.is(result.currentStreamVersion, 6, 'the stream version, whatever the range')
      assert.is(result.streamExists, true)
      return result.events.map((e) => e.metadata.streamVersion)
    }
    assert.equal(await versions({}), [1, 2, 3, 4, 5, 6])
    assert.equal(await versions({ from: 3 }), [3, 4, 5, 6])
    assert.equal(await versions({ to: 2 }), [1, 2])
    assert.equal(await versions({ from: 2, to: 4 }), [2, 3, 4])
    assert.equal(await versions({ from: 4, to: 4 }), [4])
    assert.equal(await versions({ from: 5, to: 3 }), [])
    assert.equal(await versions({ from: 7 }), [])
    assert.equal(await versions({ to: 99 }), [1, 2, 3, 4, 5, 6])
    assert.equal(await versions({ maxCount: 2 }), [1, 2])
    assert.equal(await versions({ from: 3, maxCount: 2 }), [3, 4])
    assert.equal(await versions({ from: 3, to: 4, maxCount: 10 }), [3, 4])
    assert.equal(await versions({ from: 2, to: 6, maxCount: 3 }), [2, 3, 4])
    assert.equal(await versions({ maxCount: 0 }), [])
    const { events } = await store.readStream(id, { from: 2, to: 3 })
    assert.equal(events.map(n), [2, 3])
  })

  test('odd read bounds are clamped the same way by every store: NaN, ±Infinity, negatives', async () => {
    const id = freshId('odd-bounds')
    const written = right(await append(id, [1, 2, 3].map((i) => added(i))))
    const versions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
      (await store.readStream(id, options)).events.map((e) => e.metadata.streamVersion)
    const cases: Array<[Parameters<EventStore['readStream']>[1], number[]]> = [
      [{ from: Number.NaN }, [1, 2, 3]],
      [{ to: Number.NaN }, [1, 2, 3]],
      [{ maxCount: Number.NaN }, [1, 2, 3]],
      [{ from: -Infinity }, [1, 2, 3]],
      [{ from: Infinity }, []],
      [{ to: Infinity }, [1, 2, 3]],
      [{ to: -Infinity }, []],
      [{ maxCount: Infinity }, [1, 2, 3]],
      [{ maxCount: -Infinity }, []],
      [{ from: -5 }, [1, 2, 3]],
      [{ to: -1 }, []],
      [{ maxCount: -1 }, []],
      [{ from: 1e300 }, []],
      [{ to: 1e300, maxCount: 1e300 }, [1, 2, 3]],
      [{ from: 1.5, to: 2.5 }, [2]],
    ]
    for (const [options, expected] of cases) {
      assert.equal(await versions(options), expected, `readStream ${JSON.stringify(options, (_, v) => (typeof v === 'number' ? String(v) : v))}`)
    }
    const mine = async (options: Parameters<EventStore['readAll']>[0]): Promise<number[]> =>
      (await store.readAll(options)).filter((e) => e.metadata.streamId === id).map((e) => e.metadata.streamVersion)
    const last = written.lastGlobalPosition
    assert.equal(await mine({ after: Number.NaN }), [1, 2, 3], 'after NaN: from the start')
    assert.equal(await mine({ after: -Infinity }), [1, 2, 3], 'after -Infinity: from the start')
    assert.equal(await mine({ after: -3 }), [1, 2, 3], 'after a negative: from the start')
    assert.equal(await store.readAll({ after: Infinity }), [], 'after Infinity: after everything')
    assert.equal(await store.readAll({ after: 1e300 }), [], 'after a huge number: after everything')
    assert.equal(await mine({ after: last - 3, maxCount: Number.NaN }), [1, 2, 3], 'maxCount NaN: no limit')
    assert.equal(await mine({ after: last - 3, maxCount: Infinity }), [1, 2, 3], 'maxCount Infinity: no limit')
    assert.equal(await store.readAll({ after: last - 3, maxCount: -Infinity }), [], 'maxCount -Infinity: nothing')
    assert.equal(await store.readAll({ after: last - 3, maxCount: -1 }), [], 'maxCount negative: nothing')
  })

  test('a subscription after Infinity delivers nothing; after NaN or -Infinity, from the start', async () => {
    const id = freshId('odd-subscribe')
    const never: RecordedEvent[] = []
    const fromStart: Record<string, number[]> = { NaN: [], '-Infinity': [] }
    const subscriptions = [
      store.subscribe((event) => void never.push(event), { after: Infinity }),
      ...[Number.NaN, -Infinity].map((after) =>
        store.subscribe(
          (event) => {
            if (event.metadata.streamId === id) fromStart[String(after)]!.push(event.metadata.streamVersion)
          },
          { after },
        ),
      ),
    ]
    try {
      right(await append(id, [added(1), added(2)]))
      await waitFor('the subscriptions from the start', () => Object.values(fromStart).every((v) => v.length === 2))
      assert.equal(fromStart, { NaN: [1, 2], '-Infinity': [1, 2] })
      await sleep(150)
      assert.equal(never, [], 'after Infinity is after everything, including what comes later')
    } finally {
      subscriptions.forEach((s) => s.unsubscribe())
    }
  })

  test('null options are no options: readStream, readAll and subscribe', async () => {
    const id = freshId('null-options')
    right(await append(id, [added(1), added(2)]))
    assert.equal((await store.readStream(id, null as never)).events.map(n), [1, 2])
    const all = await store.readAll(null as never)
    assert.equal(all.filter((event) => event.metadata.streamId === id).map(n), [1, 2])
    const seen: number[] = []
    const subscription = store.subscribe((event) => {
      if (event.metadata.streamId === id) seen.push(n(event))
    }, null as never)
    try {
      await waitFor('the events from the start', () => seen.length === 2)
      assert.equal(seen, [1, 2])
    } finally {
      subscription.unsubscribe()
    }
  })

  test('subscribe options that cannot be read start no subscription, with a warning, and never crash', () => withWarnings(async (warnings) => {
    const id = freshId('unreadable-subscribe')
    const rejections: unknown[] = []
    const onRejection = (reason: unknown): void => void rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    const delivered: RecordedEvent[] = []
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    try {
      const subscriptions = [
        store.subscribe((event) => void delivered.push(event), { get after(): number { throw new Error('bad checkpoint') } }),
        store.subscribe((event) => void delivered.push(event), proxy),
      ]
      right(await append(id, [added(1)]))
      await waitFor('the warnings', () => warnings.length >= 2)
      await sleep(50)
      assert.equal(delivered, [])
      assert.equal(rejections, [])
      assert.ok(warnings[0]!.includes('options could not be read: bad checkpoint'), warnings[0])
      subscriptions.forEach((s) => s.unsubscribe()) // harmless
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  }))

  // --- aggregating ------------------------------------------------------------------------------

  test('aggregateStream folds the events and reports the store version', async () => {
    const id = freshId('aggregate')
    right(await append(id, [1, 2, 3, 4].map((i) => added(i))))
    const sum = await store.aggregateStream(id, {
      initialState: { total: 0, seen: [] as number[] },
      evolve: (state, event) => ({ total: state.total + n(event), seen: [...state.seen, event.metadata.streamVersion] }),
    })
    assert.equal(sum, { state: { total: 10, seen: [1, 2, 3, 4] }, currentStreamVersion: 4, streamExists: true })

    const partial = await store.aggregateStream(id, {
      initialState: 0,
      evolve: (count) => count + 1,
      read: { from: 2, to: 3 },
    })
    assert.equal(partial, { state: 2, currentStreamVersion: 4, streamExists: true }, 'version is not a count')

    const missing = await store.aggregateStream(freshId('aggregate-missing'), {
      initialState: 'initial',
      evolve: () => 'evolved',
    })
    assert.equal(missing, { state: 'initial', currentStreamVersion: 0, streamExists: false })
  })

  // --- the global log ---------------------------------------------------------------------------

  test('readAll returns events after a checkpoint in global order, with no gaps', async () => {
    const start = await checkpoint()
    const a = freshId('all-a')
    const b = freshId('all-b')
    right(await append(a, [added(1), added(2)]))
    right(await append(b, [added(3)]))
    right(await append(a, [added(4)]))
    const all = await store.readAll({ after: start })
    assert.equal(all.map((e) => e.metadata.globalPosition), [start + 1, start + 2, start + 3, start + 4])
    assert.equal(all.map(n), [1, 2, 3, 4])
    assert.equal(all.map((e) => e.metadata.streamId), [a, a, b, a])

    const page = await store.readAll({ after: start + 1, maxCount: 2 })
    assert.equal(page.map(n), [2, 3])
    assert.equal((await store.readAll({ after: start + 4 })).length, 0)
    assert.equal((await store.readAll({ after: start + 100 })).length, 0)
    assert.equal((await store.readAll({ after: start, maxCount: 0 })).length, 0)

    const fromStart = await store.readAll({ maxCount: 3 })
    assert.equal(fromStart.map((e) => e.metadata.globalPosition), [1, 2, 3], 'after defaults to 0')
  })

  // --- concurrency ------------------------------------------------------------------------------

  test('of concurrent appends expecting the same version, exactly one succeeds', async () => {
    const id = freshId('race')
    right(await append(id, [added(0)]))
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => append(id, [added(i + 1), added(i + 1)], 1)),
    )
    const winners = results.filter(E.isRight)
    assert.is(winners.length, 1)
    for (const result of results.filter(E.isLeft)) {
      assert.is(result.left.code, 'ConcurrencyConflict')
      assert.is(result.left.expected, 1)
      assert.is(result.left.actual, 3)
    }
    const { events, currentStreamVersion } = await store.readStream(id)
    assert.is(currentStreamVersion, 3)
    const winner = n(events[1]!)
    assert.equal(events.map(n), [0, winner, winner], 'only the winning batch was written')
  })

  test("of concurrent 'no_stream' appends, exactly one creates the stream", async () => {
    const id = freshId('race-create')
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => append(id, [added(i)], 'no_stream')))
    assert.is(results.filter(E.isRight).length, 1)
    assert.is((await store.readStream(id)).currentStreamVersion, 1)
  })

  test("concurrent 'any' appends all succeed, each batch whole and contiguous, with no gaps", async () => {
    const id = freshId('any-race')
    const start = await checkpoint()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, batch) => append(id, [0, 1, 2].map((k) => added(batch * 3 + k)))),
    )
    results.forEach((result) => right(result))
    const { events } = await store.readStream(id)
    assert.equal(
      events.map((e) => e.metadata.streamVersion),
      Array.from({ length: 60 }, (_, i) => i + 1),
    )
    for (let i = 0; i < 60; i += 3) {
      const batch = events.slice(i, i + 3).map(n)
      assert.ok(batch[0]! % 3 === 0 && batch[1] === batch[0]! + 1 && batch[2] === batch[0]! + 2, 'batch contiguous')
    }
    const positions = (await store.readAll({ after: start })).map((e) => e.metadata.globalPosition)
    assert.equal(positions, Array.from({ length: 60 }, (_, i) => start + i + 1))
  })

  test('a conflicting batch leaves nothing behind', async () => {
    const id = freshId('atomic')
    right(await append(id, [added(1)]))
    const start = await checkpoint()
    left(await append(id, [added(2), added(3), added(4)], 0), 'ConcurrencyConflict')
    assert.equal((await store.readStream(id)).events.map(n), [1])
    assert.equal(await store.readAll({ after: start }), [])
  })

  // --- immutability -----------------------------------------------------------------------------

  test('recorded events cannot be changed by a reader', async () => {
    const id = freshId('frozen')
    right(await append(id, [added(1, { items: [{ sku: 'a', quantity: 1 }] })]))
    const [event] = (await store.readStream(id)).events as [RecordedEvent]
    const mutable = event as unknown as {
      type: string
      data: { n: number; items: Array<{ quantity: number }> }
      metadata: { streamVersion: number }
    }
    assertFrozen('the event', () => {
      mutable.type = 'Hacked'
    })
    assertFrozen('data', () => {
      mutable.data.n = 99
    })
    assertFrozen('nested data', () => {
      mutable.data.items[0]!.quantity = 99
    })
    assertFrozen('nested arrays', () => {
      mutable.data.items.push({ quantity: 1 })
    })
    assertFrozen('metadata', () => {
      mutable.metadata.streamVersion = 42
    })
    // The returned array is the caller's (or frozen): changing it must not change the store.
    try {
      ;((await store.readStream(id)).events as RecordedEvent[]).length = 0
    } catch {
      // a frozen array is fine too
    }
    const [again] = (await store.readStream(id)).events as [RecordedEvent]
    assert.equal(again.data, { at: AT, n: 1, items: [{ sku: 'a', quantity: 1 }] })
    assert.is(again.type, 'ItemsAdded')
    assert.is(again.metadata.streamVersion, 1)
  })

  test("mutating the caller's object after the append does not change history", async () => {
    const id = freshId('copied')
    const data = { at: AT, n: 1, items: [{ sku: 'a', quantity: 1 }] }
    const event = { type: 'ItemsAdded', data }
    right(await append(id, [event]))
    data.n = 2
    data.items[0]!.quantity = 7
    data.items.push({ sku: 'b', quantity: 1 })
    event.type = 'Changed'
    const [recorded] = (await store.readStream(id)).events as [RecordedEvent]
    assert.is(recorded.type, 'ItemsAdded')
    assert.equal(recorded.data, { at: AT, n: 1, items: [{ sku: 'a', quantity: 1 }] })
    const [fromAll] = await store.readAll({ after: recorded.metadata.globalPosition - 1, maxCount: 1 })
    assert.equal(fromAll!.data, { at: AT, n: 1, items: [{ sku: 'a', quantity: 1 }] })
  })

  test('data reads back the same from every store: undefined members dropped, -0 is 0', async () => {
    const id = freshId('json-edges')
    const events: AnyEvent[] = [
      { type: 'ItemsAdded', data: { at: AT, gone: undefined, nested: { gone: undefined, zero: -0, list: [-0, { gone: undefined }] } } },
      { type: 'ItemsAdded', data: undefined },
      { type: 'ItemsAdded', data: -0 },
    ]
    const result = right(await append(id, events))
    const expected = [{ at: AT, nested: { zero: 0, list: [0, {}] } }, undefined, 0]
    const { events: read } = await store.readStream(id)
    const fromAll = await store.readAll({ after: result.lastGlobalPosition - 3 })
    for (const [label, recorded] of [['readStream', read], ['readAll', fromAll]] as const) {
      assert.equal(recorded.map((e) => e.data), expected, label)
      const first = recorded[0]!.data as { nested: { zero: number; list: number[] } }
      assert.ok(!('gone' in (first as object)), `${label}: an undefined member is dropped, not kept`)
      assert.ok(Object.is(first.nested.zero, 0) && Object.is(first.nested.list[0], 0), `${label}: -0 reads back as 0`)
      assert.ok(Object.is(recorded[2]!.data, 0), `${label}: a top-level -0 reads back as 0`)
    }
    // 32 levels is the most, and is kept whole
    let deepest: unknown = { last: true }
    for (let i = 1; i < 32; i++) deepest = { a: deepest }
    right(await append(id, [{ type: 'ItemsAdded', data: deepest }]))
    assert.equal((await store.readStream(id, { from: 4 })).events[0]!.data, deepest)
  })

  // --- invalid input ----------------------------------------------------------------------------

  test('every store refuses the same bad input with the same code, path and session', async () => {
    const id = freshId('refusals')
    const start = await checkpoint()
    const cyclic: Record<string, unknown> = { at: AT }
    cyclic['self'] = { list: [cyclic] }
    const withData = (data: unknown): AnyEvent[] => [added(1), { type: 'ItemsAdded', data }]
    /** `inner` wrapped in `levels` objects `{ a: { a: ... } }`: `inner` is at level `levels + 1` */
    const nested = (levels: number, inner: unknown = {}): unknown => {
      let value: unknown = inner
      for (let i = 0; i < levels; i++) value = { a: value }
      return value
    }
    // [label, streamId, events, options, path]; a bad streamId has no session to name.
    const cases: Array<[string, unknown, unknown, unknown, string]> = [
      ['empty streamId', '', [added(1)], undefined, 'streamId'],
      ['numeric streamId', 7, [added(1)], undefined, 'streamId'],
      ['expected version NaN', id, [added(1)], { expectedStreamVersion: Number.NaN }, 'expectedStreamVersion'],
      ['negative expected version', id, [added(1)], { expectedStreamVersion: -1 }, 'expectedStreamVersion'],
      ['fractional expected version', id, [added(1)], { expectedStreamVersion: 0.5 }, 'expectedStreamVersion'],
      ['unknown sentinel', id, [added(1)], { expectedStreamVersion: 'latest' }, 'expectedStreamVersion'],
      // `String` throws on it: the refusal must still be a value
      ['unprintable expected version', id, [added(1)], { expectedStreamVersion: Object.create(null) }, 'expectedStreamVersion'],
      ['schemaVersion 0', id, [added(1)], { schemaVersion: 0 }, 'schemaVersion'],
      ['fractional schemaVersion', id, [added(1)], { schemaVersion: 1.5 }, 'schemaVersion'],
      ['non-numeric schemaVersion', id, [added(1)], { schemaVersion: '2' }, 'schemaVersion'],
      ['events not an array', id, { type: 'ItemsAdded', data: {} }, undefined, 'events'],
      ['events null', id, null, undefined, 'events'],
      ['event with a numeric type', id, [{ type: 3, data: {} }], undefined, 'events[0].type'],
      ['event that is null', id, [null], undefined, 'events[0].type'],
      ['event without type', id, [added(1), { data: {} }], undefined, 'events[1].type'],
      ['event that is not an object', id, ['ItemsAdded'], undefined, 'events[0].type'],
      ['NaN inside data', id, withData({ at: AT, items: [{ price: Number.NaN }] }), undefined, 'events[1].data.items[0].price'],
      ['Date inside data', id, withData({ at: new Date(AT) }), undefined, 'events[1].data.at'],
      ['cycle inside data', id, withData(cyclic), undefined, 'events[1].data.self.list[0]'],
      ['undefined array item', id, withData({ at: AT, items: [1, undefined] }), undefined, 'events[1].data.items[1]'],
      ['hole in an array', id, withData({ at: AT, items: [1, , 3] }), undefined, 'events[1].data.items[1]'],
      ['33 levels of nesting', id, withData(nested(32)), undefined, `events[1].data${'.a'.repeat(32)}`],
      ['an empty array at level 33', id, withData(nested(32, [])), undefined, `events[1].data${'.a'.repeat(32)}`],
      // a ValidationFailed value, not "Maximum call stack size exceeded"
      ['100,000 levels of nesting', id, withData(nested(100_000)), undefined, `events[1].data${'.a'.repeat(32)}`],
    ]
    for (const [label, streamId, events, options, path] of cases) {
      const result = await store.appendToStream(streamId as string, events as AnyEvent[], options as never)
      const error = left(result, 'ValidationFailed')
      assert.is(error.path, path, label)
      assert.is(error.sessionId, path === 'streamId' ? undefined : id, label)
      assert.ok(error.message.includes(`${path}: expected `), `${label}: the message names the path: ${error.message}`)
    }
    assert.is((await store.readStream(id)).streamExists, false)
    assert.equal(await store.readAll({ after: start }), [])
  })

  // --- subscriptions ----------------------------------------------------------------------------

  /** Collects what a subscription delivers for the given streams, checking order as it goes. */
  const collector = (streamIds: ReadonlyArray<string>) => {
    const received: RecordedEvent[] = []
    let lastPosition = 0
    const handler = (event: RecordedEvent): void => {
      assert.ok(event.metadata.globalPosition > lastPosition, 'delivered in global order, never twice')
      lastPosition = event.metadata.globalPosition
      if (streamIds.includes(event.metadata.streamId)) received.push(event)
    }
    return { received, handler }
  }

  test('a subscription catches up from its checkpoint, then goes live', async () => {
    const id = freshId('subscribe')
    const start = await checkpoint()
    right(await append(id, [added(1), added(2), added(3)]))
    const { received, handler } = collector([id])
    const subscription = store.subscribe(handler, { after: start })
    try {
      await waitFor('catch-up', () => received.length === 3)
      right(await append(id, [added(4)]))
      right(await append(id, [added(5), added(6)]))
      await waitFor('live events', () => received.length === 6)
      assert.equal(received.map(n), [1, 2, 3, 4, 5, 6])
      assert.equal(
        received.map((e) => e.metadata.globalPosition),
        (await store.readStream(id)).events.map((e) => e.metadata.globalPosition),
      )
    } finally {
      subscription.unsubscribe()
    }
  })

  test('a subscription from a checkpoint skips what came before it', async () => {
    const id = freshId('subscribe-after')
    right(await append(id, [added(1), added(2)]))
    const start = await checkpoint()
    right(await append(id, [added(3)]))
    const { received, handler } = collector([id])
    const subscription = store.subscribe(handler, { after: start })
    try {
      await waitFor('the event after the checkpoint', () => received.length === 1)
      right(await append(id, [added(4)]))
      await waitFor('the live event', () => received.length === 2)
      assert.equal(received.map(n), [3, 4])
    } finally {
      subscription.unsubscribe()
    }
  })

  test('a subscription without a checkpoint starts from the beginning of the log', async () => {
    const seen: number[] = []
    const subscription = store.subscribe((event) => {
      if (seen.length < 3) seen.push(event.metadata.globalPosition)
    })
    try {
      right(await append(freshId('from-zero'), [added(1), added(2), added(3)]))
      await waitFor('the first events', () => seen.length === 3)
      assert.equal(seen, [1, 2, 3])
    } finally {
      subscription.unsubscribe()
    }
  })

  test('concurrent writers and a slow async handler: every event once, in order', async () => {
    const writers = Array.from({ length: 5 }, (_, i) => freshId(`writer-${i}`))
    const start = await checkpoint()
    right(await append(writers[0]!, [added(-1)]))
    const received: RecordedEvent[] = []
    let inFlight = 0
    let maxInFlight = 0
    let lastPosition = start
    const subscription = store.subscribe(
      async (event) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        assert.ok(event.metadata.globalPosition > lastPosition, 'in global order, never twice')
        lastPosition = event.metadata.globalPosition
        // Slow, and uneven, so that writers overtake the handler again and again.
        await sleep(event.metadata.globalPosition % 3)
        if (writers.includes(event.metadata.streamId)) received.push(event)
        inFlight--
      },
      { after: start },
    )
    try {
      await Promise.all(
        writers.map(async (id, w) => {
          for (let i = 0; i < 20; i++) {
            right(await store.appendToStream(id, [added(w * 100 + i)]))
            if (i % 4 === w % 4) await sleep(1)
          }
        }),
      )
      await waitFor('all 101 events', () => received.length === 101, 10_000)
      await sleep(20)
      assert.is(received.length, 101, 'nothing delivered twice')
      assert.is(maxInFlight, 1, 'an async handler is awaited before the next event')
      const expected = (await store.readAll({ after: start })).filter((e) => writers.includes(e.metadata.streamId))
      assert.equal(
        received.map((e) => e.metadata.eventId),
        expected.map((e) => e.metadata.eventId),
      )
    } finally {
      subscription.unsubscribe()
    }
  })

  test('events appended while a subscription catches up are delivered once, after the rest', async () => {
    const id = freshId('catch-up-race')
    const start = await checkpoint()
    right(await append(id, Array.from({ length: 50 }, (_, i) => added(i))))
    const { received, handler } = collector([id])
    const subscription = store.subscribe(handler, { after: start })
    try {
      for (let i = 50; i < 100; i++) right(await append(id, [added(i)]))
      await waitFor('100 events', () => received.length === 100)
      await sleep(20)
      assert.equal(received.map(n), Array.from({ length: 100 }, (_, i) => i))
    } finally {
      subscription.unsubscribe()
    }
  })

  test('unsubscribe stops delivery', async () => {
    const id = freshId('unsubscribe')
    const start = await checkpoint()
    const { received, handler } = collector([id])
    const subscription = store.subscribe(handler, { after: start })
    right(await append(id, [added(1)]))
    await waitFor('the first event', () => received.length === 1)
    subscription.unsubscribe()
    subscription.unsubscribe() // twice is harmless
    right(await append(id, [added(2)]))
    await sleep(50)
    assert.equal(received.map(n), [1])
  })

  test('unsubscribe during a slow handler delivers nothing further', async () => {
    const id = freshId('unsubscribe-slow')
    const start = await checkpoint()
    right(await append(id, [added(1), added(2), added(3)]))
    const seen: number[] = []
    let release: () => void = () => {}
    const subscription = store.subscribe(
      async (event) => {
        if (event.metadata.streamId !== id) return
        seen.push(n(event))
        await new Promise<void>((resolve) => (release = resolve))
      },
      { after: start },
    )
    await waitFor('the first event', () => seen.length === 1)
    subscription.unsubscribe()
    release()
    await sleep(50)
    assert.equal(seen, [1])
  })

  test('a failing handler stops its own subscription and is reported; others go on', async () => {
    const id = freshId('handler-error')
    const start = await checkpoint()
    const failures: Array<{ error: unknown; position: number }> = []
    const boom = new Error('boom')
    const failing = store.subscribe(
      (event) => {
        if (event.metadata.streamId === id && n(event) === 2) throw boom
      },
      { after: start, onError: (error, event) => failures.push({ error, position: event.metadata.globalPosition }) },
    )
    const rejected: unknown[] = []
    const rejecting = store.subscribe(
      async (event) => {
        if (event.metadata.streamId === id) throw new Error(`rejects ${n(event)}`)
      },
      { after: start, onError: (error) => rejected.push(error) },
    )
    const healthy = collector([id])
    const other = store.subscribe(healthy.handler, { after: start })
    try {
      right(await append(id, [added(1), added(2), added(3)]))
      await waitFor('the healthy subscriber', () => healthy.received.length === 3)
      await waitFor('the error reports', () => failures.length === 1 && rejected.length === 1)
      const [second] = (await store.readStream(id, { from: 2, to: 2 })).events
      assert.equal(failures, [{ error: boom, position: second!.metadata.globalPosition }])
      assert.match(String(rejected[0]), 'rejects 1')
      right(await append(id, [added(4)]))
      await waitFor('the healthy subscriber, live', () => healthy.received.length === 4)
      await sleep(20)
      assert.is(failures.length, 1, 'a stopped subscription reports once')
      assert.is(rejected.length, 1)
    } finally {
      failing.unsubscribe()
      rejecting.unsubscribe()
      other.unsubscribe()
    }
  })

  test.run()
}
