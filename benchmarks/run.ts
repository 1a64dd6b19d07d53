// `npm run bench` (full) and `npm run bench:quick` (about 20 seconds): prints the table and writes
// it to benchmarks/results/latest.json, which git ignores; `npm run bench -- --update` rewrites the
// committed benchmarks/results.json instead. Benchmarks are not tests: CI times nothing.
//
// Each figure is measured in a child process of its own (benchmarks/one.ts), one after the other:
// a figure measured after other benchmarks in the same process is partly a figure of the JIT's
// and the heap's history. The fold ran 3 to 4 times slower after the service and replay had run
// the same recipes on frozen and drafted states (0.25x against 0.92x alone), and the appends
// slowed down behind the fold's large workload. Baselines stay in the same process as what they
// are compared with.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { printTable, type Row } from './harness.ts'

const quick = process.argv.includes('--quick')
const update = process.argv.includes('--update')
if (!process.execArgv.includes('--expose-gc')) console.warn('run with --expose-gc for stable figures (npm run bench does)')

const one = fileURLToPath(new URL('./one.ts', import.meta.url))
const rows: Row[] = []
for (const name of ['fold', 'append', 'service', 'replay', 'scaling', 'heap', 'http']) {
  const out = execFileSync(process.execPath, [...process.execArgv, one, name, ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  })
  rows.push(...(JSON.parse(out) as Row[]))
}

printTable(rows)
const results = new URL(update ? './results.json' : './results/latest.json', import.meta.url)
mkdirSync(new URL('.', results), { recursive: true })
writeFileSync(
  results,
  `${JSON.stringify({ at: new Date().toISOString(), quick, node: process.version, rows }, null, 2)}\n`,
)

// PostgreSQL figures when a server is reachable (scripts/with-postgres.sh npm run bench).
if (process.env.CARTFOLD_PG_URL) await import('./postgres.ts')
