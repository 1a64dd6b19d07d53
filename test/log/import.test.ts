import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  createInMemoryEventStore,
  createSessionService,
  importEventLog,
  parsePolicy,
  readEventLog,
  replay,
  writeEventLog,
  type EventStore,
  type ImportStore,
  type RecordedEvent,
  type SessionCommand,
  type SessionEvent,
} from '../../src/index.ts'
import { sessionError } from '../../src/domain/errors.ts'
import { collect, created, item, line } from './helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-import-'))
const policy = E.getOrElseW(() => undefined)(parsePolicy(readFileSync('examples/policy.json', 'utf8')))!

/** What a round trip keeps: everything but the ids, positions and times the store assigns. */
const kept = (events: ReadonlyArray<RecordedEvent<SessionEvent>>) =>
  events.map((e) => ({ type: e.type, data: e.data, streamId: e.metadata.streamId, streamVersion: e.metadata.streamVersion }))

const items = (sku: string, price: number, quantity = 1, category?: string) => ({
  type: 'AddItems' as const,
  data: { cartItems: [{ sku, price, quantity, ...(category === undefined ? {} : { category }) }] },
})

test('round trip: a store, written as a log and imported into a fresh store, has the same events and projections', async () => {
  let now = Date.parse('2026-02-01T09:00:00.000Z')
  const clock = () => new Date((now += 60_000))
  const store = createInMemoryEventStore<SessionEvent>({ clock })
  const service = createSessionService({ store, policy, clock })
  const scripts: Record<string, SessionCommand[]> = {
    'rt-open': [{ type: 'CreateSession', data: { integrationId: 'rt-open', applicationId: 1, profileId: 'ann', currency: 'EUR' } }, items('MUG', 12, 2, 'mugs')],
    'rt-returned': [
      { type: 'CreateSession', data: { integrationId: 'rt-returned', applicationId: 1, profileId: 'bo', couponCodes: ['FREESHIP'], additionalCosts: { shipping: { price: 4.9 } } } },
      items('BOOK', 40, 2),
      { type: 'CloseSession', data: {} },
      { type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } },
    ],
    'rt-cancelled': [{ type: 'CreateSession', data: { integrationId: 'rt-cancelled', applicationId: 1 } }, items('TEA', 7.8, 3), { type: 'CloseSession', data: {} }, { type: 'CancelSession', data: {} }],
    'rt-reopened': [
      { type: 'CreateSession', data: { integrationId: 'rt-reopened', applicationId: 1, profileId: 'ann', referralCode: 'REF', couponCodes: ['X'] } },
      items('HAT', 25, 3),
      { type: 'CloseSession', data: {} },
      { type: 'ReopenSession', data: {} },
      { type: 'UpdateSession', data: { profileId: 'cy' } },
      { type: 'CloseSession', data: {} },
    ],
  }
  // Interleaved, as a live store's sessions are.
  for (let step = 0; step < 6; step++) {
    for (const [id, commands] of Object.entries(scripts)) {
      const command = commands[step]
      if (command !== undefined) assert.ok(E.isRight(await service.execute(id, command)), `${id} step ${step}`)
    }
  }
  const log = join(dir, 'round-trip.jsonl.gz')
  assert.ok(E.isRight(await writeEventLog(store, log)))

  const fresh = createInMemoryEventStore<SessionEvent>()
  const imported = await importEventLog(log, fresh)
  assert.ok(E.isRight(imported))
  if (E.isRight(imported)) {
    const total = (await store.readAll()).length
    assert.equal(imported.right, { read: total, imported: total, rejected: 0, streams: 4, rejections: [] })
  }
  const before = await store.readAll()
  const after = await fresh.readAll()
  assert.equal(kept(after), kept(before))
  assert.ok(before.some((e) => e.type === 'Closed' && e.data.effects.length > 0), 'the policy granted effects')
  assert.ok(before.some((e) => e.type === 'ItemsReturned' && e.data.rolledBack.length > 0), 'a return rolled some back')

  const again = createSessionService({ store: fresh, policy, clock })
  for (const id of Object.keys(scripts)) assert.equal(await again.get(id), await service.get(id), id)
  assert.equal(await again.list(), await service.list())
  service.close()
  again.close()
})

test('round trip of the sample: importing it and writing it back replays to the same sessions', async () => {
  const fresh = createInMemoryEventStore<SessionEvent>()
  const imported = await importEventLog('examples/sessions.jsonl', fresh)
  assert.ok(E.isRight(imported) && imported.right.rejected === 0 && imported.right.imported === imported.right.read)
  const read = await collect(readEventLog('examples/sessions.jsonl'))
  assert.equal(kept(await fresh.readAll()), kept(read.flatMap((i) => ('event' in i ? [i.event] : []))))
  const out = join(dir, 'sample-again.jsonl')
  assert.ok(E.isRight(await writeEventLog(fresh, out)))
  const [a, b] = [await replay('examples/sessions.jsonl', { policy }), await replay(out, { policy })]
  assert.equal([...b.sessions], [...a.sessions])
})

