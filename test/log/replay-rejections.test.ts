import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { replay, type Rejection } from '../../src/index.ts'
import { created, item, line, ulid } from './helpers.ts'

const only = async (lines: string[]) => {
  const seen: Rejection[] = []
  const result = await replay(lines, { onRejected: (r) => seen.push(r) })
  assert.is(result.report.read, result.report.applied + result.report.rejected)
  assert.equal(seen, result.report.rejections)
  return result
}

test('malformed JSON is rejected with its line number', async () => {
  const { report } = await only([created('a'), '{"type":', ''])
  assert.equal(report.rejections.map((r) => [r.line, r.code]), [[2, 'MalformedJson'], [3, 'MalformedJson']])
  assert.match(report.rejections[0]!.message, /^line 2: malformed JSON/)
  assert.match(report.rejections[1]!.message, /an empty line/)
})

test('a line that is not an event object, or has unknown fields, is ValidationFailed', async () => {
  const { report } = await only(['[1,2]', JSON.stringify({ ...JSON.parse(created('x')), extra: 1 }), '{"type":"Created","data":{},"metadata":{"eventId":"x"}}'])
  assert.equal(report.rejections.map((r) => [r.code, r.path]), [
    ['ValidationFailed', '(root)'],
    ['ValidationFailed', 'extra'],
    ['ValidationFailed', 'metadata.eventId'],
  ])
})

test('an unknown event type names the type and the stream', async () => {
  const { report } = await only([line('ItemsDiscounted', {}, 's', 1)])
  const [r] = report.rejections
  assert.is(r!.code, 'UnknownEventType')
  assert.is(r!.streamId, 's')
  assert.is(r!.path, 'type')
  assert.match(r!.message, /line 1: type: unknown event type "ItemsDiscounted"/)
})

test('a wrong field type names the field path', async () => {
  const { report } = await only([created('s'), line('ItemsAdded', { cartItems: [item, { ...item, quantity: '2' }] }, 's', 2)])
  const [r] = report.rejections
  assert.is(r!.code, 'ValidationFailed')
  assert.is(r!.path, 'ItemsAdded.cartItems[1].quantity')
  assert.is(r!.message, 'line 2: ItemsAdded.cartItems[1].quantity: expected an integer >= 1, got "2"')
})

test('a stream version that skips or repeats is rejected', async () => {
  const { report } = await only([created('a'), line('ItemsAdded', { cartItems: [item] }, 'a', 3), created('b'), line('ItemsAdded', { cartItems: [item] }, 'b', 1)])
  assert.equal(report.rejections.map((r) => [r.line, r.code, r.path]), [
    [2, 'StreamVersionGap', 'metadata.streamVersion'],
    [4, 'StreamVersionRepeated', 'metadata.streamVersion'],
  ])
  assert.match(report.rejections[0]!.message, /skips from version 1 to 3/)
  assert.match(report.rejections[1]!.message, /repeats version 1/)
})

test('a duplicate eventId is rejected', async () => {
  const first = created('a')
  const id = JSON.parse(first).metadata.eventId
  const { report } = await only([first, line('ItemsAdded', { cartItems: [item] }, 'a', 2, { eventId: id })])
  assert.is(report.rejections[0]!.code, 'DuplicateEventId')
  assert.match(report.rejections[0]!.message, new RegExp(`line 2: metadata.eventId: ${id} was already used`))
})

