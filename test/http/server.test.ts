import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createInMemoryEventStore, type AnyEvent, type EventStore } from '../../src/index.ts'
import { talonRoutes } from '../../src/talon/index.ts'
import { run } from '../../src/cli/run.ts'
import { policy, tea, tickingClock, withServer } from './fixtures.ts'

const test = suite('the HTTP server: errors, races, shutdown, embedding, the serve command')

const auth = { authorization: 'ApiKey-v1 dev', 'content-type': 'application/json' }
const put = (url: string, body: unknown, headers: Record<string, string> = auth) =>
  fetch(url, { method: 'PUT', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
const errorOf = async (response: Response) => ((await response.json()) as { errors: Array<{ title: string; details: string; source: Record<string, string> }> }).errors[0]!

test('health, unknown routes, bad JSON, other media types and query parameters, in Talon.One\'s error shape', () =>
  withServer({}, async (base) => {
    assert.equal(await (await fetch(`${base}/health`)).json(), { status: 'ok' })
    const nowhere = await fetch(`${base}/v2/elsewhere`)
    assert.is(nowhere.status, 404)
    assert.is((await errorOf(nowhere)).title, 'NotFound')
    const badJson = await put(`${base}/v2/customer_sessions/a`, '{ nope')
    assert.is(badJson.status, 400)
    assert.is((await errorOf(badJson)).source.pointer, '')
    const text = await put(`${base}/v2/customer_sessions/a`, 'hello', { authorization: 'ApiKey-v1 dev', 'content-type': 'application/xml' })
    assert.is(text.status, 415)
    const unknown = await put(`${base}/v2/customer_sessions/a?runRuleEngine=true`, { customerSession: {} })
    assert.equal([unknown.status, (await errorOf(unknown)).source.parameter], [400, 'runRuleEngine'])
    const scheme = await put(`${base}/v2/customer_sessions/a`, { customerSession: {} }, { authorization: 'Bearer abc', 'content-type': 'application/json' })
    assert.is(scheme.status, 401)
    assert.is((await put(`${base}/v2/customer_sessions/a`, { customerSession: { cartItems: [tea], state: 'closed' } })).status, 200)
    const longKey = await fetch(`${base}/v2/customer_sessions/a/returns`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': 'k'.repeat(201) },
      body: JSON.stringify({ return: { returnedCartItems: [{ position: 0 }] } }),
    })
    assert.equal([longKey.status, (await errorOf(longKey)).source.parameter], [400, 'Idempotency-Key'])
    const pointer = await fetch(`${base}/v2/customer_sessions/a/returns`, { method: 'POST', headers: auth, body: JSON.stringify({ return: { returnedCartItems: [{ position: 0, sku: 'TEA' }] } }) })
    assert.equal([pointer.status, (await errorOf(pointer)).source.pointer], [400, '/return/returnedCartItems/0'])
    const management = { authorization: 'ManagementKey-v1 dev' }
    assert.is((await fetch(`${base}/v1/applications/0/sessions`, { headers: management })).status, 400)
    assert.is((await fetch(`${base}/v1/applications/1/sessions/abc`, { headers: management })).status, 400)
    assert.is((await fetch(`${base}/v1/applications/1/sessions?color=red`, { headers: management })).status, 400)
  }))

/** A real store with another writer that appends to a session just before every append of ours. */
const contested = (store: EventStore<AnyEvent>, streamId: string): EventStore<AnyEvent> => ({
  ...store,
  appendToStream: async (id, events, options) => {
    if (id === streamId && events[0]?.type !== 'Created') {
      await store.appendToStream(id, [{ type: 'Updated', data: { at: '2026-01-01T09:00:00.000Z', attributes: { rival: true } } }])
    }
    return store.appendToStream(id, events, options)
  },
})

test('an update that loses the race to another writer after the retries is 409', async () => {
  const store = createInMemoryEventStore()
  await withServer({ store: contested(store, 'busy') }, async (base) => {
    assert.is((await put(`${base}/v2/customer_sessions/busy`, { customerSession: { cartItems: [tea] } })).status, 200)
    const lost = await put(`${base}/v2/customer_sessions/busy`, { customerSession: { profileId: 'ann' } })
    assert.is(lost.status, 409)
    assert.is((await errorOf(lost)).title, 'ConcurrencyConflict')
  })
})

test('closing lets the requests in flight finish: every answered update is stored, none half-applied', async () => {
  const store = createInMemoryEventStore()
  await withServer({ store, clock: tickingClock() }, async (base, app) => {
    await put(`${base}/v2/customer_sessions/s`, { customerSession: { cartItems: [] } })
    const lines = Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, price: 1 }))
    const sent = lines.map((_, i) => put(`${base}/v2/customer_sessions/s`, { customerSession: { cartItems: lines.slice(0, i + 1) } }).then((r) => r.status, () => 0))
    const closing = app.close()
    const statuses = await Promise.all(sent)
    await closing
    const read = await store.readStream('s')
    const added = read.events.filter((e) => e.type === 'ItemsAdded').length
    assert.is(added, statuses.filter((s) => s === 200).length)
    for (const status of statuses) assert.ok([0, 200, 503].includes(status), `status ${status}`)
  })
})

