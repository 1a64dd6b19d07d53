import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { parsePolicy, replay } from '../../src/index.ts'

const sum = (to: Record<string, number>, key: string, n: number) => (to[key] = Math.round(((to[key] ?? 0) + n) * 1000) / 1000)

test('the sample log replays whole, with exact totals and the discounts its policy granted', async () => {
  const { report, sessions } = await replay('examples/sessions.jsonl')
  assert.equal({ ...report, rejections: report.rejections.length }, { read: 1376, applied: 1376, rejected: 0, sessions: 260, rejections: 0 })
  const byState: Record<string, number> = {}
  const totals: Record<string, number> = {}
  const discounts: Record<string, number> = {}
  const rules = new Set<string>()
  for (const s of sessions.values()) {
    byState[s.state] = (byState[s.state] ?? 0) + 1
    sum(totals, s.currency, s.total)
    sum(discounts, s.currency, s.totalDiscounts)
    for (const label of Object.keys(s.discounts)) rules.add(label.split('#')[0]!)
  }
  assert.equal(byState, { partially_returned: 49, cancelled: 49, closed: 111, open: 51 })
  assert.equal(totals, { USD: 28590.69, KWD: 1251.945, JPY: 531515, EUR: 6317.38 })
  // Recorded at close by examples/policy.json, net of roll-backs; open sessions show none without a policy.
  assert.equal(discounts, { USD: 2765.04, KWD: 116.055, JPY: 35644, EUR: 845.79 })
  assert.equal([...rules].sort(), ['freeShipping', 'goldCosts', 'mugs', 'referred', 'tenOffCart', 'welcome', 'wrap'])
  const all = [...sessions.values()]
  assert.ok(all.some((s) => s.returns.some((r) => r.rolledBackDiscounts > 0)), 'a return rolled discounts back')
  assert.ok(all.filter((s) => s.state === 'cancelled').every((s) => s.totalDiscounts === 0), 'a cancel rolls every discount back')
  assert.is(Math.max(...all.map((s) => s.profileInternalId ?? 0)), 80)
  assert.equal(all.map((s) => s.id), Array.from({ length: 260 }, (_, i) => i + 1))
})

test('with the policy, open sessions preview their discounts; recorded ones are unchanged', async () => {
  const policy = E.getOrElseW(() => undefined)(parsePolicy(readFileSync('examples/policy.json', 'utf8')))!
  const [plain, previewed] = [await replay('examples/sessions.jsonl'), await replay('examples/sessions.jsonl', { policy })]
  const discounts: Record<string, number> = {}
  for (const s of previewed.sessions.values()) {
    sum(discounts, s.currency, s.totalDiscounts)
    if (s.state !== 'open') assert.equal(s.discounts, plain.sessions.get(s.integrationId)!.discounts)
  }
  assert.equal(discounts, { USD: 3966.28, KWD: 278.629, JPY: 43772, EUR: 979.7 })
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
