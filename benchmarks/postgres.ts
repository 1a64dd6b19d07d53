// Appends and reads against a real PostgreSQL server, each reported as a rate and as a ratio to a
// baseline measured in the same run (a single-event append on the same server, and the in-memory
// store doing the same work), so numbers from different machines can be compared.
//
//   scripts/with-postgres.sh node --import tsx benchmarks/postgres.ts
//   CARTFOLD_PG_URL=postgres://... node --import tsx benchmarks/postgres.ts
//
// Without CARTFOLD_PG_URL it prints a notice and exits 0, so `npm run bench` works anywhere.
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { createInMemoryEventStore } from '../src/store/in-memory-event-store.ts'
import type { EventStore } from '../src/store/event-store.ts'
import { createPostgresEventStore } from '../src/store/postgres/index.ts'

const url = process.env.CARTFOLD_PG_URL
if (url === undefined || url === '') {
  console.log('benchmarks/postgres.ts: skipped, CARTFOLD_PG_URL is not set (try scripts/with-postgres.sh npm run bench)')
  process.exit(0)
}

const schema = `bench_${process.pid}_${Date.now().toString(36)}`
const event = (i: number) => ({
  type: 'ItemsAdded',
  data: { at: '2024-01-01T00:00:00.000Z', cartItems: [{ name: `item ${i}`, sku: `SKU-${i}`, quantity: 1, price: 19.99 }] },
})

interface Result {
  readonly name: string
  readonly ops: number
  readonly unit: string
  readonly perSecond: number
}

const measure = async (name: string, unit: string, ops: number, run: () => Promise<void>): Promise<Result> => {
  const start = process.hrtime.bigint()
  await run()
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return { name, ops, unit, perSecond: ops / seconds }
}

const mustAppend = async (store: EventStore, streamId: string, events: ReadonlyArray<ReturnType<typeof event>>) => {
  const r = await store.appendToStream(streamId, events)
  if (E.isLeft(r)) throw new Error(r.left.message)
}

const appendsSequential = (store: EventStore, prefix: string, n: number, batch: number) => async () => {
  for (let i = 0; i < n; i++) {
    await mustAppend(store, `${prefix}-${i % 50}`, Array.from({ length: batch }, (_, k) => event(i * batch + k)))
  }
}

const appendsConcurrent = (store: EventStore, prefix: string, n: number, writers: number) => async () => {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = w; i < n; i += writers) await mustAppend(store, `${prefix}-${w}`, [event(i)])
    }),
  )
}

const readStreams = (store: EventStore, streamIds: ReadonlyArray<string>, n: number) => async () => {
  for (let i = 0; i < n; i++) {
    const r = await store.readStream(streamIds[i % streamIds.length]!)
    if (r.events.length === 0) throw new Error('empty stream')
  }
}

const runOn = async (store: EventStore, scale: number) => {
  const n = Math.round(1000 * scale)
  await appendsSequential(store, 'warmup', 200, 1)() // connections, JIT, caches
  const single = await measure('append, 1 event, sequential', 'appends', n, appendsSequential(store, 'single', n, 1))
  const batch = await measure('append, 10-event batch, sequential', 'appends', n / 2, appendsSequential(store, 'batch', n / 2, 10))
  const concurrent = await measure('append, 1 event, 8 concurrent writers', 'appends', n, appendsConcurrent(store, 'conc', n, 8))
  // 'batch-*' streams hold 100 events each by now
  const streams = Array.from({ length: 5 }, (_, i) => `batch-${i}`)
  const reads = await measure('readStream, 100 events', 'reads', n / 2, readStreams(store, streams, n / 2))
  const readAll = await measure('readAll, 1000 events', 'reads', n / 20, async () => {
    for (let i = 0; i < n / 20; i++) await store.readAll({ after: (i * 37) % 5000, maxCount: 1000 })
  })
  return [single, batch, concurrent, reads, readAll]
}

const pool = new pg.Pool({ connectionString: url, max: 10 })
const postgres = createPostgresEventStore({ pool, schema })
try {
  await postgres.migrate()
  const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version
  const sync = (await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit
  const memory = await runOn(createInMemoryEventStore(), 1)
  const onPg = await runOn(postgres, 1)
  const base = onPg[0]!.perSecond
  console.log(`PostgreSQL ${version} (synchronous_commit=${sync}), node ${process.version}, loopback, pool of 10`)
  console.log('operation                                 |      rate/s | vs 1-event append | vs in-memory')
  for (const [i, r] of onPg.entries()) {
    console.log(
      `${r.name.padEnd(41)} | ${r.perSecond.toFixed(0).padStart(11)} | ${(r.perSecond / base).toFixed(2).padStart(17)} | ${(
        r.perSecond / memory[i]!.perSecond
      ).toFixed(4).padStart(12)}`,
    )
  }
  const batch = onPg[1]!
  console.log(`events/s in 10-event batches: ${(batch.perSecond * 10).toFixed(0)} (${((batch.perSecond * 10) / base).toFixed(1)}x single-event appends)`)
} finally {
  await postgres.close()
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined)
  await pool.end()
}
