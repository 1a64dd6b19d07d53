import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cli } from '../support/cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-command-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))
// Beneath a regular file: no one can create a file there, root included (ENOTDIR).
const locked = join(dir, 'a-file')
writeFileSync(locked, '')

/** The command as a process, as a person runs it: `sh -c`. */
const shell = (command: string) => spawnSync('sh', ['-c', `node --import tsx src/cli/main.ts ${command}`], { encoding: 'utf8' })

test('an unwritable --rejects or --out is 3, naming the path given; a failed export leaves no temporary file', async () => {
  const rejects = await cli(['replay', 'examples/broken.jsonl', '--rejects', join(locked, 'r.jsonl')])
  assert.is(rejects.code, 3)
  assert.match(rejects.err, `cartfold replay: --rejects ${join(locked, 'r.jsonl')}: `)
  const out = await cli(['export', 'examples/broken.jsonl', '--out', join(locked, 'out.jsonl')])
  assert.is(out.code, 3)
  assert.match(out.err, `--out ${join(locked, 'out.jsonl')}: `)
  assert.not.match(out.err, /\.tmp/)
  assert.equal(readdirSync(dir), ['a-file'])
})

test('--version; cartfold <command> --help shows that command\'s usage on stdout', async () => {
  const v = await cli(['--version'])
  assert.is(v.code, 0)
  assert.match(v.out, /^\d+\.\d+\.\d+/)
  for (const command of ['replay', 'export', 'stats']) {
    const r = await cli([command, '--help'])
    assert.is(r.code, 0, command)
    assert.match(r.out, `usage: cartfold ${command} `)
    assert.is(r.err, '')
  }
})

test('tables fit 80 columns by default, every column with --wide; amounts align at their decimals, grouped', async () => {
  const v2 = await cli(['replay', 'examples/sessions.jsonl', '--view', 'v2'])
  const lines = v2.out.trimEnd().split('\n')
  assert.ok(lines.every((l) => l.length <= 80), 'fits')
  assert.match(lines[lines.length - 1]!, /more columns: --wide shows every column/)
  const wide = await cli(['replay', 'examples/sessions.jsonl', '--view', 'v2', '--wide'])
  assert.ok(wide.out.split('\n').some((l) => l.length > 80))
  const summary = await cli(['replay', 'examples/sessions.jsonl'])
  const rows = summary.out.split('\n').filter((l) => /^[A-Z]{3} /.test(l))
  assert.ok(summary.out.split('\n').every((l) => l.length <= 80))
  // The decimal points of the totals in one column: EUR 2, JPY 0, KWD 3 decimals.
  const points = rows.map((r) => r.replace(/\s+\S+$/, '').trimEnd()).map((r) => (r.includes('.') ? r.lastIndexOf('.') : r.length))
  assert.is(new Set(points).size, 1, rows.join('\n'))
  assert.match(summary.out, /JPY .* 531,515 /)
})

test('--json streams one JSON array of views; stats --json is a document', async () => {
  const views = JSON.parse((await cli(['replay', 'examples/sessions.jsonl', '--view', 'v2', '--json'])).out) as unknown[]
  assert.is(views.length, 260)
  const empty = await cli(['replay', '-', '--view', 'v2', '--json'], '')
  assert.equal(JSON.parse(empty.out), [])
  const stats = await cli(['stats', 'examples/broken.jsonl', '--json'])
  assert.is(stats.code, 1)
  const doc = JSON.parse(stats.out) as { eventsByType: Record<string, number>; unitsRemaining: number; read: number; topRejections: Record<string, number> }
  assert.is(doc.eventsByType.Created, 9)
  assert.is(doc.unitsRemaining, 14)
  assert.is(doc.read, 34)
  assert.is(doc.topRejections.StreamBroken, 1)
})

test('a full disk is said in one line, exit 3; a closed pipe ends quietly; never a stack trace', () => {
  const full = shell('export examples/sessions.jsonl > /dev/full')
  assert.is(full.status, 3)
  assert.is(full.stderr.trim().split('\n').length, 1, full.stderr)
  assert.match(full.stderr, /no space left on device/)
  const pipe = shell('replay examples/sessions.jsonl --view v2 --jsonl | head -1')
  assert.is(pipe.status, 0)
  assert.is(pipe.stderr, '')
  assert.is(pipe.stdout.split('\n').length, 2)
  assert.ok(!existsSync(join(dir, 'x')))
})

test('an export interrupted by SIGINT leaves no temporary file', async () => {
  const out = join(dir, 'interrupted.jsonl')
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'export', '-', '--out', out], { stdio: ['pipe', 'ignore', 'ignore'] })
  // The log never ends: the export is mid-way, its temporary file open, when it is interrupted.
  child.stdin.on('error', () => undefined)
  child.stdin.write(readFileSync('examples/sessions.jsonl'))
  const temporary = () => readdirSync(dir).filter((f) => f.startsWith('interrupted.jsonl.'))
  for (let i = 0; i < 200 && temporary().length === 0; i++) await new Promise((r) => setTimeout(r, 50))
  assert.is(temporary().length, 1, 'the export had started')
  const ended = new Promise((r) => child.once('exit', (code, signal) => r(signal ?? code)))
  child.kill('SIGINT')
  assert.is(await ended, 'SIGINT')
  assert.equal(temporary(), [])
  assert.not.ok(existsSync(out))
})

test.run()
