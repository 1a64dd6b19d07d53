import { randomUUID } from 'node:crypto'
import { createInMemoryEventStore, createSessionService, parsePolicy, type SessionEvent } from 'cartfold'

// A policy usually comes from a file: parsePolicy(await readFile('rules.json', 'utf8')).
const policy = parsePolicy('{ "rules": [{ "name": "tenOff", "target": { "type": "session", "scope": "cartItems" }, "percent": 10 }] }')
if (policy._tag === 'Left') throw new Error(policy.left.message)

const service = createSessionService({
  store: createInMemoryEventStore<SessionEvent>(), // the default; or createPostgresEventStore(...) from cartfold/postgres
  policy: policy.right,        // the discount rules evaluated at close (docs/discounts.md)
  clock: () => new Date(),     // the business time written into events
  newId: () => randomUUID(),   // return ids, for returns sent without one
  currency: 'EUR',             // for sessions created without a currency
  maxRetries: 3,               // re-decisions after losing a race to another process
  onWarning: (message) => console.warn(message), // what the read models could not apply
})

const created = await service.execute('cart-1', {
  type: 'CreateSession',
  data: { integrationId: 'cart-1', applicationId: 1, cartItems: [{ sku: 'TEA', quantity: 2, price: 4.2 }] },
})
if (created._tag === 'Right') {
  const { projection, nextExpectedStreamVersion } = created.right
  console.log(projection.id, projection.currency, projection.total, projection.discounts, `version ${nextExpectedStreamVersion}`)
}
const closed = await service.execute('cart-1', { type: 'CloseSession', data: {} }, { expectedStreamVersion: 2 })
if (closed._tag === 'Right') console.log(closed.right.projection.state, closed.right.projection.totalDiscounts)
const page = await service.list({ state: 'closed' })
if (page.error === undefined) console.log(`${page.total} closed: ${page.items.map((p) => p.integrationId).join(', ')}`)
service.close()