test('an event the state refuses is rejected, and the rest of its stream with it; other streams go on', async () => {
  const { report, sessions } = await only([
    created('a'),
    created('b'),
    line('Cancelled', { rolledBack: [] }, 'a', 2),
    line('ItemsAdded', { cartItems: [item] }, 'a', 3),
    line('ItemsAdded', { cartItems: [item] }, 'b', 2),
    line('Updated', { couponCodes: ['X'] }, 'a', 4),
  ])
  assert.equal(report.rejections.map((r) => [r.line, r.streamId, r.code]), [
    [4, 'a', 'InvalidTransition'],
    [6, 'a', 'StreamBroken'],
  ])
  assert.is(report.rejections[0]!.message, 'line 4: session "a" (cancelled) refuses ItemsAdded: allowed only when the session is open')
  assert.match(report.rejections[1]!.message, /line 6: stream "a" was cut short at line 4 \(InvalidTransition\)/)
  assert.is(sessions.get('a')!.state, 'cancelled')
  assert.is(sessions.get('b')!.cartItemTotal, 21)
  assert.is(report.sessions, 2)
})

test('a stream cut short by a line-level rejection keeps its state before it', async () => {
  const { report, sessions } = await only([created('a'), line('ItemsAdded', { cartItems: [item] }, 'a', 2), '{"type":"ItemsAdded","data":{"at":1},"metadata":' + JSON.stringify({ eventId: ulid(), streamId: 'a', streamVersion: 3, globalPosition: 3, recordedAt: '2026-03-01T10:00:00.000Z', schemaVersion: 2 }) + '}', line('Closed', { effects: [] }, 'a', 4)])
  assert.equal(report.rejections.map((r) => r.code), ['ValidationFailed', 'StreamBroken'])
  assert.is(sessions.get('a')!.state, 'open')
  assert.is(sessions.get('a')!.cartItemTotal, 21)
})

test('state refusals: unknown positions, over-removal, over-return, existing session, no session', async () => {
  const { report } = await only([
    created('a'), line('ItemsRemoved', { items: [{ position: 0, quantity: 1 }] }, 'a', 2),
    created('b'), line('ItemsAdded', { cartItems: [item] }, 'b', 2), line('ItemsRemoved', { items: [{ position: 0, quantity: 3 }] }, 'b', 3),
    created('c'), line('ItemsAdded', { cartItems: [item] }, 'c', 2), line('Closed', { effects: [] }, 'c', 3),
    line('ItemsReturned', { returnId: 'r1', items: [{ position: 0, quantity: 3 }], rolledBack: [] }, 'c', 4),
    line('ItemsAdded', { cartItems: [item] }, 'd', 1),
    created('e'), line('Created', { integrationId: 'e', applicationId: 1, profileId: '', currency: 'EUR', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true }, 'e', 2),
    created('f'), line('ItemsAdded', { cartItems: [{ ...item, price: 1.234 }] }, 'f', 2),
  ])
  assert.equal(report.rejections.map((r) => [r.streamId, r.code]), [
    ['a', 'UnknownPosition'],
    ['b', 'ValidationFailed'],
    ['c', 'ReturnExceedsRemaining'],
    ['d', 'SessionNotFound'],
    ['e', 'SessionAlreadyExists'],
    ['f', 'ValidationFailed'],
  ])
  assert.match(report.rejections[5]!.message, /ItemsAdded.cartItems\[0\].price: 1.234 has 3 fraction digits, the currency allows 2/)
})

test('a Created whose integrationId is not its stream id is rejected', async () => {
  const bad = JSON.parse(created('a'))
  bad.metadata.streamId = 'b'
  const { report } = await only([JSON.stringify(bad)])
  assert.is(report.rejections[0]!.path, 'Created.integrationId')
})

test('an unsupported schema version is rejected', async () => {
  const { report } = await only([created('a').replace('"schemaVersion":2', '"schemaVersion":3')])
  assert.is(report.rejections[0]!.code, 'UnsupportedSchemaVersion')
})

test('rejected lines go to the rejects file, raw and unchanged, one per line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-'))
  const rejects = join(dir, 'rejects.jsonl')
  const bad = ['{"type": "nope"  }', '  not json  ']
  const result = await replay([created('a'), bad[0]!, line('ItemsAdded', { cartItems: [item] }, 'a', 2), bad[1]!], { rejects })
  assert.is(result.report.rejected, 2)
  assert.is(readFileSync(rejects, 'utf8'), `${bad.join('\n')}\n`)
})

