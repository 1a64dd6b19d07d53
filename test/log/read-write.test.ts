import * as E from 'fp-ts/lib/Either.js'
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createSessionService, readEventLog, replay, writeEventLog, type RecordedEvent, type SessionEvent } from '../../src/index.ts'
import { toLogLine } from '../../src/log/write.ts'
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store.ts'
import { collect, created, item, line, streamOf } from './helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-log-'))
const sample = [created('a'), line('ItemsAdded', { cartItems: [item] }, 'a', 2), line('Closed', { effects: [] }, 'a', 3)]

test('readEventLog reads a path, a byte stream, gzip, and iterables of lines alike, with line numbers', async () => {
  const path = join(dir, 'a.jsonl')
  writeFileSync(path, `${sample.join('\r\n')}\r\n`)
  writeFileSync(`${path}.gz`, gzipSync(`${sample.join('\n')}`))
  async function* lines() {
    yield* sample
  }
  for (const source of [path, `${path}.gz`, streamOf(sample.join('\n')), sample, lines()]) {
    const items = await collect(readEventLog(source))
    assert.equal(items.map((i) => i.line), [1, 2, 3])
    assert.ok(items.every((i) => 'event' in i))
    assert.equal(items.map((i) => ('event' in i ? i.event.type : '')), ['Created', 'ItemsAdded', 'Closed'])
  }
})

test('readEventLog splits lines across chunk boundaries and multi-byte characters', async () => {
  const text = `${created('ü', { attributes: { note: 'é'.repeat(5000) } })}\n${line('ItemsAdded', { cartItems: [item] }, 'ü', 2)}\n`
  const bytes = Buffer.from(text)
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7))
  const stream = new PassThrough()
  for (const c of chunks) stream.write(c)
  stream.end()
  const items = await collect(readEventLog(stream))
  assert.equal(items.map((i) => ('event' in i ? i.event.type : i.error.message)), ['Created', 'ItemsAdded'])
})

test('readEventLog ends with ReadFailed on a missing file or a truncated gzip, never throwing', async () => {
  const missing = await collect(readEventLog(join(dir, 'missing.jsonl')))
  assert.is(missing.length, 1)
  assert.ok('error' in missing[0]! && missing[0].error.code === 'ReadFailed')
  const gz = gzipSync(`${sample.join('\n')}\n`)
  const path = join(dir, 'cut.jsonl.gz')
  writeFileSync(path, gz.subarray(0, gz.length - 12))
  const items = await collect(readEventLog(path))
  const last = items[items.length - 1]!
  assert.ok('error' in last && last.error.code === 'ReadFailed')
})

test('version-1 events are upcast: coupon and referral become codes, total is ignored', async () => {
  const v1 = (type: string, data: object, v: number) => line(type, data, 'old', v, { schemaVersion: 1 })
  const items = await collect(readEventLog([
    v1('Created', { integrationId: 'old', applicationId: 2, profileId: 'p', currency: 'USD', attributes: {}, firstSession: true, coupon: 'SAVE', referral: 'REF', total: 99.5 }, 1),
    v1('ItemsAdded', { cartItems: [item] }, 2),
    v1('Updated', { coupon: 'OTHER', total: 3 }, 3),
    v1('Updated', { coupon: '', referral: '' }, 4),
    v1('Updated', { coupon: 7 }, 5),
  ]))
  const events = items.flatMap((i) => ('event' in i ? [i.event] : []))
  assert.ok(events.every((e) => e.metadata.schemaVersion === 2))
  const [c, , u1, u2] = events
  assert.ok(c !== undefined && c.type === 'Created')
  assert.equal([c.data.couponCodes, c.data.referralCode, c.data.loyaltyCards, c.data.additionalCosts], [['SAVE'], 'REF', [], {}])
  assert.not.ok('total' in c.data)
  assert.equal(u1!.data, { at: u1!.data.at, couponCodes: ['OTHER'] })
  assert.equal(u2!.data, { at: u2!.data.at, couponCodes: [], referralCode: '' })
  const bad = items[4]!
  assert.ok('error' in bad)
  assert.is(bad.error.path, 'Updated.coupon')
  assert.match(bad.error.message, /schema version 1/)
  const { sessions, report } = await replay([
    v1('Created', { integrationId: 'old2', applicationId: 2, profileId: 'p', currency: 'USD', attributes: {}, firstSession: true, coupon: 'SAVE', total: 1 }, 1).replaceAll('"old"', '"old2"'),
    v1('ItemsAdded', { cartItems: [item] }, 2).replaceAll('"old"', '"old2"'),
    v1('Updated', { coupon: 'OTHER', total: 3 }, 3).replaceAll('"old"', '"old2"'),
    v1('Updated', { coupon: '' }, 4).replaceAll('"old"', '"old2"'),
  ])
  assert.equal(report.rejections, [])
  const s = sessions.get('old2')!
  assert.equal([s.couponCodes, s.total, s.updateCount], [[], 21, 4])
})

