import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  CommandHandler,
  DeciderCommandHandler,
  ExpectedVersionConflictError,
  IllegalStateError,
  NO_CONCURRENCY_CHECK,
  STREAM_DOES_NOT_EXIST,
  STREAM_EXISTS,
  ValidationError,
  type EventStore as EmmettEventStore,
  type ReadEvent,
} from '@event-driven-io/emmett'
import type { AnyEvent, EventStore, SessionEvent, SessionState } from '../../src/index.ts'
import { emmettDecider, emmettEventStore, sessionErrorOf, type CartfoldReadEventMetadata } from '../../src/emmett/index.ts'
import { addItems, cartItem, closeSession, created, createSession, now } from '../../src/testing/index.ts'

// Two suites every store runs. The first is Emmett's command handling over any Emmett store
// (Emmett's own in-memory one, and cartfold's stores through the adapter); the second is what
// the adapter itself promises, over any cartfold store.

const decider = emmettDecider({ clock: () => new Date(now) })
const handle = DeciderCommandHandler(decider)

/** Rejects with what `promise` rejects with; fails when it resolves. */
export const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

/**
 * The store with another writer on it: before the first append through it reaches the store,
 * `interfere` runs (as another process would, between this handler's read and its write).
 */
const interfered = <S extends EmmettEventStore>(store: S, interfere: () => Promise<unknown>): S => {
  let done = false
  return {
    ...store,
    readStream: store.readStream.bind(store),
    aggregateStream: store.aggregateStream.bind(store),
    streamExists: store.streamExists.bind(store),
    appendToStream: (async (streamName: string, events: never[], options?: never) => {
      if (!done) {
        done = true
        await interfere()
      }
      return store.appendToStream(streamName, events, options)
    }) as S['appendToStream'],
  }
}

/** `cleanUp` runs once the suite has finished: closing stores, dropping schemas. */
export const handlerSuite = (
  name: string,
  makeStore: () => EmmettEventStore | Promise<EmmettEventStore>,
  cleanUp: () => Promise<void> = async () => {},
): void => {
  const test = suite(`Emmett's DeciderCommandHandler over ${name}`)
  test.after(cleanUp)
  let id = 0
  const fresh = () => `cart-${++id}`

  test('creates, adds and closes: events, state and versions in Emmett terms', async () => {
    const store = await makeStore()
    const cart = fresh()
    const opened = await handle(store, cart, createSession(cart, { cartItems: [cartItem({ sku: 'TEA', price: 4.2 })] }))
    assert.equal([opened.newEvents.map((e) => e.type), opened.nextExpectedStreamVersion, opened.createdNewStream], [['Created', 'ItemsAdded'], 2n, true])
    const added = await handle(store, cart, addItems(cartItem({ sku: 'MUG', price: 12 })))
    assert.equal([added.newState.cartItems.length, added.nextExpectedStreamVersion, added.createdNewStream], [2, 3n, false])
    const done = await handle(store, cart, [closeSession()])
    assert.equal([done.newState.state, done.nextExpectedStreamVersion], ['closed', 4n])
    assert.equal(await store.streamExists(cart), true)
    assert.equal(await store.streamExists(fresh()), false)
    const read = await store.readStream<SessionEvent>(cart)
    assert.equal([read.events.map((e) => e.type), read.currentStreamVersion, read.streamExists], [['Created', 'ItemsAdded', 'ItemsAdded', 'Closed'], 4n, true])
    assert.equal(read.events.map((e) => e.metadata.streamPosition), [1n, 2n, 3n, 4n])
  })

  test('several commands in one call are decided in turn and appended at once', async () => {
    const store = await makeStore()
    const cart = fresh()
    const result = await handle(store, cart, [createSession(cart), addItems(cartItem()), closeSession()])
    assert.equal([result.newEvents.map((e) => e.type), result.nextExpectedStreamVersion], [['Created', 'ItemsAdded', 'Closed'], 3n])
  })

  test('a refusal rejects with its Emmett error, and stores nothing', async () => {
    const store = await makeStore()
    const cart = fresh()
    await handle(store, cart, [createSession(cart), closeSession()])
    const error = await rejection(handle(store, cart, addItems(cartItem())))
    assert.instance(error, IllegalStateError)
    assert.is(sessionErrorOf(error)?.code, 'InvalidTransition')
    assert.is((await store.readStream(cart)).currentStreamVersion, 2n)
  })

  test('an expected version the stream is not at is a conflict, before anything is decided', async () => {
    const store = await makeStore()
    const cart = fresh()
    await handle(store, cart, createSession(cart))
    const error = await rejection(handle(store, cart, addItems(cartItem()), { expectedStreamVersion: 5n }))
    assert.instance(error, ExpectedVersionConflictError)
    const ok = await handle(store, cart, addItems(cartItem()), { expectedStreamVersion: 1n })
    assert.is(ok.nextExpectedStreamVersion, 2n)
  })

  test('another writer between the read and the append: a conflict, or, retried, both writes', async () => {
    const store = await makeStore()
    const cart = fresh()
    await handle(store, cart, createSession(cart))
    const other = () => handle(store, cart, addItems(cartItem({ sku: 'OTHER' })))
    const lost = await rejection(handle(interfered(store, other), cart, addItems(cartItem({ sku: 'MINE' }))))
    assert.instance(lost, ExpectedVersionConflictError)
    const retried = await handle(interfered(store, other), cart, addItems(cartItem({ sku: 'MINE' })), { retry: { onVersionConflict: true } })
    assert.equal(retried.newState.cartItems.map((line) => line.sku), ['OTHER', 'OTHER', 'MINE'], 'the lost write stored nothing; the retried one went after the other writer')
    assert.is(retried.nextExpectedStreamVersion, 4n)
  })

  test("Emmett's CommandHandler, with a handler of one's own", async () => {
    const store = await makeStore()
    const cart = fresh()
    const handler = CommandHandler<SessionState, SessionEvent>({ evolve: decider.evolve, initialState: decider.initialState })
    const result = await handler(store, cart, () => [created({ integrationId: cart })])
    assert.equal([result.newState.integrationId, result.nextExpectedStreamVersion], [cart, 1n])
    const nothing = await handler(store, cart, () => [])
    assert.equal([nothing.newEvents, nothing.nextExpectedStreamVersion], [[], 1n])
  })

  test.run()
}

