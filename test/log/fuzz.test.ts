import fc from 'fast-check'
import { Readable } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { replay } from '../../src/index.ts'
import { created, item, line } from './helpers.ts'

const valid = [created('f'), line('ItemsAdded', { cartItems: [item] }, 'f', 2), line('Closed', { effects: [] }, 'f', 3)]

/** Lines: arbitrary JSON, arbitrary text, valid events, and valid events with one value swapped. */
const lineArb = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constantFrom(...valid),
  fc.tuple(fc.constantFrom(...valid), fc.jsonValue()).map(([l, v]) => {
    const o = JSON.parse(l)
    o.data.at = v
    return JSON.stringify(o)
  }),
)

test('replay never throws and its counts always add up (arbitrary JSON and text per line)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(lineArb, { maxLength: 30 }), async (lines) => {
      const { report, sessions } = await replay(lines)
      assert.is(report.read, lines.length)
      assert.is(report.read, report.applied + report.rejected)
      assert.is(report.rejections.length, report.rejected)
      assert.is(report.sessions, sessions.size)
    }),
    { numRuns: 300 },
  )
})

test('replay never throws on arbitrary bytes per line, read as a byte stream', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 20 }), async (lines) => {
      const bytes = Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')]))
      const { report } = await replay(Readable.from([bytes]))
      // Bytes may hold newlines of their own: count the lines the way the reader cuts them.
      const expected = bytes.length === 0 ? 0 : bytes.toString('latin1').split('\n').length - 1
      assert.is(report.read, expected)
      assert.is(report.read, report.applied + report.rejected)
    }),
    { numRuns: 300 },
  )
})

test.run()
