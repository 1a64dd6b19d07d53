import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInMemoryEventStore, createSessionService, importEventLog, replay, writeEventLog, type SessionEvent } from 'cartfold'

// A log to import: three sessions written by a service, then two lines that do not fit.
const dir = await mkdtemp(join(tmpdir(), 'cartfold-'))
const log = join(dir, 'sessions.jsonl')
const origin = createInMemoryEventStore<SessionEvent>()
const service = createSessionService({ store: origin, clock: () => new Date('2026-11-22T10:00:00.000Z') })
for (const id of ['cart-1', 'cart-2', 'cart-3']) {
  const cartItems = [{ sku: 'TEA', quantity: 2, price: 4.2 }]
  await service.execute(id, { type: 'CreateSession', data: { integrationId: id, applicationId: 1, cartItems } })
}
await service.execute('cart-2', { type: 'CloseSession', data: {} })
service.close()
await writeEventLog(origin, log)
const lines = (await readFile(log, 'utf8')).trim().split('\n')
await appendFile(log, `${lines[1]}\nnot json\n`) // a line repeated (same event id, same version), and a broken one

// The log into a fresh store, then the store back out as a log.
const store = createInMemoryEventStore<SessionEvent>()
const imported = await importEventLog(log, store)
if (imported._tag === 'Left') {
  console.error(imported.left.code, imported.left.message, imported.left.report)
  process.exit(1)
}
const { read, imported: appended, rejected, streams, rejections } = imported.right
console.log(`read ${read}, imported ${appended}, rejected ${rejected}; streams ${streams}`)
for (const r of rejections) console.log(`  line ${r.line}: ${r.code}`)

const out = join(dir, 'round-trip.jsonl')
await writeEventLog(store, out)
const [before, after] = [await replay(log), await replay(out)]
const same = JSON.stringify([...after.sessions]) === JSON.stringify([...before.sessions])
console.log(`written back and replayed: rejected ${after.report.rejected}, same sessions ${same}`)
await rm(dir, { recursive: true })