test('a store exported and imported into a fresh store gives identical events and projections', async () => {
  let now = Date.parse('2026-04-01T09:00:00.000Z')
  const clock = () => new Date((now += 1000))
  const store = createInMemoryEventStore<SessionEvent>({ clock })
  const service = createSessionService({ store, clock })
  const ok = async (id: string, command: unknown) => assert.ok(E.isRight(await service.execute(id, command as never)))
  await ok('s1', { type: 'CreateSession', data: { integrationId: 's1', applicationId: 1, profileId: 'ann', currency: 'EUR', couponCodes: ['A'] } })
  await ok('s2', { type: 'CreateSession', data: { integrationId: 's2', applicationId: 1 } })
  await ok('s1', { type: 'AddItems', data: { cartItems: [item, { sku: 'B', quantity: 1, price: 3 }] } })
  await ok('s1', { type: 'CloseSession', data: {} })
  await ok('s1', { type: 'ReturnItems', data: { returnId: 'r', items: [{ position: 0, quantity: 1 }] } })
  await ok('s2', { type: 'AddItems', data: { cartItems: [item] } })
  await ok('s2', { type: 'RemoveItems', data: { items: [{ position: 0, quantity: 1 }] } })
  await ok('s2', { type: 'CancelSession', data: {} })
  service.close()

  for (const file of ['export.jsonl', 'export.jsonl.gz']) {
    const path = join(dir, file)
    const written = await writeEventLog(store, path)
    assert.equal(written, E.right({ events: 8 }))
    const original = (await store.readAll()) as RecordedEvent<SessionEvent>[]
    const items = await collect(readEventLog(path))
    assert.equal(items.map((i) => ('event' in i ? i.event : i)), original)

    const fresh = createInMemoryEventStore<SessionEvent>({ clock })
    for (const i of items) if ('event' in i) await fresh.appendToStream(i.event.metadata.streamId, [{ type: i.event.type, data: i.event.data } as SessionEvent], { expectedStreamVersion: i.event.metadata.streamVersion - 1 })
    const copied = await fresh.readAll()
    assert.equal(copied.map(({ type, data, metadata: m }) => ({ type, data, v: m.streamVersion, p: m.globalPosition })), original.map(({ type, data, metadata: m }) => ({ type, data, v: m.streamVersion, p: m.globalPosition })))

    const { sessions, report } = await replay(path)
    assert.equal([report.read, report.applied, report.sessions], [8, 8, 2])
    for (const id of ['s1', 's2']) {
      const projection = (await service.get(id))
      assert.ok(projection._tag === 'Some')
      assert.equal(sessions.get(id), projection.value)
      const folded = await fresh.aggregateStream(id, { initialState: undefined as unknown, evolve: (_s, e) => e })
      assert.ok(folded.streamExists)
    }
    assert.is(sessions.get('s1')!.profileInternalId, 1)
    assert.is(sessions.get('s2')!.profileInternalId, 0)
  }
})

