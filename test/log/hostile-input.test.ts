import * as E from 'fp-ts/lib/Either.js'
import { PassThrough, Writable } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  createInMemoryEventStore,
  importEventLog,
  readEventLog,
  replay,
  writeEventLog,
  type ImportOptions,
  type RecordedEvent,
  type ReplayOptions,
  type SessionEvent,
} from '../../src/index.ts'
import { collect, created } from './helpers.ts'

// What callers and sources may do that the types do not forbid: every case resolves to a value.

/** A log of `n` valid lines, then a throw of `cause`. */
function* failing(n: number, cause: unknown): Generator<string> {
  for (let i = 0; i < n; i++) yield created(`s${i}`)
  throw cause
}

test('a thrown value that cannot be made text is reported as unprintable, not thrown again', async () => {
  const unprintable = Object.create(null) as unknown
  const { report } = await replay(failing(1, unprintable))
  assert.is(report.failure?.code, 'ReadFailed')
  assert.match(report.failure!.message, /: an unprintable value$/)
  const items = await collect(readEventLog(failing(1, unprintable)))
  const last = items[items.length - 1]!
  assert.ok('error' in last && last.error.code === 'ReadFailed' && last.error.message.endsWith(': an unprintable value'))
  const imported = await importEventLog(failing(1, unprintable), createInMemoryEventStore<SessionEvent>())
  assert.ok(E.isLeft(imported) && imported.left.code === 'ReadFailed' && imported.left.message.endsWith(': an unprintable value'))
  const refused = await importEventLog([created('a')], { appendToStream: () => Promise.reject(unprintable) })
  assert.ok(E.isLeft(refused) && refused.left.code === 'StoreUnavailable' && refused.left.message.endsWith('threw: an unprintable value'))
  async function* events(): AsyncGenerator<RecordedEvent> {
    yield* []
    throw unprintable
  }
  const written = await writeEventLog(events(), new PassThrough())
  assert.ok(E.isLeft(written) && written.left.code === 'WriteFailed' && written.left.message.endsWith(': an unprintable value'))
})

test('lines an iterable yielded before it threw are used, and the failure names the line after them', async () => {
  for (const n of [10, 4097]) {
    const { report, sessions } = await replay(failing(n, new Error('network reset')))
    assert.equal([report.read, report.applied, sessions.size], [n, n, n])
    assert.equal(report.failure, { code: 'ReadFailed', message: `the log could not be read past line ${n}: network reset` })
    const items = await collect(readEventLog(failing(n, new Error('network reset'))))
    assert.is(items.length, n + 1)
    assert.equal(items[n], { line: n + 1, error: { code: 'ReadFailed', message: `the log could not be read past line ${n}: network reset` }, text: '' })
    const imported = await importEventLog(failing(n, new Error('network reset')), createInMemoryEventStore<SessionEvent>())
    assert.ok(E.isLeft(imported))
    assert.equal([imported.left.code, imported.left.report.read, imported.left.report.imported], ['ReadFailed', n, n])
  }
  async function* later(): AsyncGenerator<string> {
    yield* failing(3, new Error('gone'))
  }
  const { report } = await replay(later())
  assert.equal([report.read, report.applied, report.failure?.message], [3, 3, 'the log could not be read past line 3: gone'])
})

/** The promise's value, or a failed test when it has not settled within a second. */
const settled = async <T>(p: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('never settled')), 1000)))])
  } finally {
    clearTimeout(timer)
  }
}

test('a destroyed or ended output stream is a WriteFailed value, not a replay or write that never settles', async () => {
  const closed = () => {
    const destroyed = new PassThrough()
    destroyed.destroy()
    const ended = new PassThrough()
    ended.end()
    return [destroyed, ended]
  }
  const store = createInMemoryEventStore()
  await store.appendToStream('s', [{ type: 'X', data: {} }])
  for (const rejects of closed()) {
    const { report } = await settled(replay(['not json'], { rejects }))
    assert.is(report.rejected, 1)
    assert.equal(report.failure, { code: 'WriteFailed', message: 'the rejected lines could not be written: the stream is closed' })
  }
  for (const gzip of [false, true]) {
    for (const out of closed()) {
      const written = await settled(writeEventLog(store, out, { gzip }))
      assert.equal(written, E.left({ code: 'WriteFailed', message: 'the log could not be written after 1 events: the stream is closed' }))
    }
  }
  // Destroyed while a write waits for 'drain': the wait ends with the stream.
  const full = () => {
    const out = new Writable({ highWaterMark: 1, write: () => setImmediate(() => out.destroy()) })
    return out
  }
  const { report } = await settled(replay(['not json', 'nor this'], { rejects: full() }))
  assert.is(report.failure?.code, 'WriteFailed')
  const written = await settled(writeEventLog(store, full()))
  assert.ok(E.isLeft(written) && written.left.code === 'WriteFailed')
})

test('null options are no options; an option of the wrong type is a ValidationFailed value, with nothing read', async () => {
  const log = [created('a'), 'not json']
  const none = null as unknown as undefined
  const { report } = await replay(log, none)
  assert.equal([report.read, report.rejected, report.failure], [2, 1, undefined])
  assert.equal(await writeEventLog([], new PassThrough(), none), E.right({ events: 0 }))
  const imported = await importEventLog(log, createInMemoryEventStore<SessionEvent>(), none)
  assert.ok(E.isRight(imported) && imported.right.imported === 1 && imported.right.rejected === 1)
  const nulls = await replay(log, { rejects: none, onRejected: none, onProgress: none })
  assert.equal([nulls.report.read, nulls.report.failure], [2, undefined])

  const wrong = (o: object) => o as ReplayOptions
  for (const [options, message] of [
    [wrong({ rejects: 5 }), 'options.rejects must be a file path or a writable stream, got 5'],
    [wrong({ rejects: {} }), 'options.rejects must be a file path or a writable stream, got an object'],
    [wrong({ onRejected: 5 }), 'options.onRejected must be a function, got 5'],
    [wrong({ onApplied: 'log' }), 'options.onApplied must be a function, got "log"'],
    [wrong({ onProgress: true }), 'options.onProgress must be a function, got true'],
  ] as const) {
    const { report, sessions } = await replay(log, options)
    assert.equal([report.read, sessions.size, report.failure], [0, 0, { code: 'ValidationFailed', message, path: 'options' }])
  }
  const store = createInMemoryEventStore<SessionEvent>()
  const refused = await importEventLog(log, store, { onRejected: 5 } as unknown as ImportOptions)
  assert.ok(E.isLeft(refused))
  assert.equal([refused.left.code, refused.left.message, refused.left.report.read], ['ValidationFailed', 'options.onRejected must be a function, got 5', 0])
  assert.is((await store.readAll()).length, 0)
})

test('a store whose append resolves to something other than an Either of an error or a result is StoreUnavailable', async () => {
  for (const [value, shown] of [[null, 'null'], [5, '5'], [{}, 'an object'], [E.left(null), 'an object'], [E.left({ code: 5 }), 'an object']] as const) {
    const imported = await importEventLog([created('a')], { appendToStream: () => Promise.resolve(value as never) })
    assert.ok(E.isLeft(imported))
    assert.is(imported.left.code, 'StoreUnavailable')
    assert.is(imported.left.message, `appendToStream for stream a resolved to ${shown}, not an Either of an error or a result`)
    assert.equal([imported.left.report.read, imported.left.report.imported], [1, 0])
  }
})

test.run()
