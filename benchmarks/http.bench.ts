// Issue 14's HTTP row: 10,000 update requests (PUT /v2/customer_sessions/{id}) over 50 sessions at
// concurrency 32 on loopback, against `createTalonServer` in a process of its own (the load client,
// autocannon, runs here). Bounded: a fixed count of requests, and a timeout per run. Targets: the
// in-memory store at >= 5,000 requests/s with p99 <= 20 ms; the PostgreSQL store (when
// CARTFOLD_PG_URL is set) is reported beside it.
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { summarise, type Row } from './harness.ts'
import { bodies } from './http-workload.ts'

const sessions = 50
const connections = 32

const startServer = async (args: string[]) => {
  const script = fileURLToPath(new URL('./http-server.ts', import.meta.url))
  const child = spawn(process.execPath, ['-C', 'cartfold-source', '--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  const stop = async () => {
    child.stdin!.end()
    await once(child, 'exit')
  }
  return { url: line, stop }
}

interface Run {
  readonly perSecond: number
  readonly p99: number
  readonly failed: number
}

/** `amount` update requests, round robin over the sessions, each alternating between two carts. */
const load = async (url: string, amount: number, round: number): Promise<Run> => {
  let sent = 0
  const started = performance.now()
  const result = await autocannon({
    url,
    connections,
    amount,
    timeout: 10,
    headers: { authorization: 'ApiKey-v1 bench', 'content-type': 'application/json' },
    requests: [
      {
        method: 'PUT',
        setupRequest: (request: Record<string, unknown>) => {
          const i = sent++
          return { ...request, path: `/v2/customer_sessions/r${round}-s${i % sessions}`, body: bodies[Math.floor(i / sessions) % 2] }
        },
      },
    ],
  })
  const seconds = (performance.now() - started) / 1000
  return { perSecond: result.requests.total / seconds, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts }
}

const measure = async (label: string, args: string[], amount: number, repetitions: number): Promise<Row[]> => {
  const server = await startServer(args)
  try {
    await load(server.url, Math.min(2_000, amount), -1) // warm-up: the JIT, the sessions' first requests
    const runs: Run[] = []
    for (let r = 0; r < repetitions; r++) runs.push(await load(server.url, amount, r))
    const failed = runs.reduce((n, run) => n + run.failed, 0)
    if (failed > 0) console.error(`http bench (${label}): ${failed} requests failed`)
    const rate = summarise(runs.map((run) => run.perSecond))
    const p99 = summarise(runs.map((run) => run.p99))
    const reference = label !== 'in-memory'
    return [
      {
        figure: `HTTP updates, ${label}: ${amount} over ${sessions} sessions, ${connections} connections (req/s)`,
        median: rate.median.toFixed(0),
        range: `${rate.min.toFixed(0)}-${rate.max.toFixed(0)}`,
        ratio: rate.median / 5_000,
        target: reference ? 'reported' : '>= 5000/s',
        pass: reference ? undefined : rate.median >= 5_000 && failed === 0,
      },
      {
        figure: `HTTP updates, ${label}: p99 latency (ms)`,
        median: p99.median.toFixed(1),
        range: `${p99.min.toFixed(1)}-${p99.max.toFixed(1)}`,
        ratio: p99.median / 20,
        target: reference ? 'reported' : '<= 20 ms',
        pass: reference ? undefined : p99.median <= 20 && failed === 0,
      },
    ]
  } finally {
    await server.stop()
  }
}

export const httpBenchmark = async (amount: number, repetitions: number): Promise<Row[]> => {
  const rows = await measure('in-memory', [], amount, repetitions)
  const url = process.env.CARTFOLD_PG_URL
  if (url) rows.push(...(await measure('PostgreSQL', [url, `bench_http_${process.pid}_${Date.now().toString(36)}`], amount, repetitions)))
  return rows
}
