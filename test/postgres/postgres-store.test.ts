import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createPostgresEventStore, migrations } from '../../src/store/postgres/index.ts'
import type { RecordedEvent } from '../../src/store/event-store.ts'
import { withWarnings } from '../store/warnings.ts'
import { delay, dropSchema, eventually, freshSchema, makeStore, pgUrl, rawClient, skipNotice } from './support.ts'

const test = suite('postgres store')

const schemas: string[] = []
const schemaFor = (label: string): string => {
  const schema = freshSchema(label)
  schemas.push(schema)
  return schema
}
const ev = (type: string, data: unknown = {}) => ({ type, data })

if (pgUrl === undefined) {
  skipNotice('PostgreSQL event store tests')
} else {
  test.after(async () => {
    for (const schema of schemas) await dropSchema(schema)
  })

  test('an empty batch checks the version in one query and never reads the clock', async () => {
    let clockReads = 0
    const store = makeStore(schemaFor('empty'), {
      clock: () => {
        clockReads++
        return new Date(Number.NaN) // an unusable time would refuse any append that read it
      },
    })
    try {
      await store.migrate()
      const result = await store.appendToStream('empty-1', [], { expectedStreamVersion: 'no_stream' })
      assert.equal(result, E.right({ nextExpectedStreamVersion: 0, lastGlobalPosition: 0, createdNewStream: false }))
      const conflict = await store.appendToStream('empty-1', [], { expectedStreamVersion: 'stream_exists' })
      assert.ok(E.isLeft(conflict) && conflict.left.code === 'ConcurrencyConflict')
      assert.is(clockReads, 0)
    } finally {
      await store.close()
    }
  })

  test('migrations create the schema once; re-running and racing migrators are harmless', async () => {
    const schema = schemaFor('migrate')
    const stores = Array.from({ length: 6 }, () => makeStore(schema))
    try {
      const applied = await Promise.all(stores.map((s) => s.migrate()))
      const latest = migrations.map((m) => m.version)
      assert.equal(applied.filter((a) => a.length > 0), [latest], 'exactly one migrator applies the migrations')
      const again = makeStore(schema)
      assert.equal(await again.migrate(), [])
      await again.close()
      const client = await rawClient()
      const rows = await client.query(`SELECT version FROM "${schema}".cartfold_migrations ORDER BY version`)
      await client.end()
      assert.equal(rows.rows.map((r) => r.version), latest)
    } finally {
      await Promise.all(stores.map((s) => s.close()))
    }
  })

  test('appends, then reads back exactly what was written, deep-frozen', async () => {
    const at = new Date('2024-05-06T07:08:09.123Z')
    const store = makeStore(schemaFor('roundtrip'), { clock: () => at })
    try {
      const data = { z: 1, a: [1.5, 'x\u0000y', { b: null, c: true }], m: 19.99, big: 1e300, é: 'ü' }
      const first = await store.appendToStream('s-1', [ev('A', data), { type: 'B', data: undefined }, ev('C', null)])
      assert.equal(first, E.right({ nextExpectedStreamVersion: 3, lastGlobalPosition: 3, createdNewStream: true }))
      const second = await store.appendToStream('s-2', [ev('D', 7)], { schemaVersion: 1 })
      assert.equal(second, E.right({ nextExpectedStreamVersion: 1, lastGlobalPosition: 4, createdNewStream: true }))
      const third = await store.appendToStream('s-1', [ev('E', 'text')])
      assert.equal(third, E.right({ nextExpectedStreamVersion: 4, lastGlobalPosition: 5, createdNewStream: false }))

      const read = await store.readStream('s-1')
      assert.is(read.currentStreamVersion, 4)
      assert.ok(read.streamExists)
      assert.equal(read.events.map((e) => [e.type, e.metadata.streamVersion, e.metadata.globalPosition]), [
        ['A', 1, 1], ['B', 2, 2], ['C', 3, 3], ['E', 4, 5],
      ])
      const [a, b, c] = read.events
      assert.equal(a?.data, data)
      assert.is(JSON.stringify(a?.data), JSON.stringify(data), 'key order and text are kept')
      assert.is(b?.data, undefined)
      assert.ok(b !== undefined && 'data' in b)
      assert.is(c?.data, null)
      assert.is(a?.metadata.recordedAt, at.toISOString())
      assert.is(a?.metadata.schemaVersion, 2)
      assert.is(a?.metadata.streamId, 's-1')
      assert.ok(Object.isFrozen(a) && Object.isFrozen(a?.metadata) && Object.isFrozen(a?.data))
      assert.ok(Object.isFrozen((a?.data as { a: unknown[] }).a[2]))
      assert.ok(Object.isFrozen(read.events))
      const all = await store.readAll()
      assert.is(all.find((e) => e.type === 'D')?.metadata.schemaVersion, 1)
      const ids = all.map((e) => e.metadata.eventId)
      assert.ok(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)), 'ULIDs')
      assert.equal([...ids].sort(), ids, 'monotonic within a process')
      assert.is(new Set(ids).size, ids.length)
    } finally {
      await store.close()
    }
  })

  test('expected versions: numbers and sentinels, and a refused batch leaves no trace', async () => {
    const store = makeStore(schemaFor('expected'))
    try {
      const conflict = async (streamId: string, expected: unknown, actual: number) => {
        const r = await store.appendToStream(streamId, [ev('X')], { expectedStreamVersion: expected as never })
        assert.ok(E.isLeft(r), `expected ${String(expected)} on ${streamId} should conflict`)
        if (E.isLeft(r)) {
          assert.is(r.left.code, 'ConcurrencyConflict')
          assert.is(r.left.sessionId, streamId)
          assert.is(r.left.expected, expected as never)
          assert.is(r.left.actual, actual)
          assert.match(r.left.message, streamId)
        }
      }
      await conflict('s', 'stream_exists', 0)
      await conflict('s', 1, 0)
      assert.ok(E.isRight(await store.appendToStream('s', [ev('A'), ev('B')], { expectedStreamVersion: 'no_stream' })))
      await conflict('s', 'no_stream', 2)
      await conflict('s', 0, 2)
      await conflict('s', 1, 2)
      await conflict('s', 3, 2)
      assert.ok(E.isRight(await store.appendToStream('s', [ev('C')], { expectedStreamVersion: 2 })))
      assert.ok(E.isRight(await store.appendToStream('s', [ev('D')], { expectedStreamVersion: 'stream_exists' })))
      assert.ok(E.isRight(await store.appendToStream('t', [ev('E')], { expectedStreamVersion: 0 })))
      assert.ok(E.isRight(await store.appendToStream('t', [ev('F')], { expectedStreamVersion: 'any' })))
      const all = await store.readAll()
      assert.equal(all.map((e) => e.metadata.globalPosition), [1, 2, 3, 4, 5, 6], 'refusals leave no gap')
      assert.equal(all.map((e) => e.type).join(''), 'ABCDEF')
      assert.is((await store.readStream('s')).currentStreamVersion, 4)
    } finally {
      await store.close()
    }
  })

  test('an empty batch writes nothing but still checks the expected version', async () => {
    const store = makeStore(schemaFor('empty'))
    try {
      assert.equal(
        await store.appendToStream('e', []),
        E.right({ nextExpectedStreamVersion: 0, lastGlobalPosition: 0, createdNewStream: false }),
      )
      await store.appendToStream('other', [ev('A'), ev('B')])
      await store.appendToStream('third', [ev('C')])
      assert.equal(
        await store.appendToStream('other', [], { expectedStreamVersion: 2 }),
        E.right({ nextExpectedStreamVersion: 2, lastGlobalPosition: 2, createdNewStream: false }),
      )
      const refused = await store.appendToStream('e', [], { expectedStreamVersion: 'stream_exists' })
      assert.ok(E.isLeft(refused) && refused.left.code === 'ConcurrencyConflict')
      assert.is((await store.readStream('e')).streamExists, false)
    } finally {
      await store.close()
    }
  })

  test('invalid input is a ValidationFailed value, never a throw, and writes nothing', async () => {
    const store = makeStore(schemaFor('invalid'))
    try {
      const circular: Record<string, unknown> = {}
      circular.self = circular
      const cases: Array<[unknown, unknown, unknown, string]> = [
        ['', [ev('A')], undefined, 'streamId'],
        [42, [ev('A')], undefined, 'streamId'],
        ['s', 'nope', undefined, 'events'],
        ['s', [ev('A'), { data: 1 }], undefined, 'events[1].type'],
        ['s', [null], undefined, 'events[0].type'],
        ['s', [ev('A', { n: 10n })], undefined, 'events[0].data.n'],
        ['s', [ev('A', { a: [1, circular] })], undefined, 'events[0].data.a[1].self'],
        ['s', [ev('A', { a: NaN })], undefined, 'events[0].data.a'],
        ['s', [ev('A', [Infinity])], undefined, 'events[0].data[0]'],
        ['s', [ev('A', { d: new Date() })], undefined, 'events[0].data.d'],
        ['s', [ev('A', () => 1)], undefined, 'events[0].data'],
        ['s', [ev('A')], { expectedStreamVersion: 10n }, 'expectedStreamVersion'],
        ['s', [ev('A')], { expectedStreamVersion: -1 }, 'expectedStreamVersion'],
        ['s', [ev('A')], { expectedStreamVersion: 1.5 }, 'expectedStreamVersion'],
        ['s', [ev('A')], { expectedStreamVersion: 'latest' }, 'expectedStreamVersion'],
        ['s', [ev('A')], { schemaVersion: 0 }, 'schemaVersion'],
      ]
      for (const [streamId, events, options, path] of cases) {
        const r = await store.appendToStream(streamId as string, events as never, options as never)
        assert.ok(E.isLeft(r), path)
        if (E.isLeft(r)) {
          assert.is(r.left.code, 'ValidationFailed', path)
          assert.is(r.left.path, path)
        }
      }
      assert.equal(await store.readAll(), [])
      const broken = makeStore(schemaFor('invalid_clock'), { clock: () => new Date(NaN) })
      const r = await broken.appendToStream('s', [ev('A')])
      assert.ok(E.isLeft(r) && r.left.code === 'ValidationFailed' && r.left.path === 'clock')
      await broken.close()
      // an empty type is still a string, as in the in-memory store
      assert.ok(E.isRight(await store.appendToStream('s', [{ type: '', data: null }])))
    } finally {
      await store.close()
    }
  })

  test('readStream ranges, readAll checkpoints, aggregateStream reports the store version', async () => {
    const store = makeStore(schemaFor('ranges'))
    try {
      for (let i = 1; i <= 5; i++) {
        await store.appendToStream('r', [ev('N', i)])
        await store.appendToStream('q', [ev('M', i)])
      }
      const versions = async (o: object) => (await store.readStream('r', o)).events.map((e) => e.metadata.streamVersion)
      assert.equal(await versions({}), [1, 2, 3, 4, 5])
      assert.equal(await versions({ from: 2, to: 4 }), [2, 3, 4])
      assert.equal(await versions({ from: 3, maxCount: 1 }), [3])
      assert.equal(await versions({ from: 4, to: 2 }), [])
      assert.equal(await versions({ maxCount: 0 }), [])
      assert.equal(await versions({ from: 9 }), [])
      const outOfRange = await store.readStream('r', { from: 9 })
      assert.is(outOfRange.currentStreamVersion, 5)
      assert.ok(outOfRange.streamExists)

      const positions = async (o: object) => (await store.readAll(o)).map((e) => e.metadata.globalPosition)
      assert.equal(await positions({}), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      assert.equal(await positions({ after: 7 }), [8, 9, 10])
      assert.equal(await positions({ after: 2, maxCount: 3 }), [3, 4, 5])
      assert.equal(await positions({ after: 10 }), [])

      const sum = await store.aggregateStream('r', {
        initialState: 0,
        evolve: (s: number, e: RecordedEvent) => s + (e.data as number),
        read: { to: 2 },
      })
      assert.equal(sum, { state: 3, currentStreamVersion: 5, streamExists: true })
      const none = await store.aggregateStream('missing', { initialState: 'x', evolve: (s: string) => s + 'y' })
      assert.equal(none, { state: 'x', currentStreamVersion: 0, streamExists: false })
    } finally {
      await store.close()
    }
  })

  test('racing appends with one expected version: exactly one wins, the others conflict', async () => {
    const schema = schemaFor('race')
    const stores = [makeStore(schema), makeStore(schema), makeStore(schema)]
    try {
      await stores[0]!.appendToStream('hot', [ev('Seed')])
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          stores[i % 3]!.appendToStream('hot', [ev('Try', i), ev('Try2', i)], { expectedStreamVersion: 1 }),
        ),
      )
      assert.is(results.filter(E.isRight).length, 1)
      assert.ok(results.filter(E.isLeft).every((r) => r.left.code === 'ConcurrencyConflict'))
      const read = await stores[1]!.readStream('hot')
      assert.equal(read.events.map((e) => e.metadata.streamVersion), [1, 2, 3])
      assert.equal((await stores[2]!.readAll()).map((e) => e.metadata.globalPosition), [1, 2, 3])
    } finally {
      await Promise.all(stores.map((s) => s.close()))
    }
  })

  test('subscribe: catch-up from a checkpoint, then live, once each, in order, awaiting the handler', async () => {
    const store = makeStore(schemaFor('subscribe'))
    try {
      for (let i = 1; i <= 4; i++) await store.appendToStream(`s${i % 2}`, [ev('Old', i)])
      const seen: number[] = []
      let inHandler = 0
      let overlapped = false
      const sub = store.subscribe(
        async (e) => {
          inHandler++
          if (inHandler > 1) overlapped = true
          await delay(1)
          seen.push(e.metadata.globalPosition)
          inHandler--
        },
        { after: 1 },
      )
      await eventually(() => seen.length === 3, 'catch-up')
      for (let i = 0; i < 5; i++) await store.appendToStream('live', [ev('New', i), ev('New', i)])
      await eventually(() => seen.length === 13, 'live events')
      assert.equal(seen, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
      assert.not.ok(overlapped, 'the handler is awaited before the next event')
      sub.unsubscribe()
      sub.unsubscribe()
      await store.appendToStream('live', [ev('After')])
      await delay(150)
      assert.is(seen.length, 13, 'nothing after unsubscribe')
    } finally {
      await store.close()
    }
  })

  test('subscribe works across pools through NOTIFY, without waiting for the poll', async () => {
    const schema = schemaFor('notify')
    const writer = makeStore(schema)
    const reader = makeStore(schema, { pollIntervalMs: 60_000, subscriptionBatchSize: 2 })
    try {
      await writer.migrate()
      const seen: string[] = []
      const sub = reader.subscribe((e) => {
        seen.push(`${e.metadata.globalPosition}:${String(e.data)}`)
      })
      await delay(200) // the LISTEN connection is up once the first (empty) catch-up is done
      await writer.appendToStream('x', [ev('A', 'a'), ev('B', 'b'), ev('C', 'c')])
      await eventually(() => seen.length === 3, 'notified delivery', 5_000)
      await writer.appendToStream('y', [ev('D', 'd')])
      await eventually(() => seen.length === 4, 'second notification', 5_000)
      assert.equal(seen, ['1:a', '2:b', '3:c', '4:d'])
      sub.unsubscribe()
    } finally {
      await writer.close()
      await reader.close()
    }
  })

  test('a handler that throws stops its subscription at that event and is reported', async () => {
    const reported: Array<[unknown, number]> = []
    const store = makeStore(schemaFor('handler_error'))
    try {
      await store.appendToStream('h', [ev('A'), ev('B'), ev('C')])
      const seen: number[] = []
      store.subscribe(
        (e) => {
          if (e.metadata.globalPosition === 2) throw new Error('boom')
          seen.push(e.metadata.globalPosition)
        },
        { onError: (error, event) => reported.push([error, event.metadata.globalPosition]) },
      )
      await eventually(() => reported.length === 1, 'the report')
      await delay(100)
      assert.equal(seen, [1])
      assert.is((reported[0]?.[0] as Error).message, 'boom')
      assert.is(reported[0]?.[1], 2)

      // without onError: a process warning; a throwing onError is contained
      await withWarnings(async (warnings) => {
        store.subscribe(async () => Promise.reject(new Error('async boom')), { after: 2 })
        let thrown = 0
        store.subscribe(
          () => {
            throw new Error('again')
          },
          {
            onError: () => {
              thrown++
              throw new Error('the reporter fails too')
            },
          },
        )
        await eventually(() => warnings.length === 1 && thrown === 1, 'the warning')
        assert.match(warnings[0]!, 'global position 3')
      })
    } finally {
      await store.close()
    }
  })

  test('an unreachable server gives StoreUnavailable values and rejected reads, never a crash', async () => {
    const store = createPostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/postgres',
      schema: 'never_created',
      pollIntervalMs: 20,
    })
    const r = await store.appendToStream('u', [ev('A')])
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) {
      assert.is(r.left.code, 'StoreUnavailable')
      assert.is(r.left.sessionId, 'u')
      assert.match(r.left.message, 'nothing was appended')
    }
    const rejects = async (p: Promise<unknown>) => p.then(() => false, () => true)
    assert.ok(await rejects(store.readAll()))
    assert.ok(await rejects(store.readStream('u')))
    const sub = store.subscribe(() => {})
    await delay(100) // polls and reconnect attempts fail quietly
    sub.unsubscribe()
    await store.close()
  })

  test('close ends what the store created, and only that', async () => {
    const schema = schemaFor('close')
    const pool = new pg.Pool({ connectionString: pgUrl })
    const borrowed = createPostgresEventStore({ pool, schema, pollIntervalMs: 20 })
    const sub = borrowed.subscribe(() => {})
    await borrowed.appendToStream('c', [ev('A')])
    await borrowed.close()
    await borrowed.close()
    const after = await borrowed.appendToStream('c', [ev('B')])
    assert.ok(E.isLeft(after) && after.left.code === 'StoreUnavailable')
    assert.throws(() => borrowed.subscribe(() => {}))
    sub.unsubscribe()
    const still = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".events`)
    assert.is(still.rows[0].n, 1, 'a borrowed pool stays open')
    await pool.end()
  })

  test('bad options are refused at creation', () => {
    assert.throws(() => createPostgresEventStore({ schema: 'x' }), /pool/)
    assert.throws(() => createPostgresEventStore({ connectionString: pgUrl, schema: '' }), /schema/)
    assert.throws(() => createPostgresEventStore({ connectionString: pgUrl, schema: 'x'.repeat(60) }), /schema/)
  })
}

test.run()