test('a rejects file naming the log itself, by any name, is refused before anything is read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-'))
  const log = join(dir, 'log.jsonl')
  const text = `${[created('a'), 'not json', line('ItemsAdded', { cartItems: [item] }, 'a', 2)].join('\n')}\n`
  writeFileSync(log, text)
  symlinkSync(log, join(dir, 'link.jsonl'))
  for (const rejects of [log, join(dir, '.', 'log.jsonl'), join(dir, 'link.jsonl')]) {
    const { report, sessions } = await replay(log, { rejects })
    assert.equal([report.read, sessions.size, report.failure?.code], [0, 0, 'WriteFailed'])
    assert.is(report.failure?.message, `the rejects file ${rejects} is the log itself: writing rejected lines to it would destroy the log`)
    assert.is(readFileSync(log, 'utf8'), text)
  }
  // A device is not a file that writing empties.
  assert.is((await replay('/dev/null', { rejects: '/dev/null' })).report.failure, undefined)
})

test('the rejects file is written by a replay that reads its log, emptied when nothing is rejected, untouched otherwise', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-'))
  const rejects = join(dir, 'rejects.jsonl')
  writeFileSync(rejects, 'precious\n')
  const missing = await replay(join(dir, 'missing.jsonl'), { rejects })
  assert.is(missing.report.failure?.code, 'ReadFailed')
  assert.is(readFileSync(rejects, 'utf8'), 'precious\n', 'a log that cannot be read leaves the file as it was')
  const clean = await replay([created('a')], { rejects })
  assert.is(clean.report.failure, undefined)
  assert.is(readFileSync(rejects, 'utf8'), '', 'a stale file is not left to look like this run\'s rejects')
  const none = join(dir, 'none.jsonl')
  await replay([created('b')], { rejects: none })
  assert.ok(existsSync(none))
})

test('a missing file resolves with a ReadFailed failure and nothing read', async () => {
  const { report, sessions } = await replay('/nonexistent/cartfold.jsonl')
  assert.is(report.read, 0)
  assert.is(sessions.size, 0)
  assert.is(report.failure?.code, 'ReadFailed')
})

test('a rejects file that cannot be written is reported as WriteFailed', async () => {
  const { report } = await replay([created('a'), 'x'], { rejects: '/nonexistent/dir/rejects.jsonl' })
  assert.is(report.rejected, 1)
  assert.is(report.failure?.code, 'WriteFailed')
})

test('onApplied sees each applied event once, in line order, and never a rejected one', async () => {
  const applied: Array<[number, string]> = []
  const { report } = await replay(
    [created('h'), '{"type":', line('ItemsAdded', { cartItems: [item] }, 'h', 2), line('Cancelled', { rolledBack: [] }, 'h', 3), line('ItemsAdded', { cartItems: [item] }, 'h', 4)],
    { onApplied: (event, n) => applied.push([n, event.type]) },
  )
  assert.equal(applied, [[1, 'Created'], [3, 'ItemsAdded'], [4, 'Cancelled']])
  assert.is(report.applied, applied.length)
})

test('profiles are numbered in line order of first appearance, by creation or by an update', async () => {
  const { report, sessions } = await replay([
    created('a'),
    line('Updated', { profileId: 'late' }, 'a', 2),
    created('b', { profileId: 'early' }),
    created('c', { profileId: 'third' }),
    created('d', { profileId: 'late' }),
  ])
  assert.is(report.rejected, 0, report.rejections[0]?.message)
  assert.equal(
    ['a', 'b', 'c', 'd'].map((id) => [sessions.get(id)?.profileId, sessions.get(id)?.profileInternalId]),
    [['late', 1], ['early', 2], ['third', 3], ['late', 1]],
  )
})

test.run()
