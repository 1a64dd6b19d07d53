import { createReadStream, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { run } from '../../src/cli/run.ts'
import { cli } from '../support/cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-cli-'))

test('replay prints the summary; 0 when every line was used', async () => {
  const r = await cli(['replay', 'examples/sessions.jsonl'])
  assert.is(r.code, 0)
  assert.match(r.out, /USD\s+34\s+65\s+27\s+33\s+159\s+28,590.69\s+2,765.04\n/)
  assert.match(r.out, /lines read 1,376, applied 1,376, rejected 0; sessions 260/)
  assert.is(r.err, '')
})

test('replay: 1 with rejections on stderr and the rejects file; --jsonl streams projections, --json the summary', async () => {
  const rejects = join(dir, 'rejects.jsonl')
  const r = await cli(['replay', 'examples/broken.jsonl', '--jsonl', '--rejects', rejects])
  assert.is(r.code, 1)
  const sessions = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { integrationId: string })
  assert.is(sessions.length, 9)
  const summary = JSON.parse((await cli(['replay', 'examples/broken.jsonl', '--json'])).out) as { read: number; rejected: number; currencies: unknown[] }
  assert.equal([summary.read, summary.rejected], [34, 8])
  assert.match(r.err, /line 19: session "broken-cancelled" \(cancelled\) refuses ItemsAdded/)
  assert.is(readFileSync(rejects, 'utf8').split('\n').length, 9)
})

test('replay - reads stdin', async () => {
  const r = await cli(['replay', '-'], readFileSync('examples/broken.jsonl', 'utf8'))
  assert.is(r.code, 1)
  assert.match(r.out, /lines read 34, applied 26, rejected 8/)
})

test('bad usage is 2, said in one line that points at --help; an unreadable log is 3, named', async () => {
  for (const argv of [[], ['frobnicate'], ['replay'], ['replay', 'x', '--view', 'nope'], ['replay', 'x', '--bogus'], ['replay', 'examples/sessions.jsonl', '--policy', '/no/policy.json'], ['stats'], ['export'], ['replay', 'x', '--max-line', 'lots']]) {
    const r = await cli(argv)
    assert.is(r.code, 2, argv.join(' '))
    const [what, help, ...more] = r.err.split('\n')
    assert.match(what!, /^cartfold( \w+)?: \S/, argv.join(' '))
    assert.match(help!, /^\(cartfold( \w+)? --help shows the usage\)$/)
    assert.equal(more, [''])
    assert.is(r.out, '')
  }
  assert.is((await cli(['replay', 'x', '--bogus'])).err.split('\n')[0], 'cartfold replay: unknown option --bogus')
  for (const argv of [['replay', '/no/such/file.jsonl'], ['stats', '/no/such/file.jsonl'], ['export', '/no/such/file.jsonl']]) {
    const r = await cli(argv)
    assert.is(r.code, 3, argv.join(' '))
    assert.match(r.err, /^cartfold \w+: \/no\/such\/file.jsonl: .*no such file or directory/)
  }
  assert.is((await cli(['--help'])).code, 0)
})

test('replay --rejects naming the log is bad usage (2) and the log is kept; bad usage leaves a rejects file as it was', async () => {
  const log = join(dir, 'own-rejects.jsonl')
  const text = readFileSync('examples/broken.jsonl', 'utf8')
  writeFileSync(log, text)
  const r = await cli(['replay', log, '--rejects', log])
  assert.is(r.code, 2)
  assert.match(r.err, `cartfold replay: --rejects ${log} is the log itself: writing it would destroy the log before it is read`)
  assert.is(r.out, '')
  assert.is(readFileSync(log, 'utf8'), text)
  const notes = join(dir, 'notes.txt')
  writeFileSync(notes, 'precious\n')
  const missing = await cli(['replay', join(dir, 'missing.jsonl'), '--rejects', notes])
  assert.is(missing.code, 3)
  assert.is(readFileSync(notes, 'utf8'), 'precious\n')
})

test('export --out naming the log is bad usage (2) and the log is kept', async () => {
  const log = join(dir, 'own-out.jsonl')
  const text = readFileSync('examples/broken.jsonl', 'utf8')
  writeFileSync(log, text)
  const r = await cli(['export', log, '--out', join(dir, '.', 'own-out.jsonl')])
  assert.is(r.code, 2)
  assert.match(r.err, 'own-out.jsonl is the log itself')
  assert.is(readFileSync(log, 'utf8'), text)
})

