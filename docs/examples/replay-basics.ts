import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInMemoryEventStore, createSessionService, readEventLog, replay, writeEventLog, type SessionEvent } from 'cartfold'

// A store with two sessions in it, made through the session service.
const store = createInMemoryEventStore<SessionEvent>({ clock: () => new Date('2026-11-22T10:00:00.000Z') })
const service = createSessionService({ store, clock: () => new Date('2026-11-22T10:00:00.000Z') })
const cart = (sku: string, price: number) => ({ cartItems: [{ sku, quantity: 1, price }] })
await service.execute('cart-1', { type: 'CreateSession', data: { integrationId: 'cart-1', applicationId: 1, ...cart('TEA', 4.2) } })
await service.execute('cart-1', { type: 'CloseSession', data: {} })
await service.execute('cart-2', { type: 'CreateSession', data: { integrationId: 'cart-2', applicationId: 1, ...cart('MUG', 12) } })
service.close()

// The store out as a gzipped log: a store, or any (async) iterable of recorded events.
const dir = await mkdtemp(join(tmpdir(), 'cartfold-'))
const log = join(dir, 'sessions.jsonl.gz')
const written = await writeEventLog(store, log)
if (written._tag === 'Right') console.log(`wrote ${written.right.events} events`)

// Read it back, line by line: always the current shape.
for await (const item of readEventLog(log)) {
  if ('event' in item) console.log(item.line, item.event.metadata.streamId, item.event.type)
  else console.error(item.error.message)
}

// A plain log with a bad line at its end: replay rejects it, reports it, and goes on.
const plain = join(dir, 'sessions.jsonl')
await writeEventLog(store, plain)
await appendFile(plain, '{"type":"Closed"}\n')
const { sessions, report } = await replay(plain, { rejects: join(dir, 'rejects.jsonl') })
console.log(`read ${report.read}, applied ${report.applied}, rejected ${report.rejected}, sessions ${report.sessions}`)
for (const r of report.rejections) console.log(`line ${r.line}: ${r.code}: ${r.message}`)
for (const [id, p] of sessions) console.log(id, p.state, p.total)
console.log(`rejects file: ${(await readFile(join(dir, 'rejects.jsonl'), 'utf8')).trim()}`)
await rm(dir, { recursive: true })
