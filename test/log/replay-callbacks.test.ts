import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { replay, type ReplayOptions } from '../../src/index.ts'
import { created, item, line } from './helpers.ts'

const log = [created('a'), line('ItemsAdded', { cartItems: [item] }, 'a', 2), 'not json', created('b')]
const boom = (): never => {
  throw new Error('caller bug')
}

test('a throwing onApplied, onRejected or onProgress ends replay with CallbackFailed; the promise resolves', async () => {
  const cases: Array<[ReplayOptions, string, number]> = [
    // [options, the callback named, lines read when it stopped]
    [{ onApplied: boom }, 'onApplied', 1],
    [{ onRejected: boom }, 'onRejected', 3],
    [{ onProgress: boom }, 'onProgress', 4],
  ]
  for (const [options, callback, read] of cases) {
    const { report, sessions } = await replay(log, options)
    assert.equal(report.failure, { code: 'CallbackFailed', message: `options.${callback} threw: caller bug`, path: `options.${callback}` }, callback)
    assert.is(report.read, read, callback)
    assert.is(report.read, report.applied + report.rejected, callback)
    assert.is(sessions.size, report.sessions, callback)
  }
})

test('a callback returning a promise that rejects is CallbackFailed too, never an unhandled rejection', async () => {
  const rejections: unknown[] = []
  const onRejection = (reason: unknown): void => void rejections.push(reason)
  process.on('unhandledRejection', onRejection)
  try {
    const asyncBoom = (async () => boom()) as unknown as () => void
    const { report } = await replay(log, { onRejected: asyncBoom })
    assert.equal(report.failure, { code: 'CallbackFailed', message: 'options.onRejected threw: caller bug', path: 'options.onRejected' })
    assert.equal([report.read, report.rejected], [3, 1])
    const unprintable = await replay(log, {
      onApplied: () => {
        throw Object.create(null)
      },
    })
    assert.is(unprintable.report.failure?.message, 'options.onApplied threw: an unprintable value')
    await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(rejections, [])
  } finally {
    process.off('unhandledRejection', onRejection)
  }
})

test('an async callback that resolves is awaited, and the replay goes on', async () => {
  const seen: number[] = []
  const onApplied = async (_: unknown, n: number): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve))
    seen.push(n)
  }
  const { report } = await replay(log, { onApplied: onApplied as unknown as ReplayOptions['onApplied'] })
  assert.equal([report.failure, report.applied, seen], [undefined, 3, [1, 2, 4]])
})

test('a failing callback leaves the log and rejects files closed, and the rejects written so far', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-'))
  const path = join(dir, 'log.jsonl')
  const rejects = join(dir, 'rejects.jsonl')
  writeFileSync(path, `${log.join('\n')}\n`)
  const open = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0)
  await replay(path) // the first file read may open descriptors of the runtime's own
  const before = open()
  for (let i = 0; i < 5; i++) {
    const { report } = await replay(path, { rejects, onProgress: boom })
    assert.is(report.failure?.code, 'CallbackFailed')
  }
  assert.is(readFileSync(rejects, 'utf8'), 'not json\n')
  // Closing a file completes asynchronously: give it a moment.
  for (let wait = 0; wait < 50 && open() > before; wait++) await new Promise((resolve) => setTimeout(resolve, 10))
  assert.ok(open() <= before, `open files: ${before} before, ${open()} after`)
})

test('a source of the wrong type is a clear ValidationFailed, with nothing read', async () => {
  const message = (got: string) => `the log source must be a file path, a readable stream or an iterable of lines, got ${got}`
  for (const [source, got] of [[42, '42'], [null, 'null'], [undefined, 'undefined'], [{}, 'an object'], [true, 'true']] as const) {
    const { report, sessions } = await replay(source as never)
    assert.equal([report.read, sessions.size, report.failure], [0, 0, { code: 'ValidationFailed', message: message(got), path: 'source' }])
  }
  // every kind of source still reads
  const stream = new PassThrough()
  stream.end(`${log.join('\n')}\n`)
  for (const source of [log, new Set(log), stream]) assert.is((await replay(source)).report.read, 4)
})

test.run()
