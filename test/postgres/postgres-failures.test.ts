import { EventEmitter } from 'node:events'
import type { Pool } from 'pg'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { inTransaction } from '../../src/store/postgres/connection.ts'
import { startNotifier } from '../../src/store/postgres/notifier.ts'

// Connection failures at awkward moments, on a fake pool: no server needed.

/** A client whose queries answer as `answer` says, counting its releases. */
const fakeClient = (answer: (sql: string) => Promise<unknown>) => {
  const client = Object.assign(new EventEmitter(), {
    queries: [] as string[],
    releases: [] as Array<boolean | undefined>,
    query: (sql: string) => {
      client.queries.push(sql)
      return answer(sql)
    },
    release: (destroy?: boolean) => void client.releases.push(destroy),
  })
  return client
}
const poolOf = (client: unknown): Pool => ({ connect: async () => client }) as unknown as Pool

const test = suite('postgres connection failures')

test('a refused append stays refused when its ROLLBACK fails, and the client is destroyed', async () => {
  const client = fakeClient(async (sql) => {
    if (sql === 'ROLLBACK') throw new Error('connection terminated')
    return { rows: [] }
  })
  const value = await inTransaction(poolOf(client), async () => ({ commit: false, value: 'ConcurrencyConflict' }))
  assert.is(value, 'ConcurrencyConflict')
  assert.equal(client.queries, ['BEGIN', 'ROLLBACK'])
  assert.equal(client.releases, [true], 'destroyed once, not lent again')
})

test('a refused append whose ROLLBACK succeeds gives the client back', async () => {
  const client = fakeClient(async () => ({ rows: [] }))
  assert.is(await inTransaction(poolOf(client), async () => ({ commit: false, value: 'refused' })), 'refused')
  assert.equal(client.releases, [undefined])
})

test('stop() while LISTEN is in flight, then LISTEN fails: the client is released once', async () => {
  let failListen: (error: Error) => void = () => {}
  const client = fakeClient(
    () =>
      new Promise((_, reject) => {
        failListen = reject
      }),
  )
  let notified = 0
  const notifier = startNotifier(poolOf(client), 'events', () => notified++, 10)
  await new Promise((resolve) => setImmediate(resolve)) // connect() reaches LISTEN
  assert.equal(client.queries.length, 1)
  await notifier.stop()
  failListen(new Error('connection terminated'))
  await new Promise((resolve) => setImmediate(resolve))
  client.emit('end') // a later end or error changes nothing
  assert.equal(client.releases, [true], 'destroyed exactly once')
  await new Promise((resolve) => setTimeout(resolve, 30))
  assert.is(notified, 0, 'no reconnect after stop')
})

test('stop() after LISTEN succeeded releases the client once, even if it ends later', async () => {
  const client = fakeClient(async () => ({ rows: [] }))
  const notifier = startNotifier(poolOf(client), 'events', () => {}, 10)
  await new Promise((resolve) => setImmediate(resolve))
  await notifier.stop()
  client.emit('error', new Error('terminated'))
  client.emit('end')
  assert.equal(client.releases, [true])
})

test.run()
