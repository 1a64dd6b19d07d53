import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decodeTime, isValid } from 'ulid'
import fc from 'fast-check'
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store.ts'
import type { AnyEvent, RecordedEvent } from '../../src/store/event-store.ts'
import type { SessionError } from '../../src/domain/errors.ts'
import { storeContract } from './contract.ts'
import { withWarnings } from './warnings.ts'

storeContract('in-memory', () => createInMemoryEventStore())

const test = suite('in-memory event store specifics')

const AT = '2024-05-01T10:00:00.000Z'
const added = (n: number): AnyEvent => ({ type: 'ItemsAdded', data: { at: AT, n } })
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const waitFor = async (done: () => boolean): Promise<void> => {
  const deadline = Date.now() + 3000
  while (!done()) {
    if (Date.now() > deadline) assert.unreachable('timed out')
    await sleep(5)
  }
}
const errorOf = (result: E.Either<SessionError, unknown>): SessionError => {
  if (E.isRight(result)) assert.unreachable('expected an error value')
  return (result as E.Left<SessionError>).left
}

test('recordedAt and the ULID time come from the injected clock', async () => {
  let now = Date.parse('2024-05-01T10:00:00.123Z')
  const store = createInMemoryEventStore({ clock: () => new Date(now) })
  await store.appendToStream('a', [added(1), added(2)])
  now += 1500
  await store.appendToStream('a', [added(3)])
  const { events } = await store.readStream('a')
  assert.equal(
    events.map((e) => e.metadata.recordedAt),
    ['2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:01.623Z'],
  )
  assert.equal(
    events.map((e) => decodeTime(e.metadata.eventId)),
    [now - 1500, now - 1500, now],
  )
  for (const event of events) assert.ok(isValid(event.metadata.eventId))
})

