import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { replay } from '../../src/index.ts'

test('the sample log replays whole, with exact totals', async () => {
  const { report, sessions } = await replay('examples/sessions.jsonl')
  assert.equal({ ...report, rejections: report.rejections.length }, { read: 1683, applied: 1683, rejected: 0, sessions: 320, rejections: 0 })
  const byState: Record<string, number> = {}
  const totals: Record<string, number> = {}
  for (const s of sessions.values()) {
    byState[s.state] = (byState[s.state] ?? 0) + 1
    totals[s.currency] = Math.round(((totals[s.currency] ?? 0) + s.total) * 1000) / 1000
  }
  assert.equal(byState, { partially_returned: 50, closed: 157, cancelled: 58, open: 55 })
  assert.equal(totals, { USD: 32058.13, KWD: 960.527, EUR: 11028.88, JPY: 717868 })
  assert.is(Math.max(...[...sessions.values()].map((s) => s.profileInternalId ?? 0)), 86)
  assert.equal([...sessions.values()].map((s) => s.id), Array.from({ length: 320 }, (_, i) => i + 1))
})

test('the broken sample: one rejection of each kind, the rest applied', async () => {
  const { report } = await replay('examples/broken.jsonl')
  assert.equal(report.rejections.map((r) => [r.line, r.code]), [
    [7, 'MalformedJson'], [8, 'UnknownEventType'], [10, 'ValidationFailed'], [12, 'StreamVersionGap'],
    [14, 'StreamVersionRepeated'], [16, 'DuplicateEventId'], [19, 'InvalidTransition'], [20, 'StreamBroken'],
  ])
  assert.equal([report.read, report.applied, report.sessions], [34, 26, 9])
})

test.run()
