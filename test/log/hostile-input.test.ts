import * as E from 'fp-ts/lib/Either.js'
import { PassThrough } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createInMemoryEventStore, importEventLog, readEventLog, replay, writeEventLog, type RecordedEvent, type SessionEvent } from '../../src/index.ts'
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

test.run()