export const adapterSuite = (
  name: string,
  makeStore: () => EventStore<AnyEvent> | Promise<EventStore<AnyEvent>>,
  cleanUp: () => Promise<void> = async () => {},
): void => {
  const test = suite(`emmettEventStore over ${name}`)
  test.after(cleanUp)
  let id = 0
  const fresh = () => `adapter-${++id}`
  type Noted = { type: 'Noted'; data: { n: number } }
  const event = (n: number): Noted => ({ type: 'Noted', data: { n } })

  test('appends with Emmett results: bigint versions, the last global position, a new stream', async () => {
    const cartfold = await makeStore()
    const store = emmettEventStore(cartfold)
    const stream = fresh()
    const first = await store.appendToStream(stream, [event(1), event(2)], { expectedStreamVersion: STREAM_DOES_NOT_EXIST })
    assert.equal([first.nextExpectedStreamVersion, first.createdNewStream, typeof first.lastEventGlobalPosition], [2n, true, 'bigint'])
    const second = await store.appendToStream(stream, [event(3)], { expectedStreamVersion: 2n })
    assert.equal([second.nextExpectedStreamVersion, second.createdNewStream, second.lastEventGlobalPosition], [3n, false, first.lastEventGlobalPosition + 1n])
    await store.appendToStream(stream, [event(4)], { expectedStreamVersion: STREAM_EXISTS })
    await store.appendToStream(stream, [event(5)], { expectedStreamVersion: NO_CONCURRENCY_CHECK })
    await store.appendToStream(stream, [event(6)])
    const [recorded] = (await cartfold.readStream(stream, { from: 6 })).events
    assert.equal([recorded!.type, recorded!.data], ['Noted', { n: 6 }])
  })

  test("Emmett's sentinels, refused: conflicts carrying the SessionError", async () => {
    const store = emmettEventStore(await makeStore())
    const stream = fresh()
    const missing = await rejection(store.appendToStream(stream, [event(1)], { expectedStreamVersion: STREAM_EXISTS }))
    assert.instance(missing, ExpectedVersionConflictError)
    assert.equal(
      [sessionErrorOf(missing)?.code, sessionErrorOf(missing)?.expected, sessionErrorOf(missing)?.actual],
      ['ConcurrencyConflict', 'stream_exists', 0],
    )
    await store.appendToStream(stream, [event(1)])
    const exists = await rejection(store.appendToStream(stream, [event(2)], { expectedStreamVersion: STREAM_DOES_NOT_EXIST }))
    assert.instance(exists, ExpectedVersionConflictError)
    assert.match(exists.message, `"${stream}"`)
    const stale = await rejection(store.appendToStream(stream, [event(2)], { expectedStreamVersion: 0n }))
    assert.is(sessionErrorOf(stale)?.actual, 1)
  })

  test('what the store refuses is a ValidationError: data that is not JSON, a version past the safe range', async () => {
    const store = emmettEventStore(await makeStore())
    const bad = await rejection(store.appendToStream(fresh(), [{ type: 'Noted', data: { n: Number.NaN } }]))
    assert.instance(bad, ValidationError)
    assert.is(sessionErrorOf(bad)?.code, 'ValidationFailed')
    const huge = await rejection(store.appendToStream(fresh(), [event(1)], { expectedStreamVersion: 2n ** 60n }))
    assert.instance(huge, ValidationError)
  })

  test('reads: Emmett metadata, inclusive from and to, a count, the stream version whatever was read', async () => {
    const cartfold = await makeStore()
    const store = emmettEventStore(cartfold)
    const stream = fresh()
    await store.appendToStream(stream, [event(1), event(2), event(3), event(4)])
    const all = await store.readStream(stream)
    const mine = (await cartfold.readStream(stream)).events
    assert.equal(all.events[0], {
      type: 'Noted',
      data: { n: 1 },
      kind: 'Event',
      metadata: {
        messageId: mine[0]!.metadata.eventId,
        streamName: stream,
        streamPosition: 1n,
        globalPosition: BigInt(mine[0]!.metadata.globalPosition),
        recordedAt: mine[0]!.metadata.recordedAt,
        schemaVersion: 2,
      },
    })
    const some = await store.readStream(stream, { from: 2n, to: 3n })
    assert.equal([some.events.map((e) => e.data), some.currentStreamVersion, some.streamExists], [[{ n: 2 }, { n: 3 }], 4n, true])
    assert.equal((await store.readStream(stream, { from: 2n, maxCount: 1n })).events.map((e) => e.data), [{ n: 2 }])
    assert.equal(await store.readStream(fresh()), { currentStreamVersion: 0n, events: [], streamExists: false })
  })

  test('reads check an expected version when given one', async () => {
    const store = emmettEventStore(await makeStore())
    const stream = fresh()
    await store.appendToStream(stream, [event(1)])
    assert.is((await store.readStream(stream, { expectedStreamVersion: 1n })).events.length, 1)
    assert.instance(await rejection(store.readStream(stream, { expectedStreamVersion: STREAM_DOES_NOT_EXIST })), ExpectedVersionConflictError)
    const odd = await rejection(store.readStream(stream, { expectedStreamVersion: 'soon' as never }))
    assert.instance(odd, ValidationError)
    assert.is(sessionErrorOf(odd)?.path, 'expectedStreamVersion')
    const aggregate = { initialState: () => 0, evolve: (sum: number, e: Noted) => sum + e.data.n }
    assert.instance(await rejection(store.aggregateStream<number, Noted>(stream, { ...aggregate, read: { expectedStreamVersion: 7n } })), ExpectedVersionConflictError)
  })

  test('aggregateStream: evolve sees Emmett events; a stream that does not exist is the initial state', async () => {
    const store = emmettEventStore(await makeStore())
    const stream = fresh()
    const appended = await store.appendToStream(stream, [event(1), event(2), event(3)])
    const seen: bigint[] = []
    const evolve = (sum: number, e: ReadEvent<Noted, CartfoldReadEventMetadata>) => {
      seen.push(e.metadata.streamPosition)
      return sum + e.data.n
    }
    const result = await store.aggregateStream<number, Noted>(stream, { initialState: () => 0, evolve, read: { from: 2n } })
    assert.equal(result, { state: 5, currentStreamVersion: 3n, streamExists: true, lastEventGlobalPosition: appended.lastEventGlobalPosition })
    assert.equal(seen, [2n, 3n])
    assert.equal(await store.aggregateStream<number, Noted>(fresh(), { initialState: () => 0, evolve }), { state: 0, currentStreamVersion: 0n, streamExists: false })
  })

  test("schema versioning: downcast on append, upcast on read, as Emmett's stores do", async () => {
    const cartfold = await makeStore()
    const store = emmettEventStore(cartfold)
    const stream = fresh()
    type Current = { type: 'Noted'; data: { n: number; unit: string } }
    type Stored = { type: 'Noted'; data: { n: number } }
    const downcast = (e: Current): Stored => ({ type: e.type, data: { n: e.data.n } })
    const upcast = (e: Stored): Current => ({ type: e.type, data: { ...e.data, unit: 'pcs' } })
    await store.appendToStream<Current, Stored>(stream, [{ type: 'Noted', data: { n: 1, unit: 'kg' } }], { schema: { versioning: { downcast } } })
    assert.equal((await cartfold.readStream(stream)).events[0]!.data, { n: 1 })
    const read = await store.readStream<Current, Stored>(stream, { schema: { versioning: { upcast } } })
    assert.equal(read.events[0]!.data, { n: 1, unit: 'pcs' })
    const units = await store.aggregateStream<string, Current, Stored>(stream, {
      initialState: () => '',
      evolve: (s: string, e: Current) => s + e.data.unit,
      read: { schema: { versioning: { upcast } } },
    })
    assert.is(units.state, 'pcs')
  })

  test.run()
}
