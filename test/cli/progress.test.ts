import { PassThrough } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { progressBar } from '../../src/cli/progress.ts'

const fakeStderr = (isTTY: boolean) => {
  const chunks: string[] = []
  const s = Object.assign(new PassThrough(), { isTTY })
  s.on('data', (c) => chunks.push(String(c)))
  return { s, text: () => chunks.join('') }
}

test('a terminal gets a bar with percent and events/s, redrawn at most every 100 ms, then cleared', async () => {
  const { s, text } = fakeStderr(true)
  let now = 0
  const bar = progressBar(s, () => now)
  now = 1000
  bar.update({ linesRead: 500, applied: 500, rejected: 0, bytesRead: 50, totalBytes: 100 })
  now = 1050
  bar.update({ linesRead: 600, applied: 600, rejected: 0, bytesRead: 60, totalBytes: 100 })
  now = 2000
  bar.update({ linesRead: 1000, applied: 999, rejected: 1, bytesRead: 80 })
  bar.done()
  await new Promise((r) => setImmediate(r))
  assert.match(text(), /\[#{15}\.{15}\]  50% 500 lines, 500\/s, 0 rejected/)
  assert.not.match(text(), /600 lines/)
  assert.match(text(), /1,000 lines, 500\/s, 1 rejected/)
  assert.ok(text().endsWith('\r\x1b[K'))
})

test('the line fits the terminal, however narrow, and redraws in place', async () => {
  for (const columns of [80, 50, 30, 12]) {
    const { s, text } = fakeStderr(true)
    Object.assign(s, { columns })
    let now = 0
    const bar = progressBar(s, () => now)
    for (let i = 1; i <= 10; i++) {
      now = i * 1000
      bar.update({ linesRead: i * 123_456_789, applied: i, rejected: i * 1_000_000, bytesRead: i, totalBytes: 10 })
    }
    await new Promise((r) => setImmediate(r))
    const draws = text().split('\r').filter((d) => d !== '')
    assert.is(draws.length, 10)
    for (const d of draws) {
      assert.ok(!d.includes('\n'))
      assert.ok(d.replace('\x1b[K', '').length < columns, `${columns}: ${d}`)
    }
  }
})

test('not a terminal: silent', async () => {
  const { s, text } = fakeStderr(false)
  const bar = progressBar(s)
  bar.update({ linesRead: 1, applied: 1, rejected: 0, bytesRead: 1, totalBytes: 1 })
  bar.done()
  await new Promise((r) => setImmediate(r))
  assert.is(text(), '')
})

test.run()
