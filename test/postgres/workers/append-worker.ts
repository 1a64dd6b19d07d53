// A separate Node process appending to shared streams, for postgres-processes.test.ts. It reads the
// stream, appends with that version as the expected one, and on a conflict reads again and retries:
// the optimistic-concurrency loop a real service runs. It prints one JSON line: what was
// acknowledged, and how many conflicts it met.
import * as E from 'fp-ts/lib/Either.js'
import { createPostgresEventStore } from '../../../src/store/postgres/index.ts'

const [url, schema, worker, appendsArg, streamsArg] = process.argv.slice(2)
const appends = Number(appendsArg)
const streams = Number(streamsArg)
const store = createPostgresEventStore({ connectionString: url!, schema: schema!, maxConnections: 2 })

const acknowledged: Array<{ streamId: string; ids: string[]; version: number }> = []
let conflicts = 0
for (let i = 0; i < appends; i++) {
  const streamId = `shared-${(i * 7 + Number(worker)) % streams}`
  const size = 1 + (i % 3)
  const ids = Array.from({ length: size }, (_, k) => `${worker}.${i}.${k}`)
  const events = ids.map((id) => ({ type: 'Appended', data: { id, worker: Number(worker) } }))
  for (let attempt = 0; ; attempt++) {
    if (attempt > 200) throw new Error(`worker ${worker}: no progress on ${streamId}`)
    // every fourth append does not care about the version: it must never conflict
    const expected = i % 4 === 3 ? 'any' : (await store.readStream(streamId, { from: 1, maxCount: 0 })).currentStreamVersion
    const result = await store.appendToStream(streamId, events, { expectedStreamVersion: expected })
    if (E.isRight(result)) {
      acknowledged.push({ streamId, ids, version: result.right.nextExpectedStreamVersion })
      break
    }
    if (result.left.code !== 'ConcurrencyConflict' || expected === 'any') {
      throw new Error(`worker ${worker}: ${result.left.code}: ${result.left.message}`)
    }
    conflicts++
  }
}
await store.close()
process.stdout.write(`${JSON.stringify({ worker: Number(worker), acknowledged, conflicts })}\n`)