test('the routes as a plugin in an application of the embedder, under a prefix', async () => {
  const app = Fastify()
  app.get('/', async () => 'the shop')
  await app.register(talonRoutes, { prefix: '/talon', policy, clock: tickingClock() })
  const answer = await app.inject({ method: 'PUT', url: '/talon/v2/customer_sessions/x', headers: auth, payload: { customerSession: { couponCodes: ['SAVE'], cartItems: [tea] } } })
  assert.is(answer.statusCode, 200)
  assert.equal(answer.json().effects.map((e: { props: { value: number } }) => e.props.value), [0.9])
  assert.is((await app.inject({ url: '/' })).body, 'the shop')
  await app.close()
})

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))

test('cartfold serve: prints where it listens, serves, and stops on SIGTERM with exit code 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-serve-'))
  const keys = join(dir, 'keys.json')
  writeFileSync(keys, JSON.stringify({ apiKeys: { 'ak-1': 3 } }))
  const rules = join(dir, 'rules.json')
  writeFileSync(rules, JSON.stringify(policy))
  const child = spawn(process.execPath, [...process.execArgv, cli, 'serve', '--port', '0', '--keys', keys, '--policy', rules, '--currency', 'EUR'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  const created = await put(`${url}/v2/customer_sessions/c`, { customerSession: { couponCodes: ['SAVE'], cartItems: [tea] }, responseContent: ['customerSession'] }, { authorization: 'ApiKey-v1 ak-1', 'content-type': 'application/json' })
  const body = (await created.json()) as { customerSession: { applicationId: number }; effects: unknown[] }
  assert.equal([created.status, body.customerSession.applicationId, body.effects.length], [200, 3, 1])
  assert.is((await put(`${url}/v2/customer_sessions/c`, { customerSession: {} })).status, 401)
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  child.kill('SIGTERM')
  assert.is(await exited, 0)
  assert.match(stderr, '"url":"/v2/customer_sessions/c"')
})

test('cartfold serve: bad usage is exit code 2, with the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-serve-'))
  const badKeys = join(dir, 'keys.json')
  writeFileSync(badKeys, JSON.stringify({ apiKeys: { k: 0 } }))
  for (const [args, reason] of [
    [['--port', 'eighty'], '--port'],
    [['--currency', 'euro'], '--currency'],
    [['--keys', badKeys], 'keys.apiKeys.k'],
    [['--keys', join(dir, 'missing.json')], 'missing.json'],
    [['--policy', join(dir, 'missing.json')], '--policy'],
    [['extra'], 'no arguments'],
    [['--nope'], 'unknown option --nope'],
  ] as const) {
    let err = ''
    const io = { stdin: process.stdin, stdout: { write: () => true } as never, stderr: { write: (s: string) => ((err += s), true) } as never }
    assert.is(await run(['serve', ...args], io), 2, args.join(' '))
    assert.match(err, reason)
  }
})

test('cartfold serve --help: its usage, exit code 0', async () => {
  let out = ''
  const io = { stdin: process.stdin, stdout: { write: (s: string) => ((out += s), true) } as never, stderr: { write: () => true } as never }
  assert.is(await run(['serve', '--help'], io), 0)
  assert.match(out, 'usage: cartfold serve [options]')
  assert.match(out, '--database-url URL')
})

test('cartfold serve: a database that cannot be reached is exit code 1', async () => {
  let err = ''
  const io = { stdin: process.stdin, stdout: { write: () => true } as never, stderr: { write: (s: string) => ((err += s), true) } as never }
  assert.is(await run(['serve', '--database-url', 'postgres://nobody@127.0.0.1:1/none'], io), 1)
  assert.match(err, 'cartfold serve:')
})

test.run()
