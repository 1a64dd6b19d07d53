// `npm run bench` (full) and `npm run bench:quick` (about 20 seconds): prints the table and writes
// benchmarks/results.json. Benchmarks are not tests: CI times nothing.
import { writeFileSync } from 'node:fs'
import { appendBenchmark } from './append.bench.ts'
import { foldBenchmark } from './fold.bench.ts'
import { replayBenchmark, scalingBenchmark } from './replay.bench.ts'
import { serviceBenchmark } from './service.bench.ts'
import { printTable, type Row } from './harness.ts'
import { generate } from './workload.ts'

const quick = process.argv.includes('--quick')
const repetitions = quick ? 5 : 7
if (!(globalThis as { gc?: unknown }).gc) console.warn('run with --expose-gc for stable figures (npm run bench does)')

const rows: Row[] = []
// The fold first: the service and replay run the same recipes on frozen and drafted states, and a
// fold measured after them ran 3 to 4 times slower than alone (0.25x against 0.92x), a figure of
// the JIT's history, not of the fold. Its workload is released before the store is measured: a
// large heap held by someone else slows every collection the appends trigger.
{
  const workload = generate(quick ? 100_000 : 900_000)
  console.error(`workload: ${workload.sessions.length} sessions, ${workload.eventCount} events`)
  rows.push(await foldBenchmark(workload, repetitions, quick ? 10 : 3))
}
rows.push(...(await appendBenchmark(quick ? 200_000 : 1_000_000, quick ? 20_000 : 100_000, quick ? 3 : 5)))
rows.push(await serviceBenchmark(1_000, quick ? 20_000 : 100_000, quick ? 3 : 5))
rows.push(await replayBenchmark(quick ? 100_000 : 900_000, repetitions))
rows.push(await scalingBenchmark(10_000, quick ? 200_000 : 1_000_000, quick ? 3 : 5))

printTable(rows)
writeFileSync(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify({ at: new Date().toISOString(), quick, node: process.version, rows }, null, 2)}\n`,
)

// PostgreSQL figures when a server is reachable (scripts/with-postgres.sh npm run bench).
if (process.env.CARTFOLD_PG_URL) await import('./postgres.ts')