test('writeEventLog writes any iterable to a stream, left open, gzipped when asked; failures are values', async () => {
  const events = (await collect(readEventLog(sample))).flatMap((i) => ('event' in i ? [i.event] : []))
  const chunks: Buffer[] = []
  const sink = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) })
  assert.equal(await writeEventLog(events, sink), E.right({ events: 3 }))
  assert.ok(sink.writable)
  assert.is(Buffer.concat(chunks).toString(), `${events.map(toLogLine).join('\n')}\n`)
  const gz = new PassThrough()
  const done = collect(readEventLog(gz))
  assert.equal(await writeEventLog(events, gz, { gzip: true }), E.right({ events: 3 }))
  gz.end()
  assert.is((await done).length, 3)

  const failed = await writeEventLog(events, join(dir, 'no', 'such', 'dir.jsonl'))
  assert.ok(E.isLeft(failed) && failed.left.code === 'WriteFailed')
  async function* boom(): AsyncGenerator<RecordedEvent> {
    yield events[0]!
    throw new Error('source broke')
  }
  const broke = await writeEventLog(boom(), new Writable({ write: (_c, _e, cb) => cb() }), { gzip: true })
  assert.ok(E.isLeft(broke) && /source broke/.test(broke.left.message))
})

test('writeEventLog replaces a file only once the log is complete: a failure leaves it as it was', async () => {
  const events = (await collect(readEventLog(sample))).flatMap((i) => ('event' in i ? [i.event] : []))
  const target = join(dir, 'kept.jsonl')
  writeFileSync(target, 'precious\n')
  async function* boom(): AsyncGenerator<RecordedEvent> {
    for (let i = 0; i < 5000; i++) yield events[0]! // more than one chunk reaches the file
    throw new Error('store went away')
  }
  for (const gzip of [false, true]) {
    const failed = await writeEventLog(boom(), target, { gzip })
    assert.ok(E.isLeft(failed) && failed.left.code === 'WriteFailed' && /store went away/.test(failed.left.message))
    assert.is(readFileSync(target, 'utf8'), 'precious\n')
  }
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left')
  // A link is written through, and a device is written in place.
  symlinkSync(target, join(dir, 'link.jsonl'))
  assert.equal(await writeEventLog(events, join(dir, 'link.jsonl')), E.right({ events: 3 }))
  assert.is(readFileSync(target, 'utf8'), `${events.map(toLogLine).join('\n')}\n`)
  assert.ok(lstatSync(join(dir, 'link.jsonl')).isSymbolicLink())
  assert.equal(await writeEventLog(events, '/dev/null'), E.right({ events: 3 }))
})

test('the written file is exactly one line per event', () => {
  const text = readFileSync(join(dir, 'export.jsonl'), 'utf8')
  assert.is(text.split('\n').length, 9)
})

test('a line refused for a duplicate id or an unknown field still takes its version: the next line is not a gap', async () => {
  const first = created('dup')
  const id = (JSON.parse(first) as { metadata: { eventId: string } }).metadata.eventId
  const duplicate = line('ItemsAdded', { cartItems: [item] }, 'dup', 2, { eventId: id })
  const extra = JSON.stringify({ ...JSON.parse(line('ItemsAdded', { cartItems: [item] }, 'dup', 4)), note: 'x' })
  const items = await collect(readEventLog([first, duplicate, line('ItemsAdded', { cartItems: [item] }, 'dup', 3), extra, line('ItemsAdded', { cartItems: [item] }, 'dup', 5)]))
  const codes = items.map((i) => ('error' in i ? i.error.code : 'event'))
  assert.equal(codes, ['event', 'DuplicateEventId', 'event', 'ValidationFailed', 'event'])
  const unknown = items[3]!
  assert.ok('error' in unknown && unknown.error.streamId === 'dup' && unknown.error.path === 'note')
  const { report } = await replay([first, duplicate, line('ItemsAdded', { cartItems: [item] }, 'dup', 3)])
  assert.equal(report.rejections.map((r) => [r.line, r.code]), [[2, 'DuplicateEventId'], [3, 'StreamBroken']])
})

test.run()