test('event ids are monotonic within one millisecond and when the clock goes back', async () => {
  let now = Date.parse('2024-05-01T10:00:00.000Z')
  const store = createInMemoryEventStore({ clock: () => new Date(now) })
  for (let i = 0; i < 50; i++) await store.appendToStream(`s${i % 7}`, [added(i), added(i)])
  now -= 10_000 // a clock stepped back must not reorder ids
  await store.appendToStream('late', [added(99)])
  now += 20_000
  await store.appendToStream('later', [added(100)])
  const ids = (await store.readAll()).map((e) => e.metadata.eventId)
  assert.is(ids.length, 102)
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`)
  for (const id of ids) assert.ok(isValid(id), id)
  assert.is(decodeTime(ids[0]!), now - 10_000)
  assert.is(decodeTime(ids[101]!), now)
})

test('any clock history: ids strictly increase, times and schema versions are kept, reads in between change nothing', () => {
  // Steps of the clock between appends: stand still, move on, or go back; a read may come between.
  const step = fc.record({
    dt: fc.oneof(fc.constant(0), fc.integer({ min: -5000, max: 5000 })),
    batch: fc.integer({ min: 1, max: 3 }),
    schemaVersion: fc.integer({ min: 1, max: 3 }),
    read: fc.boolean(),
  })
  return fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
      let now = Date.parse('2024-05-01T10:00:00.000Z')
      const store = createInMemoryEventStore({ clock: () => new Date(now) })
      const clock: number[] = []
      const schemas: number[] = []
      const seen = new Map<number, RecordedEvent>()
      for (const [i, { dt, batch, schemaVersion, read }] of steps.entries()) {
        now += dt
        await store.appendToStream(`s${i % 4}`, Array.from({ length: batch }, (_, n) => added(n)), { schemaVersion })
        for (let n = 0; n < batch; n++) clock.push(now)
        for (let n = 0; n < batch; n++) schemas.push(schemaVersion)
        if (read) for (const event of await store.readStream(`s${i % 4}`).then((r) => r.events)) seen.set(event.metadata.globalPosition, event)
      }
      const all = await store.readAll()
      assert.is(all.length, clock.length)
      let newest = -1
      for (const [i, event] of all.entries()) {
        const { eventId, recordedAt, globalPosition } = event.metadata
        assert.ok(isValid(eventId), eventId)
        if (i > 0) assert.ok(all[i - 1]!.metadata.eventId < eventId, `${all[i - 1]!.metadata.eventId} < ${eventId}`)
        assert.is(recordedAt, new Date(clock[i]!).toISOString())
        assert.is(event.metadata.schemaVersion, schemas[i])
        // An id takes the clock's time, or the newest id's time when the clock is behind it.
        newest = Math.max(newest, clock[i]!)
        assert.is(decodeTime(eventId), newest)
        const earlier = seen.get(globalPosition)
        if (earlier !== undefined) assert.is(event, earlier, 'a read hands out the same object every time')
        assert.ok(Object.isFrozen(event) && Object.isFrozen(event.metadata) && Object.isFrozen(event.data))
      }
    }),
    { numRuns: 100 },
  )
})

test('a clock that appends cannot come between the version check and the write', async () => {
  let reenter = true
  const store = createInMemoryEventStore({
    clock: () => {
      if (reenter) {
        reenter = false
        void store.appendToStream('a', [added(1)])
      }
      return new Date(1000)
    },
  })
  const outer = await store.appendToStream('a', [added(2)], { expectedStreamVersion: 'no_stream' })
  // The clock's own append came first, so the stream exists: 'no_stream' is a conflict.
  assert.is(errorOf(outer).code, 'ConcurrencyConflict')
  const { events, currentStreamVersion } = await store.readStream('a')
  assert.is(currentStreamVersion, 1)
  assert.equal(events.map((e) => [e.metadata.streamVersion, e.metadata.globalPosition]), [[1, 1]])
  assert.is((await store.readAll()).length, 1)
})

test('null options, or a null clock, are no options: the system clock', async () => {
  for (const options of [null, { clock: null }]) {
    const store = createInMemoryEventStore(options as never)
    const before = Date.now()
    await store.appendToStream('a', [added(1)])
    const [event] = await store.readAll()
    assert.ok(Date.parse(event!.metadata.recordedAt) >= before)
  }
})

test('a clock at the epoch still gives valid ids of that time', async () => {
  const store = createInMemoryEventStore({ clock: () => new Date(0) })
  await store.appendToStream('a', [added(1)])
  const [event] = await store.readAll()
  assert.is(event!.metadata.recordedAt, '1970-01-01T00:00:00.000Z')
  assert.is(decodeTime(event!.metadata.eventId), 0)
})

test('a clock giving an unusable time is an error value and stores nothing', async () => {
  for (const bad of [new Date(Number.NaN), new Date(-1), new Date(8.64e15)]) {
    const store = createInMemoryEventStore({ clock: () => bad })
    const error = errorOf(await store.appendToStream('a', [added(1)]))
    assert.is(error.code, 'ValidationFailed')
    assert.is(error.path, 'clock')
    assert.is((await store.readAll()).length, 0)
  }
})

test('a clock that throws rejects the append promise instead of throwing at the caller', async () => {
  const store = createInMemoryEventStore({
    clock: () => {
      throw new Error('no time')
    },
  })
  let promise: Promise<unknown> | undefined
  assert.not.throws(() => {
    promise = store.appendToStream('a', [added(1)])
  })
  try {
    await promise
    assert.unreachable('should reject')
  } catch (error) {
    assert.match(String(error), 'no time')
  }
})

test('history is shared, not copied: reads return the very objects recorded', async () => {
  const store = createInMemoryEventStore()
  await store.appendToStream('a', [added(1), added(2)])
  const before = (await store.readStream('a')).events
  for (let i = 0; i < 100; i++) await store.appendToStream(`s${i}`, [added(i)])
  await store.appendToStream('a', [added(3)])
  const after = (await store.readStream('a')).events
  assert.is(after[0], before[0])
  assert.is(after[1], before[1])
  const all = await store.readAll({ maxCount: 2 })
  assert.is(all[0], before[0])
  assert.is(all[1]!.metadata, before[1]!.metadata)
  assert.ok(Object.isFrozen(after[2]) && Object.isFrozen(after[2]!.metadata) && Object.isFrozen(after[2]!.data))
})

test('data must be JSON-shaped; the error names the path', async () => {
  const store = createInMemoryEventStore()
  const cyclic: Record<string, unknown> = { at: AT }
  cyclic['self'] = cyclic
  class Money {
    constructor(readonly amount: number) {}
  }
  const cases: Array<[unknown, string]> = [
    [{ at: new Date() }, 'events[1].data.at'],
    [{ items: [{ price: Number.NaN }] }, 'events[1].data.items[0].price'],
    [{ total: Number.POSITIVE_INFINITY }, 'events[1].data.total'],
    [{ f: () => 1 }, 'events[1].data.f'],
    [{ s: Symbol('x') }, 'events[1].data.s'],
    [{ b: 10n }, 'events[1].data.b'],
    [{ m: new Map() }, 'events[1].data.m'],
    [{ money: new Money(1) }, 'events[1].data.money'],
    [cyclic, 'events[1].data.self'],
    [[1, [2, Number.NaN]], 'events[1].data[1][1]'],
  ]
  for (const [data, path] of cases) {
    const error = errorOf(await store.appendToStream('a', [added(1), { type: 'X', data }]))
    assert.is(error.code, 'ValidationFailed', path)
    assert.is(error.path, path)
    assert.ok(error.message.startsWith(`Stream "a": ${path}: expected `), error.message)
    assert.is(error.sessionId, 'a')
  }
  assert.is((await store.readAll()).length, 0, 'nothing stored')
})

test('JSON-shaped data of every kind is kept as given', async () => {
  const store = createInMemoryEventStore()
  const shared = { sku: 'a' }
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { k: 1 })
  const proto = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
  const data = { s: 'x', n: 1.5, b: false, z: null, u: undefined, list: [shared, shared], nullProto, proto }
  await store.appendToStream('a', [{ type: 'X', data }, { type: 'NoData', data: undefined }])
  const [first, second] = (await store.readStream('a')).events
  const copy = first!.data as typeof data
  // An `undefined` member is dropped, as JSON drops it (frozen-copy.ts).
  const { u, ...kept } = data
  assert.is(u, undefined)
  assert.equal({ ...copy, nullProto: undefined }, { ...kept, nullProto: undefined })
  assert.ok(!Object.hasOwn(copy, 'u'), 'an undefined member is dropped')
  assert.is.not(copy, data)
  // As after a JSON round trip: a null-prototype object reads back as a plain object.
  assert.equal(Object.entries(copy.nullProto), [['k', 1]])
  assert.is(Object.getPrototypeOf(copy.nullProto), Object.prototype)
  assert.is(Object.getPrototypeOf(copy.proto), Object.prototype, 'an own __proto__ key stays data')
  assert.equal(Object.keys(copy.proto), ['__proto__'])
  assert.is(({} as Record<string, unknown>)['polluted'], undefined)
  assert.is(second!.data, undefined)
  assert.equal(Object.keys(first!), ['type', 'data', 'metadata'], 'other fields of the event are not kept')
})

test('fields of an event other than type and data are not stored', async () => {
  const store = createInMemoryEventStore()
  const event = { type: 'X', data: {}, metadata: { eventId: 'forged' }, extra: 1 }
  await store.appendToStream('a', [event])
  const [recorded] = await store.readAll()
  assert.is.not(recorded!.metadata.eventId, 'forged')
  assert.not.ok('extra' in recorded!)
})

test('streams written in turns, singly and in batches, read back each in its own order', async () => {
  const store = createInMemoryEventStore()
  for (let round = 0; round < 5; round++) {
    for (const id of ['a', 'b', 'c']) {
      const batch = id === 'b' ? [added(round * 10), added(round * 10 + 1)] : [added(round)]
      await store.appendToStream(id, batch)
    }
  }
  const all = await store.readAll()
  const { events, currentStreamVersion } = await store.readStream('b')
  assert.is(currentStreamVersion, 10)
  assert.equal(
    events.map((e) => e.metadata.streamVersion),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  )
  assert.equal(
    events.map((e) => (e.data as { n: number }).n),
    [0, 1, 10, 11, 20, 21, 30, 31, 40, 41],
  )
  for (const event of events) assert.is(event, all[event.metadata.globalPosition - 1])
  const versions = async (id: string, options: { from?: number; to?: number; maxCount?: number }): Promise<number[]> =>
    (await store.readStream(id, options)).events.map((e) => e.metadata.streamVersion)
  assert.equal(await versions('b', { from: 4, to: 7 }), [4, 5, 6, 7])
  assert.equal(await versions('b', { from: 9, maxCount: 5 }), [9, 10])
  assert.equal(await versions('c', { to: 1 }), [1])
  assert.equal(await versions('c', { from: 5 }), [5])
  assert.equal(await versions('c', { from: 6 }), [])
  const empty = await store.appendToStream('a', [], { expectedStreamVersion: 5 })
  assert.equal(E.isRight(empty) && empty.right, {
    nextExpectedStreamVersion: 5,
    lastGlobalPosition: all.filter((e) => e.metadata.streamId === 'a').at(-1)!.metadata.globalPosition,
    createdNewStream: false,
  })
})

test('cycles are found at any depth, and a value met twice off one path is not a cycle', async () => {
  const store = createInMemoryEventStore()
  const inner: Record<string, unknown> = { n: 1 }
  const top: Record<string, unknown> = { first: { inner }, second: { again: inner }, list: [[inner]] }
  await store.appendToStream('a', [{ type: 'X', data: top }])
  const [stored] = await store.readAll()
  assert.equal(stored!.data, { first: { inner: { n: 1 } }, second: { again: { n: 1 } }, list: [[{ n: 1 }]] })
  inner['back'] = top
  const deep = errorOf(await store.appendToStream('a', [{ type: 'X', data: top }]))
  assert.is(deep.path, 'events[0].data.first.inner.back')
  const list: unknown[] = [1, { items: [] }]
  ;(list[1] as { items: unknown[] }).items.push(list)
  const inArray = errorOf(await store.appendToStream('a', [added(1), { type: 'X', data: list }]))
  assert.is(inArray.path, 'events[1].data[1].items[0]')
  assert.is((await store.readAll()).length, 1)
})

test('a bad schemaVersion is ValidationFailed', async () => {
  const store = createInMemoryEventStore()
  for (const schemaVersion of [0, 1.5, Number.NaN]) {
    const error = errorOf(await store.appendToStream('a', [added(1)], { schemaVersion }))
    assert.is(error.code, 'ValidationFailed')
    assert.is(error.path, 'schemaVersion')
  }
  assert.is((await store.readAll()).length, 0)
})

test('reads clamp odd ranges instead of failing', async () => {
  const store = createInMemoryEventStore()
  await store.appendToStream('a', [1, 2, 3, 4].map(added))
  const versions = async (options: { from?: number; to?: number; maxCount?: number }): Promise<number[]> =>
    (await store.readStream('a', options)).events.map((e) => e.metadata.streamVersion)
  assert.equal(await versions({ from: -5 }), [1, 2, 3, 4])
  assert.equal(await versions({ from: 1.5, to: 3.5 }), [2, 3])
  assert.equal(await versions({ maxCount: Number.NaN }), [1, 2, 3, 4])
  assert.equal(await versions({ maxCount: 1.7 }), [1])
  assert.equal(await versions({ maxCount: -1 }), [])
  const positions = async (options: { after?: number; maxCount?: number }): Promise<number[]> =>
    (await store.readAll(options)).map((e) => e.metadata.globalPosition)
  assert.equal(await positions({ after: -5 }), [1, 2, 3, 4])
  assert.equal(await positions({ after: Number.NaN, maxCount: 2 }), [1, 2])
  assert.equal(await positions({ after: 1.5 }), [2, 3, 4])
  assert.equal(await positions({ maxCount: Number.POSITIVE_INFINITY }), [1, 2, 3, 4])
})

test('an evolve that throws rejects aggregateStream', async () => {
  const store = createInMemoryEventStore()
  await store.appendToStream('a', [added(1)])
  try {
    await store.aggregateStream('a', {
      initialState: 0,
      evolve: () => {
        throw new Error('bad evolve')
      },
    })
    assert.unreachable('should reject')
  } catch (error) {
    assert.match(String(error), 'bad evolve')
  }
})

test('the handler never runs before subscribe has returned', async () => {
  const store = createInMemoryEventStore()
  await store.appendToStream('a', [added(1)])
  let calls = 0
  const subscription = store.subscribe(() => {
    calls++
  })
  assert.is(calls, 0)
  await waitFor(() => calls === 1)
  subscription.unsubscribe()
})

test('a long synchronous catch-up is delivered whole and in order', async () => {
  const store = createInMemoryEventStore()
  for (let i = 0; i < 30; i++) await store.appendToStream(`s${i}`, Array.from({ length: 100 }, (_, k) => added(i * 100 + k)))
  const seen: number[] = []
  let timerRan = false
  setTimeout(() => (timerRan = true), 0)
  const subscription = store.subscribe((event) => {
    seen.push((event.data as { n: number }).n)
  })
  await waitFor(() => seen.length === 3000)
  subscription.unsubscribe()
  assert.ok(timerRan, 'timers ran during the catch-up')
  assert.ok(seen.every((value, i) => value === i))
})

test('without onError a failing handler becomes a process warning; a throwing onError is contained', () =>
  withWarnings(async (warnings) => {
    const store = createInMemoryEventStore()
    store.subscribe(() => {
      throw new Error('unhandled in handler')
    })
    store.subscribe(
      () => {
        throw new Error('first')
      },
      {
        onError: () => {
          throw new Error('onError fails too')
        },
      },
    )
    await store.appendToStream('a', [added(1)])
    await waitFor(() => warnings.length === 1)
    await sleep(20)
    assert.match(warnings[0]!, 'unhandled in handler')
    assert.match(warnings[0]!, 'global position 1')
    assert.is(warnings.length, 1)
  }),
)

test('a handler that throws a value with no string form is still reported as a warning', () =>
  withWarnings(async (warnings) => {
    const store = createInMemoryEventStore()
    store.subscribe(() => {
      throw Object.create(null)
    })
    await store.appendToStream('a', [added(1)])
    await waitFor(() => warnings.length === 1)
    assert.match(warnings[0]!, 'global position 1 and was stopped: an unprintable value')
  }),
)

test('close resolves', async () => {
  const store = createInMemoryEventStore()
  await store.close?.()
})

test('a store of a union of events keeps the union narrowable', async () => {
  type Added = { readonly type: 'Added'; readonly data: { readonly n: number } }
  type Closed = { readonly type: 'Closed'; readonly data: { readonly at: string } }
  const store = createInMemoryEventStore<Added | Closed>()
  await store.appendToStream('a', [
    { type: 'Added', data: { n: 2 } },
    { type: 'Closed', data: { at: AT } },
  ])
  const { state } = await store.aggregateStream('a', {
    initialState: { n: 0, closed: '' },
    evolve: (s, event: RecordedEvent<Added | Closed>) =>
      event.type === 'Added' ? { ...s, n: s.n + event.data.n } : { ...s, closed: event.data.at },
  })
  assert.equal(state, { n: 2, closed: AT })
})

test.run()
