import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readEventLog, replay } from '../../src/index.ts'
import { collect, created, item, line } from './helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-real-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

/** A log of `n` sessions of three lines each. */
const sessions = (n: number, prefix = 's') => {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(created(`${prefix}${i}`), line('ItemsAdded', { cartItems: [item] }, `${prefix}${i}`, 2), line('Closed', { effects: [] }, `${prefix}${i}`, 3))
  return out
}
const chunked = (bytes: Buffer, size: number) => {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
  return Readable.from(chunks)
}

test('a UTF-8 byte order mark at the start is skipped, in a file, a stream cut inside it, and lines', async () => {
  const lines = sessions(1)
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\n'))])
  const path = join(dir, 'bom.jsonl')
  writeFileSync(path, bom)
  for (const source of [path, chunked(bom, 1 << 20), [`\ufeff${lines[0]}`, ...lines.slice(1)]]) {
    const { report } = await replay(source)
    assert.equal([report.applied, report.rejected], [3, 0])
  }
})

test('CRLF line ends are accepted, across chunk boundaries too', async () => {
  const bytes = Buffer.from(`${sessions(2).join('\r\n')}\r\n`)
  for (const size of [1, 7, 1 << 20]) {
    const { report } = await replay(chunked(bytes, size))
    assert.equal([report.read, report.applied], [6, 6])
  }
})

test('a line that is not UTF-8 is rejected as InvalidUtf8, its stream cut short, and its bytes written to the rejects unchanged', async () => {
  const [c, a, z] = sessions(1)
  const bad = Buffer.from(a!.replace('MUG', 'M\u0001G'))
  bad[bad.indexOf(1)] = 0xff
  const bytes = Buffer.concat([Buffer.from(`${c}\n`), bad, Buffer.from(`\n${z}\n`)])
  const path = join(dir, 'utf8.jsonl')
  const rejects = join(dir, 'utf8.rejects')
  writeFileSync(path, bytes)
  for (const [source, size] of [[path, 0], [chunked(bytes, 5), 5]] as const) {
    const { report } = await replay(source, { rejects })
    assert.equal(report.rejections.map((r) => [r.line, r.code]), [[2, 'InvalidUtf8'], [3, 'StreamBroken']], `chunks of ${size}`)
    assert.equal(report.rejections[0]!.streamId, 's0')
    assert.equal(readFileSync(rejects), Buffer.concat([bad, Buffer.from(`\n${z}\n`)]))
  }
  const items = await collect(readEventLog(path))
  assert.equal(items.map((i) => ('error' in i ? i.error.code : 'ok')), ['ok', 'InvalidUtf8', 'ok'])
})

test('a line longer than the limit is LineTooLong, in linear time, and the lines after it are read', async () => {
  const [c, a, z] = sessions(1)
  const long = line('ItemsAdded', { cartItems: [item], note: 'x'.repeat(5000) }, 't', 2)
  const text = `${c}\n${long}\n${a}\n${z}\n`
  for (const size of [1000, 1 << 20]) {
    const { report } = await replay(chunked(Buffer.from(text), size), { maxLineBytes: 4096 })
    assert.equal(report.rejections.map((r) => [r.line, r.code]), [[2, 'LineTooLong']])
    assert.match(report.rejections[0]!.message, /line 2: the line is \d+ bytes long, over the limit of 4096 bytes/)
    assert.equal(report.applied, 3)
  }
  // As lines of an iterable, and as the last line without a newline.
  assert.equal((await replay([c!, long], { maxLineBytes: 4096 })).report.rejections.map((r) => r.code), ['LineTooLong'])
  assert.equal((await replay(chunked(Buffer.from(`${c}\n${long}`), 999), { maxLineBytes: 4096 })).report.rejections.map((r) => r.code), ['LineTooLong'])
  // A line exactly at the limit is read, CRLF or not.
  const exact = Math.max(Buffer.byteLength(a!), Buffer.byteLength(c!))
  assert.equal((await replay(chunked(Buffer.from(`${c}\r\n${a}\r\n`), 10), { maxLineBytes: exact })).report.applied, 2)
  assert.equal((await replay([c!, 'x'], { maxLineBytes: 0 })).report.failure?.code, 'ValidationFailed')
})

test('a 64 MiB line past the default limit is skipped without being held, and the rest is read', async () => {
  const [c, a, z] = sessions(1)
  async function* bytes() {
    yield Buffer.from(`${c}\n{"type":"`)
    const block = Buffer.alloc(1 << 20, 0x61)
    for (let i = 0; i < 64; i++) yield block
    yield Buffer.from(`"}\n${a}\n${z}\n`)
  }
  const before = process.memoryUsage().rss
  const { report } = await replay(Readable.from(bytes()))
  assert.ok(process.memoryUsage().rss - before < 48 << 20, 'the line was not held')
  assert.equal(report.rejections.map((r) => [r.line, r.code]), [[2, 'LineTooLong']])
  assert.equal(report.applied, 3)
})

test('gzip: concatenated members are read as gzip -dc reads them; trailing padding is ignored; trailing garbage is reported after every complete member', async () => {
  const lines = sessions(400)
  const text = `${lines.join('\n')}\n`
  const half = text.indexOf('\n', text.length >> 1) + 1
  const members = Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half))])
  const cases: Array<[string, Buffer, string | undefined]> = [
    ['members', members, undefined],
    ['newline', Buffer.concat([members, Buffer.from('\n')]), undefined],
    ['garbage', Buffer.concat([members, Buffer.from('GARBAGE!')]), 'trailing garbage after gzip member 2'],
  ]
  for (const [name, bytes, failure] of cases) {
    const path = join(dir, `${name}.jsonl.gz`)
    writeFileSync(path, bytes)
    for (const source of [path, chunked(bytes, 777)]) {
      const { report } = await replay(source)
      assert.equal([report.read, report.applied], [lines.length, lines.length], name)
      if (failure === undefined) assert.equal(report.failure, undefined, name)
      else assert.match(report.failure?.message ?? '', failure, name)
    }
  }
  // A member cut short, or a corrupt one, still fails.
  const cut = join(dir, 'cut.jsonl.gz')
  writeFileSync(cut, members.subarray(0, members.length - 20))
  assert.equal((await replay(cut)).report.failure?.code, 'ReadFailed')
  const corrupt = Buffer.from(members)
  corrupt[members.length - 6] = corrupt[members.length - 6]! ^ 0xff
  writeFileSync(cut, corrupt)
  assert.match((await replay(cut)).report.failure?.message ?? '', /corrupt/)
})

test.run()