test('stdin that is the output file is refused as well: replay - --rejects, export - --out', async () => {
  const log = join(dir, 'stdin.jsonl')
  const text = readFileSync('examples/broken.jsonl', 'utf8')
  writeFileSync(log, text)
  for (const argv of [['replay', '-', '--rejects', log], ['export', '-', '--out', log]]) {
    const stdin = createReadStream(log, { fd: openSync(log, 'r') })
    const err: string[] = []
    const stderr = new PassThrough().on('data', (c) => err.push(String(c)))
    const code = await run(argv, { stdin, stdout: new PassThrough(), stderr })
    stdin.destroy()
    assert.is(code, 2, argv.join(' '))
    assert.match(err.join(''), `${log} is the log itself`)
    assert.is(readFileSync(log, 'utf8'), text)
  }
})

test('stats counts by type and state and ranks rejection reasons', async () => {
  const r = await cli(['stats', 'examples/broken.jsonl'])
  assert.is(r.code, 1)
  assert.match(r.out, /top rejection reasons\n/)
  assert.match(r.out, /StreamBroken\s+1/)
  assert.match(r.out, /events applied by type\nCreated\s+9\nItemsAdded\s+8\nClosed\s+3\nItemsRemoved\s+2\nUpdated\s+2\nCancelled\s+1\nItemsReturned\s+1\n/)
  assert.match(r.out, /units remaining in carts 14\n/)
})

test('stats reads stdin in one pass', async () => {
  const r = await cli(['stats', '-'], readFileSync('examples/broken.jsonl', 'utf8'))
  assert.is(r.code, 1)
  assert.match(r.out, /lines read 34, applied 26, rejected 8; sessions 9/)
})

test('--policy: a bad policy file is bad usage (2), named with the field at fault', async () => {
  const bad = join(dir, 'bad-policy.json')
  writeFileSync(bad, JSON.stringify({ rules: [{ name: 'x', target: { type: 'basket' }, percent: 5 }] }))
  const notJson = join(dir, 'not-json.json')
  writeFileSync(notJson, '{ rules:')
  const r = await cli(['replay', 'examples/broken.jsonl', '--policy', bad])
  assert.is(r.code, 2)
  assert.is(r.out, '')
  assert.match(r.err, `--policy ${bad}: invalid discount policy: policy.rules[0].target.type: unknown target "basket"`)
  const n = await cli(['replay', 'examples/broken.jsonl', '--policy', notJson])
  assert.is(n.code, 2)
  assert.match(n.err, `--policy ${notJson}: invalid discount policy: not JSON`)
})

test('export writes the usable events in the current shape', async () => {
  const out = join(dir, 'current.jsonl.gz')
  const r = await cli(['export', 'examples/sessions.jsonl', '--out', out])
  assert.is(r.code, 0)
  const again = await cli(['replay', out])
  assert.match(again.out, /applied 1,376, rejected 0/)
  const toStdout = await cli(['export', 'examples/broken.jsonl'])
  assert.is(toStdout.code, 1)
  assert.is(toStdout.out.trim().split('\n').length, 26)
  assert.ok(!toStdout.out.includes('"schemaVersion":1'))
})

test('export writes exactly what replay applies: replaying an export of a broken log rejects nothing', async () => {
  const out = join(dir, 'broken-export.jsonl')
  const exported = await cli(['export', 'examples/broken.jsonl', '--out', out])
  assert.is(exported.code, 1)
  const original = await cli(['replay', 'examples/broken.jsonl'])
  const again = await cli(['replay', out])
  assert.is(again.code, 0)
  assert.is(again.err, '')
  assert.match(original.out, /applied 26, rejected 8; sessions 9/)
  assert.match(again.out, /lines read 26, applied 26, rejected 0; sessions 9/)
  assert.is(again.out.split('\n\n')[0], original.out.split('\n\n')[0], 'the same sessions')
  const missing = join(dir, 'never-created.jsonl')
  assert.is((await cli(['export', '/no/such/file.jsonl', '--out', missing])).code, 3)
  assert.not.ok(existsSync(missing), 'an unreadable source creates no output file')
})

test.run()
