// One benchmark in a process of its own (run.ts starts one per figure): every figure is measured
// on a fresh heap and a fresh JIT, not after whatever ran before it. Prints its rows as JSON.
import { appendBenchmark } from './append.bench.ts'
import { foldBenchmark } from './fold.bench.ts'
import type { Row } from './harness.ts'
import { httpBenchmark } from './http.bench.ts'
import { heapPerSessionBenchmark, replayBenchmark, scalingBenchmark } from './replay.bench.ts'
import { serviceBenchmark } from './service.bench.ts'
import { generate } from './workload.ts'

const [name] = process.argv.slice(2)
const quick = process.argv.includes('--quick')
const repetitions = quick ? 5 : 7

const benchmarks: Record<string, () => Promise<Row[]>> = {
  fold: async () => {
    const workload = generate(quick ? 100_000 : 900_000)
    console.error(`workload: ${workload.sessions.length} sessions, ${workload.eventCount} events`)
    return [await foldBenchmark(workload, repetitions, quick ? 10 : 3)]
  },
  append: () => appendBenchmark(quick ? 200_000 : 1_000_000, quick ? 20_000 : 100_000, quick ? 3 : 5),
  service: () => serviceBenchmark(1_000, quick ? 20_000 : 100_000, quick ? 3 : 5),
  replay: () => replayBenchmark(quick ? 60_000 : 900_000, repetitions),
  heap: async () => [await heapPerSessionBenchmark(quick ? 100_000 : 1_000_000)],
  http: () => httpBenchmark(10_000, quick ? 1 : 3),
  scaling: async () => [await scalingBenchmark(10_000, quick ? 100_000 : 1_000_000, quick ? 3 : 5)],
}

const run = name === undefined ? undefined : benchmarks[name]
if (run === undefined) {
  console.error(`usage: one.ts <${Object.keys(benchmarks).join('|')}> [--quick]`)
  process.exit(2)
}
process.stdout.write(`${JSON.stringify(await run())}\n`)
