import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { dropSchema, eventually, freshSchema, makeStore, pgUrl, skipNotice } from './support.ts'

const test = suite('postgres store across processes')

interface WorkerReport {
  readonly worker: number
  readonly acknowledged: ReadonlyArray<{ streamId: string; ids: string[]; version: number }>
  readonly conflicts: number
}

const workerPath = fileURLToPath(new URL('./workers/append-worker.ts', import.meta.url))

const runWorker = (args: ReadonlyArray<string>): Promise<WorkerReport> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', workerPath, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`worker ${args[2]} exited with ${code}: ${err}`))
      else resolve(JSON.parse(out.trim()) as WorkerReport)
    })
  })

if (pgUrl === undefined) {
  skipNotice('PostgreSQL multi-process tests')
} else {
  const url = pgUrl
  const schema = freshSchema('procs')
  test.after(() => dropSchema(schema))

  test('several processes append to the same streams: nothing lost, nothing doubled, no gaps', async () => {
    const WORKERS = 4
    const APPENDS = 40
    const STREAMS = 3
    // a subscriber in this process follows the log live while the workers write
    const observer = makeStore(schema, { pollIntervalMs: 25 })
    const seen: number[] = []
    const sub = observer.subscribe((e) => {
      seen.push(e.metadata.globalPosition)
    })
    try {
      // the workers start on an empty database: they also race to run the migrations
      const reports = await Promise.all(
        Array.from({ length: WORKERS }, (_, w) => runWorker([url, schema, String(w), String(APPENDS), String(STREAMS)])),
      )
      const acknowledged = reports.flatMap((r) => r.acknowledged)
      assert.is(acknowledged.length, WORKERS * APPENDS)
      const conflicts = reports.reduce((n, r) => n + r.conflicts, 0)
      console.log(`    ${WORKERS} processes, ${acknowledged.length} appends, ${conflicts} conflicts retried`)

      const all = await observer.readAll()
      const expectedIds = acknowledged.flatMap((a) => a.ids).sort()
      const storedIds = all.map((e) => (e.data as { id: string }).id).sort()
      assert.equal(storedIds, expectedIds, 'every acknowledged event exactly once, and nothing else')
      assert.equal(all.map((e) => e.metadata.globalPosition), all.map((_, i) => i + 1), 'global positions have no gaps')

      for (let s = 0; s < STREAMS; s++) {
        const stream = await observer.readStream(`shared-${s}`)
        assert.equal(stream.events.map((e) => e.metadata.streamVersion), stream.events.map((_, i) => i + 1))
        assert.is(stream.currentStreamVersion, stream.events.length)
        // each acknowledged batch sits exactly where its append said it would end
        for (const a of acknowledged.filter((x) => x.streamId === `shared-${s}`)) {
          const slice = stream.events.slice(a.version - a.ids.length, a.version)
          assert.equal(slice.map((e) => (e.data as { id: string }).id), a.ids)
        }
      }
      await eventually(() => seen.length === all.length, 'the live subscriber to see everything')
      assert.equal(seen, all.map((e) => e.metadata.globalPosition), 'the subscriber saw each event once, in order')
    } finally {
      sub.unsubscribe()
      await observer.close()
    }
  })
}

test.run()
