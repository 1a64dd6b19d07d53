import * as E from 'fp-ts/lib/Either.js'
import { monotonicFactory } from 'ulid'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type pg from 'pg'
import { insertEvents, lockStream } from '../../src/store/postgres/append.ts'
import { tablesFor } from '../../src/store/postgres/tables.ts'
import { validateAppend, type ValidAppend } from '../../src/store/postgres/validate-append.ts'
import type { PostgresEventStore } from '../../src/store/postgres/index.ts'
import { delay, dropSchema, eventually, freshSchema, makeStore, pgUrl, rawClient, skipNotice } from './support.ts'

// The failure these tests guard against (seen in Marten's and Emmett's histories): a transaction
// takes a global position, commits late, and a reader that has already moved past that position
// never sees its events. Here a transaction is held open, through the store's own append steps, at
// the two places where it matters, while other connections append and a subscriber follows the log.

const test = suite('postgres global log order')

const ev = (type: string, data: unknown = {}) => ({ type, data })
const valid = (streamId: string, events: ReadonlyArray<{ type: string; data: unknown }>): ValidAppend => {
  const v = validateAppend(streamId, events, {})
  if (E.isLeft(v)) throw new Error(v.left.message)
  return v.right
}

/** Backends of this test's schema that are waiting on a lock. */
const waitingOnLock = async (client: pg.Client, schema: string): Promise<number> => {
  const r = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE wait_event_type = 'Lock' AND query LIKE $1 AND pid <> pg_backend_pid()`,
    [`%${schema}%`],
  )
  return r.rows[0].n as number
}

const untilWaiting = async (client: pg.Client, schema: string, n: number): Promise<void> => {
  for (let i = 0; i < 500; i++) {
    if ((await waitingOnLock(client, schema)) >= n) return
    await delay(10)
  }
  throw new Error(`expected ${n} appends waiting on a lock`)
}

interface Fixture {
  readonly schema: string
  readonly writers: PostgresEventStore[]
  readonly observer: PostgresEventStore
  readonly seen: Array<{ position: number; streamId: string }>
  readonly held: pg.Client
  readonly monitor: pg.Client
  readonly done: () => Promise<void>
}

const fixture = async (label: string): Promise<Fixture> => {
  const schema = freshSchema(label)
  const writers = [makeStore(schema), makeStore(schema), makeStore(schema)]
  const observer = makeStore(schema, { pollIntervalMs: 20 })
  await observer.migrate()
  const seen: Array<{ position: number; streamId: string }> = []
  const sub = observer.subscribe((e) => {
    seen.push({ position: e.metadata.globalPosition, streamId: e.metadata.streamId })
  })
  const held = await rawClient()
  const monitor = await rawClient()
  return {
    schema,
    writers,
    observer,
    seen,
    held,
    monitor,
    done: async () => {
      sub.unsubscribe()
      await Promise.all([...writers, observer].map((s) => s.close()))
      await held.end()
      await monitor.end()
      await dropSchema(schema)
    },
  }
}

const track = <A>(p: Promise<A>) => {
  const state = { settled: false, promise: p }
  void p.finally(() => (state.settled = true))
  return state
}

if (pgUrl === undefined) {
  skipNotice('PostgreSQL global-order tests')
} else {
  test('a transaction holding its positions open keeps later appends and every reader behind it', async () => {
    const f = await fixture('held_positions')
    try {
      await f.writers[0]!.appendToStream('early', [ev('E1'), ev('E2')])
      await eventually(() => f.seen.length === 2, 'the first events')

      const ctx = { tables: tablesFor(f.schema), newEventId: monotonicFactory() }
      const slow = valid('slow', [ev('S1'), ev('S2'), ev('S3')])
      await f.held.query('BEGIN')
      const previous = await lockStream(f.held, ctx.tables, 'slow', 3)
      assert.is(await insertEvents(f.held, ctx, slow, previous, Date.now()), 5, 'positions 3..5 taken, not committed')

      const later = f.writers.map((w, i) => track(w.appendToStream(`later-${i}`, [ev('L')])))
      await untilWaiting(f.monitor, f.schema, 3)
      await delay(100) // give a wrong implementation every chance to slip through
      assert.ok(later.every((l) => !l.settled), 'later appends wait for the held transaction')
      assert.equal(await f.observer.readAll({ after: 2 }), [], 'no reader sees past the held positions')
      assert.is(f.seen.length, 2)

      await f.held.query('COMMIT')
      const results = await Promise.all(later.map((l) => l.promise))
      assert.ok(results.every(E.isRight))
      await eventually(() => f.seen.length === 8, 'every event')
      assert.equal(f.seen.map((s) => s.position), [1, 2, 3, 4, 5, 6, 7, 8], 'once each, in commit order')
      assert.equal(f.seen.slice(2, 5).map((s) => s.streamId), ['slow', 'slow', 'slow'])
    } finally {
      await f.done()
    }
  })

  test('a transaction slow before taking positions commits later and is numbered later: nothing skipped', async () => {
    const f = await fixture('slow_start')
    try {
      const ctx = { tables: tablesFor(f.schema), newEventId: monotonicFactory() }
      await f.held.query('BEGIN')
      const previous = await lockStream(f.held, ctx.tables, 'slow', 2) // holds the stream, no positions yet

      // other streams are not held up at all, and their events are delivered at once
      for (const [i, w] of f.writers.entries()) assert.ok(E.isRight(await w.appendToStream(`other-${i}`, [ev('O')])))
      await eventually(() => f.seen.length === 3, 'the other streams')
      // the same stream waits for the held transaction (its compare-and-set)
      const sameStream = track(f.writers[0]!.appendToStream('slow', [ev('After')], { expectedStreamVersion: 2 }))
      await untilWaiting(f.monitor, f.schema, 1)

      assert.is(await insertEvents(f.held, ctx, valid('slow', [ev('S1'), ev('S2')]), previous, Date.now()), 5)
      await delay(50)
      assert.is(f.seen.length, 3, 'uncommitted events stay invisible')
      await f.held.query('COMMIT')
      const after = await sameStream.promise
      assert.equal(after, E.right({ nextExpectedStreamVersion: 3, lastGlobalPosition: 6, createdNewStream: false }))
      await eventually(() => f.seen.length === 6, 'every event')
      assert.equal(f.seen.map((s) => s.position), [1, 2, 3, 4, 5, 6])
      assert.equal(f.seen.map((s) => s.streamId), ['other-0', 'other-1', 'other-2', 'slow', 'slow', 'slow'])
    } finally {
      await f.done()
    }
  })

  test('a transaction that rolls back after taking positions gives them back: no gap', async () => {
    const f = await fixture('rollback')
    try {
      const ctx = { tables: tablesFor(f.schema), newEventId: monotonicFactory() }
      await f.held.query('BEGIN')
      const previous = await lockStream(f.held, ctx.tables, 'doomed', 2)
      assert.is(await insertEvents(f.held, ctx, valid('doomed', [ev('D1'), ev('D2')]), previous, Date.now()), 2)
      const next = track(f.writers[1]!.appendToStream('survivor', [ev('V')]))
      await untilWaiting(f.monitor, f.schema, 1)
      await f.held.query('ROLLBACK')
      assert.equal(await next.promise, E.right({ nextExpectedStreamVersion: 1, lastGlobalPosition: 1, createdNewStream: true }))
      await eventually(() => f.seen.length === 1, 'the survivor')
      assert.equal(f.seen, [{ position: 1, streamId: 'survivor' }])
      assert.is((await f.observer.readStream('doomed')).streamExists, false)
    } finally {
      await f.done()
    }
  })
}

test.run()