test('a broken log imports what replay applies: cut-short streams up to their first rejected line', async () => {
  const fresh = createInMemoryEventStore<SessionEvent>()
  const seen: number[] = []
  const imported = await importEventLog('examples/broken.jsonl', fresh, { onRejected: (r) => seen.push(r.line) })
  const { report, sessions } = await replay('examples/broken.jsonl')
  assert.ok(E.isRight(imported))
  if (E.isLeft(imported)) return
  assert.equal(imported.right.rejections, report.rejections)
  assert.equal(seen, report.rejections.map((r) => r.line))
  assert.equal([imported.right.read, imported.right.imported, imported.right.streams], [report.read, report.applied, report.sessions])
  const streams = new Set((await fresh.readAll()).map((e) => e.metadata.streamId))
  assert.equal([...streams].sort(), [...sessions.keys()].sort())
})

test('importing into a store that already holds the streams refuses them, line by line, and imports nothing', async () => {
  const store = createInMemoryEventStore<SessionEvent>()
  assert.ok(E.isRight(await importEventLog('examples/broken.jsonl', store)))
  const count = (await store.readAll()).length
  const again = await importEventLog('examples/broken.jsonl', store)
  assert.ok(E.isRight(again))
  if (E.isLeft(again)) return
  assert.is(again.right.imported, 0)
  assert.is(again.right.rejected, again.right.read)
  const codes = new Set(again.right.rejections.map((r) => r.code))
  assert.ok(codes.has('ConcurrencyConflict') && codes.has('StreamBroken'))
  assert.match(again.right.rejections.find((r) => r.code === 'ConcurrencyConflict')!.message, /^line \d+: the store refused the event: /)
  assert.is((await store.readAll()).length, count)
})

test('a failing store or an unreadable log ends the import with a Left and the counts so far; nothing throws', async () => {
  const inner: EventStore<SessionEvent> = createInMemoryEventStore<SessionEvent>()
  let calls = 0
  const flaky = (fail: () => ReturnType<ImportStore['appendToStream']>): ImportStore => ({
    appendToStream: (streamId, events, options) => (++calls > 3 ? fail() : inner.appendToStream(streamId, events, options)),
  })
  const down = await importEventLog('examples/sessions.jsonl', flaky(() => Promise.resolve(E.left(sessionError('StoreUnavailable', 'connection refused')))))
  assert.ok(E.isLeft(down))
  if (E.isLeft(down)) {
    assert.is(down.left.code, 'StoreUnavailable')
    assert.is(down.left.message, 'connection refused')
    assert.is(down.left.report.imported, (await inner.readAll()).length)
  }
  calls = 0
  const throwing = await importEventLog(['{"type":'], flaky(() => Promise.reject(new Error('boom'))))
  assert.ok(E.isRight(throwing), 'no append, no failure')
  const thrown = await importEventLog('examples/broken.jsonl', { appendToStream: () => Promise.reject(new Error('boom')) })
  assert.ok(E.isLeft(thrown) && thrown.left.code === 'StoreUnavailable' && /threw: boom/.test(thrown.left.message))
  const missing = await importEventLog(join(dir, 'missing.jsonl'), createInMemoryEventStore<SessionEvent>())
  assert.ok(E.isLeft(missing) && missing.left.code === 'ReadFailed' && missing.left.report.read === 0)
})

test('a store refusing a pending run is reported before a later line of its stream, which it then blames', async () => {
  const store = createInMemoryEventStore<SessionEvent>()
  assert.ok(E.isRight(await importEventLog([created('held')], store)))
  const log = [created('held'), line('ItemsAdded', { cartItems: [item] }, 'held', 2), created('held').replace('"streamVersion":1', '"streamVersion":3')]
  const seen: number[] = []
  const imported = await importEventLog(log, store, { onRejected: (r) => seen.push(r.line) })
  assert.ok(E.isRight(imported))
  if (E.isLeft(imported)) return
  const { rejections } = imported.right
  assert.equal(rejections.map((r) => [r.line, r.code]), [[1, 'ConcurrencyConflict'], [2, 'ConcurrencyConflict'], [3, 'StreamBroken']])
  assert.equal(seen, [1, 2, 3])
  assert.match(rejections[2]!.message, /cut short at line 1 \(ConcurrencyConflict\)/)
})

test.run()
