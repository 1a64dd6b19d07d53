import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { initialState, project } from '../../src/index.ts'
import { ApplicationSessionCodec, CustomerSessionCodec, CustomerSessionV2Codec, CustomerSessionV2LegacyCodec } from '../../src/talon/index.ts'
import { renderViews, viewTable } from '../../src/cli/views.ts'
import { created, item, line } from '../log/helpers.ts'
import { cli } from '../support/cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-views-'))
const codecs: Record<string, { readonly name: string; readonly decode: (u: unknown) => E.Either<unknown, unknown> }> = { v2: CustomerSessionV2Codec, 'v2-legacy': CustomerSessionV2LegacyCodec, v1: CustomerSessionCodec, application: ApplicationSessionCodec }

for (const [view, codec] of Object.entries(codecs)) {
  test(`--view ${view} --json: one ${codec.name} per session, in log order, valid by its codec`, async () => {
    const r = await cli(['replay', 'examples/broken.jsonl', '--view', view, '--json'])
    assert.is(r.code, 1)
    const docs = JSON.parse(r.out) as unknown[]
    assert.is(docs.length, 9)
    for (const d of docs) assert.ok(E.isRight(codec.decode(d)), JSON.stringify(d))
    assert.equal(docs.map((d) => (d as { integrationId: string }).integrationId).slice(0, 4), ['session-00026', 'session-00025', 'session-00028', 'session-x2'])
    // session-x1's only line was rejected: it has no session, so no view, and says so.
    assert.match(r.err, 'session "session-x1" has no view: its first line (line 8) was rejected (UnknownEventType)\n')
  })
}

test('--view: a table with the view\'s own field names by default, one view per line with --jsonl', async () => {
  const v1 = await cli(['replay', 'examples/broken.jsonl', '--view', 'v1', '--wide'])
  const [header, ...rows] = v1.out.trimEnd().split('\n')
  assert.match(header!, /^integrationId\s+created\s+applicationId\s+profileId\s+coupon\s+referral\s+state\s+cartItems/)
  assert.is(rows.length, 9)
  assert.match(rows[0]!, /^session-00026\s.*BUNDLE3\s+REF-LI\s+closed\s+1\s.*\s12\.95\s/)
  const app = await cli(['replay', 'examples/broken.jsonl', '--view', 'application', '--wide'])
  assert.match(app.out, /^id\s+created\s+integrationId\s+storeIntegrationId\s+applicationId\s+profileId\s+profileintegrationid/)
  assert.match(app.out, /\n25\s+\S+\s+session-00025\s+store-lisbon\s+1\s+2\s+customer-0080/)
  const lines = await cli(['replay', 'examples/broken.jsonl', '--view', 'v2', '--jsonl'])
  const docs = lines.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number })
  assert.equal(docs.map((d) => d.id), [23, 25, 28, 0, 0, 0, 0, 0, 41])
  const summary = await cli(['replay', 'examples/broken.jsonl', '--jsonl'])
  assert.is(summary.out.trimEnd().split('\n').length, 9)
  assert.is((await cli(['replay', 'examples/broken.jsonl', '--json', '--jsonl'])).code, 2)
})

test('--view with --policy: an open session previews its discounts; a log with no sessions says so', async () => {
  const log = join(dir, 'open.jsonl')
  writeFileSync(log, `${[created('o'), line('ItemsAdded', { cartItems: [item] }, 'o', 2)].join('\n')}\n`)
  const plain = await cli(['replay', log, '--view', 'application', '--json'])
  assert.is(plain.code, 0)
  assert.equal(JSON.parse(plain.out)[0].discounts, {})
  const r = await cli(['replay', log, '--view', 'application', '--json', '--policy', 'examples/policy.json'])
  assert.is(r.code, 0)
  const [view] = JSON.parse(r.out) as Array<{ discounts: Record<string, number>; totalDiscounts: number }>
  assert.equal(view!.discounts, { 'welcome#0': 10 })
  assert.is(view!.totalDiscounts, 10)
  const table = await cli(['replay', log, '--view', 'v1', '--wide', '--policy', 'examples/policy.json'])
  assert.match(table.out, /discounts[\s\S]*\n.*\s10\s/)
  const empty = await cli(['replay', '-', '--view', 'v2'], readFileSync('examples/broken.jsonl', 'utf8').split('\n')[6]!)
  assert.is(empty.out, '(no sessions)\n')
  assert.is(empty.code, 1)
})

test('a projection of no session has no view: reported, not rendered', () => {
  const none = project(initialState)
  const sessions = new Map([['ghost', none]])
  const { rendered, missing } = renderViews('v2', sessions)
  assert.equal(rendered, [])
  assert.match(missing[0]!, /no CustomerSessionV2 view/)
  assert.is(viewTable([]), '(no sessions)\n')
})

test.run()
