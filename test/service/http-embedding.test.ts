import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AddressInfo } from 'node:net'
import { createSessionService } from '../../src/index.ts'
import { start } from '../../docs/examples/http-server.ts'
import { fixedClock } from './fixtures.ts'

const test = suite('docs/embedding.md: the HTTP example')

const withServer = async (run: (url: string) => Promise<void>) => {
  const server = await start(0, createSessionService({ clock: fixedClock() }))
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } })

test('commands, reads, versions, dry runs and idempotent returns over HTTP', () =>
  withServer(async (base) => {
    const commands = `${base}/sessions/order-1/commands`
    const created = await post(commands, {
      type: 'CreateSession',
      data: { integrationId: 'order-1', applicationId: 1, profileId: 'ann', cartItems: [{ sku: 'TEA', quantity: 2, price: 4.5 }] },
    })
    assert.is(created.status, 200)
    assert.is(created.headers.get('etag'), '2')
    assert.is(((await created.json()) as { session: { id: number } }).session.id, 1)

    const stale = await post(commands, { type: 'CloseSession', data: {} }, { 'if-match': '1' })
    assert.is(stale.status, 412)
    const dry = await fetch(`${commands}?dry=true`, { method: 'POST', body: JSON.stringify({ type: 'CloseSession', data: {} }) })
    assert.is(((await dry.json()) as { session: { state: string } }).session.state, 'closed')
    assert.is(((await (await fetch(`${base}/sessions/order-1`)).json()) as { state: string }).state, 'open')
    assert.is((await post(commands, { type: 'CloseSession', data: {} }, { 'if-match': '2' })).status, 200)

    const giveBack = { type: 'ReturnItems', data: { items: [{ sku: 'TEA', quantity: 1 }] } }
    const first = await post(commands, giveBack, { 'idempotency-key': 'k-1' })
    const again = await post(commands, giveBack, { 'idempotency-key': 'k-1' })
    assert.is(first.status, 200)
    assert.is(again.status, 200)
    const [once, twice] = (await Promise.all([first.json(), again.json()])) as Array<{ events: unknown[]; session: unknown }>
    assert.is(once!.events.length, 1)
    assert.is(twice!.events.length, 0)
    assert.equal(twice!.session, once!.session)

    assert.is((await post(commands, '{ not json')).status, 400)
    assert.is((await post(`${base}/sessions/nobody/commands`, { type: 'CloseSession', data: {} })).status, 404)
    assert.is((await fetch(`${base}/sessions/nobody`)).status, 404)
    assert.is((await post(commands, { type: 'AddItems', data: { cartItems: [{ sku: 'X', quantity: 1, price: 1 }] } })).status, 409)

    const page = (await (await fetch(`${base}/sessions?profileId=ann&pageSize=10`)).json()) as { total: number; items: Array<{ integrationId: string }> }
    assert.is(page.total, 1)
    assert.is(page.items[0]?.integrationId, 'order-1')
    assert.is((await fetch(`${base}/sessions?pageSize=5000`)).status, 400)
    assert.is((await fetch(`${base}/elsewhere`)).status, 404)
    assert.is((await fetch(`${base}/sessions/order-1`, { method: 'DELETE' })).status, 405)
  }))

test.run()
