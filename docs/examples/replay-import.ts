import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInMemoryEventStore, importEventLog, replay, writeEventLog, type SessionEvent } from 'cartfold'

// A log into a fresh store, then the store back out as a log.
const store = createInMemoryEventStore<SessionEvent>()
const imported = await importEventLog('examples/broken.jsonl', store)
if (imported._tag === 'Left') {
  console.error(imported.left.code, imported.left.message, imported.left.report)
  process.exit(1)
}
const { read, imported: appended, rejected, streams } = imported.right
console.log(`read ${read}, imported ${appended}, rejected ${rejected}; streams ${streams}`)

const out = join(tmpdir(), 'cartfold-round-trip.jsonl')
await writeEventLog(store, out)
const [before, after] = [await replay('examples/broken.jsonl'), await replay(out)]
const same = JSON.stringify([...after.sessions]) === JSON.stringify([...before.sessions])
console.log(`written back and replayed: rejected ${after.report.rejected}, same sessions ${same}`)
