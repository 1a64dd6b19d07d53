/**
 * Makes `examples/sessions.jsonl` (a realistic log of a few hundred interleaved sessions in every
 * state) and `examples/broken.jsonl` (a short log with one line of each kind replay rejects).
 * Deterministic: the same seed gives the same bytes. Run with `npm run examples`.
 *
 * Commands go through the session service on an in-memory store, with a simulated clock and the
 * discount policy of `examples/policy.json` (so closes record effects, returns and cancels their
 * roll-backs); the log
 * is the store's export. The store draws its event ids from a random source, so the script
 * re-derives them from the seed (monotonic, in global order) to make the file reproducible byte
 * for byte; nothing else is changed. The oldest sessions are written in the version-1 event shape (single `coupon`
 * / `referral`, a client-supplied `total`), as a log that predates the versioned events would hold
 * them, so that the sample exercises the upcasters.
 */
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { monotonicFactory } from 'ulid'
import {
  createSessionService,
  initialState,
  parsePolicy,
  toLogLine,
  type SessionError,
  type RecordedEvent,
  type SessionCommand,
  type SessionEvent,
  type SessionProjection,
} from '../src/index.ts'
import { createInMemoryEventStore } from '../src/store/in-memory-event-store.ts'
import { currentSchemaVersion } from '../src/domain/events.ts'

const seed = Number(process.env.SEED ?? 20261122)
const sessionCount = Number(process.env.SESSIONS ?? 260)
const v1Sessions = 24
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples')

/** mulberry32: a small seeded PRNG. */
const prng = (s: number) => () => {
  s = (s + 0x6d2b79f5) | 0
  let x = Math.imul(s ^ (s >>> 15), 1 | s)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}
const random = prng(seed)
const pick = <A>(xs: readonly A[]): A => xs[Math.floor(random() * xs.length)]!
const chance = (p: number) => random() < p
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))

// ---- the world ------------------------------------------------------------------------------

const catalog = [
  { sku: 'TEE-BLK-M', name: 'T-shirt, black, M', category: 'apparel', usd: 19.99, weight: 180 },
  { sku: 'TEE-WHT-L', name: 'T-shirt, white, L', category: 'apparel', usd: 19.99, weight: 190 },
  { sku: 'HOOD-GRY-M', name: 'Hoodie, grey, M', category: 'apparel', usd: 54.5, weight: 620 },
  { sku: 'SOCK-3PK', name: 'Socks, 3 pack', category: 'apparel', usd: 9.95, weight: 120 },
  { sku: 'MUG-12OZ', name: 'Mug, 12 oz', category: 'mugs', usd: 12, weight: 350 },
  { sku: 'CANDLE-FIG', name: 'Candle, fig', category: 'home', usd: 24.75, weight: 400 },
  { sku: 'BEANS-1KG', name: 'Coffee beans, 1 kg', category: 'grocery', usd: 31.4, weight: 1000 },
  { sku: 'TEA-EARL', name: 'Earl Grey, 100 g', category: 'grocery', usd: 7.8, weight: 100 },
  { sku: 'HEADPH-BT', name: 'Headphones, Bluetooth', category: 'electronics', usd: 129, weight: 250 },
  { sku: 'CABLE-USBC', name: 'USB-C cable, 2 m', category: 'electronics', usd: 14.99, weight: 60 },
  { sku: 'BOOK-ES', name: 'Event Sourcing in Practice', category: 'books', usd: 39.9, weight: 700 },
  { sku: 'GIFT-CARD', name: 'Gift card', category: 'gift', usd: 50, weight: 0 },
] as const

/** Currency, and how a USD price converts into it at its precision. */
const currencies = [
  { code: 'USD', rate: 1, precision: 2, weight: 6 },
  { code: 'EUR', rate: 0.92, precision: 2, weight: 3 },
  { code: 'JPY', rate: 151, precision: 0, weight: 1 },
  { code: 'KWD', rate: 0.307, precision: 3, weight: 1 },
] as const
const currencyBag = currencies.flatMap((c) => Array.from({ length: c.weight }, () => c))
const priceIn = (usd: number, c: (typeof currencies)[number]) => {
  const scale = 10 ** c.precision
  return Math.round(usd * c.rate * scale) / scale
}

const profiles = Array.from({ length: 90 }, (_, i) => `customer-${String(i + 1).padStart(4, '0')}`)
const coupons = ['WELCOME10', 'SPRING25', 'FREESHIP', 'VIP-2026', 'BUNDLE3']
const referrals = ['REF-ANNA', 'REF-OMAR', 'REF-LI']
const stores = ['store-berlin', 'store-lisbon', 'store-online']

// ---- the service, on a store with a simulated clock --------------------------------------------

const store = createInMemoryEventStore<SessionEvent>({ clock: () => new Date(clock) })
let clock = Date.parse('2026-01-05T08:00:00.000Z')
// The shipped example policy: closes record its effects, returns and cancels their roll-backs.
const policy = E.getOrElse((e: SessionError): never => {
  throw new Error(`make-examples: examples/policy.json: ${e.message}`)
})(parsePolicy(readFileSync(join(out, 'policy.json'), 'utf8')))
const service = createSessionService({ store, policy, clock: () => new Date(clock), currency: 'USD' })
const newEventId = monotonicFactory(prng(seed ^ 0x5eed))

// ---- sessions as scripts of commands ---------------------------------------------------------

type View = Pick<SessionProjection, 'cartItems' | 'profileId'>
interface Live {
  readonly integrationId: string
  state: View
  readonly steps: Array<(s: View) => SessionCommand | undefined>
}

let returnCount = 0

const lineFor = (c: (typeof currencies)[number]) => {
  const item = pick(catalog)
  return {
    sku: item.sku,
    name: item.name,
    category: item.category,
    quantity: chance(0.75) ? 1 : between(2, 4),
    price: priceIn(item.usd, c),
    ...(item.weight > 0 ? { weight: item.weight } : {}),
    ...(item.sku === 'GIFT-CARD' && chance(0.5) ? { additionalCosts: { giftWrap: { price: priceIn(2.5, c) } } } : {}),
  }
}

const plan = (n: number): Live => {
  const integrationId = `session-${String(n).padStart(5, '0')}`
  const currency = n <= v1Sessions ? currencies[0] : pick(currencyBag)
  const profileId = chance(0.25) ? '' : pick(profiles)
  const legacy = n > v1Sessions && chance(0.07)
  const steps: Live['steps'] = []
  const v1 = n <= v1Sessions
  steps.push(() => {
    return {
      type: 'CreateSession',
      data: {
        integrationId,
        applicationId: 1,
        profileId,
        currency: currency.code,
        ...(chance(0.6) ? { storeIntegrationId: pick(stores) } : {}),
        ...(chance(0.3) ? { couponCodes: [pick(coupons)] } : {}),
        ...(chance(0.15) ? { referralCode: pick(referrals) } : {}),
        ...(!v1 && chance(0.2) ? { loyaltyCards: [`card-${between(1000, 9999)}`] } : {}),
        ...(!v1 && chance(0.4) ? { additionalCosts: { shipping: { price: priceIn(pick([0, 4.9, 9.9]), currency) } } } : {}),
        attributes: { channel: pick(['web', 'app', 'pos']), ...(chance(0.2) ? { gift: true } : {}), ...(chance(0.15) ? { tier: 'gold' } : {}) },
        ...(legacy ? { cartItems: Array.from({ length: between(1, 3) }, () => lineFor(currency)), state: 'closed' as const } : {}),
      },
    }
  })
  if (!legacy) {
    for (let i = between(1, 4); i > 0; i--) steps.push(() => ({ type: 'AddItems', data: { cartItems: Array.from({ length: between(1, 2) }, () => lineFor(currency)) } }))
    if (chance(0.3)) {
      steps.push((s) => {
        const position = Math.floor(random() * s.cartItems.length)
        const line = s.cartItems[position]
        return line === undefined ? undefined : { type: 'RemoveItems', data: { items: [{ position, quantity: 1 }] } }
      })
    }
    if (chance(0.35)) {
      steps.push((s) =>
        s.profileId === '' && chance(0.5)
          ? { type: 'UpdateSession', data: { profileId: pick(profiles) } }
          : chance(0.5)
            ? { type: 'UpdateSession', data: { couponCodes: chance(0.2) ? [] : [pick(coupons)] } }
            : { type: 'UpdateSession', data: v1 ? { attributes: { channel: 'web', newsletter: true } } : { referralCode: pick(referrals) } },
      )
    }
  }
  const ending = random()
  const close = (): SessionCommand => ({ type: 'CloseSession', data: {} })
  const returnSome = (s: View): SessionCommand | undefined => {
    const open = s.cartItems.map((l, position) => ({ position, left: l.quantity - l.returnedQuantity })).filter((x) => x.left > 0)
    if (open.length === 0) return undefined
    const { position, left } = pick(open)
    return { type: 'ReturnItems', data: { returnId: `ret-${++returnCount}`, items: [{ position, quantity: between(1, left) }] } }
  }
  if (legacy) {
    if (ending < 0.3) steps.push(returnSome)
  } else if (ending < 0.2) {
    // stays open: an abandoned or ongoing cart
  } else if (ending < 0.55) steps.push(close)
  else if (ending < 0.72) {
    steps.push(close, returnSome)
    if (chance(0.4)) steps.push(returnSome)
  } else if (ending < 0.82) steps.push(() => ({ type: 'CancelSession', data: {} }))
  else if (ending < 0.92) {
    steps.push(close)
    if (chance(0.5)) steps.push(returnSome)
    steps.push(() => ({ type: 'CancelSession', data: {} }))
  } else {
    steps.push(close, () => ({ type: 'ReopenSession', data: {} }), () => ({ type: 'AddItems', data: { cartItems: [lineFor(currency)] } }), close)
  }
  return { integrationId, state: { cartItems: [], profileId: initialState.profileId }, steps }
}

// ---- run: sessions start over time and interleave -------------------------------------------

const live: Live[] = []
let started = 0
while (started < sessionCount || live.length > 0) {
  if (started < sessionCount && (live.length < 12 || chance(0.3))) live.push(plan(++started))
  const index = Math.floor(random() * live.length)
  const session = live[index]!
  clock += between(5, 240) * 1000
  const command = session.steps.shift()?.(session.state)
  if (command !== undefined) {
    const done = await service.execute(session.integrationId, command)
    if (E.isLeft(done)) throw new Error(`make-examples: ${done.left.message}`)
    session.state = done.right.projection
  }
  if (session.steps.length === 0) live.splice(index, 1)
}
service.close()

const recorded = (await store.readAll()).map((e) => ({ ...e, metadata: { ...e.metadata, eventId: newEventId(Date.parse(e.metadata.recordedAt)) } }))

// ---- the oldest sessions in the version-1 shape -------------------------------------------------

const v1Streams = new Set(Array.from({ length: v1Sessions }, (_, i) => `session-${String(i + 1).padStart(5, '0')}`))
const totals = new Map<string, number>()

/** The V1 shape of a V2 event, as a pre-versioning writer would have written it. */
const downcast = (event: RecordedEvent<SessionEvent>): RecordedEvent => {
  if (!v1Streams.has(event.metadata.streamId)) return event
  const metadata = { ...event.metadata, schemaVersion: 1 }
  if (event.type === 'ItemsAdded') {
    let total = totals.get(event.metadata.streamId) ?? 0
    for (const l of event.data.cartItems) total += l.price * l.quantity
    totals.set(event.metadata.streamId, Math.round(total * 100) / 100)
  }
  if (event.type === 'Created') {
    const { couponCodes, referralCode, loyaltyCards: _l, additionalCosts: _a, ...rest } = event.data
    return {
      type: 'Created',
      data: { ...rest, ...(couponCodes[0] === undefined ? {} : { coupon: couponCodes[0] }), ...(referralCode === undefined ? {} : { referral: referralCode }), total: 0 },
      metadata,
    }
  }
  if (event.type === 'Updated') {
    const { couponCodes, referralCode, ...rest } = event.data
    return {
      type: 'Updated',
      data: {
        ...rest,
        ...(couponCodes === undefined ? {} : { coupon: couponCodes[0] ?? '' }),
        ...(referralCode === undefined ? {} : { referral: referralCode }),
        total: totals.get(event.metadata.streamId) ?? 0,
      },
      metadata,
    }
  }
  return { ...event, metadata }
}

const lines = recorded.map((e) => toLogLine(downcast(e)))
writeFileSync(join(out, 'sessions.jsonl'), `${lines.join('\n')}\n`)

// ---- broken.jsonl: the first few sessions, then one line of each kind replay rejects -----------

const firstStreams = new Set(['session-00025', 'session-00026', 'session-00027', 'session-00028'])
const good = recorded.filter((e) => firstStreams.has(e.metadata.streamId))
const cancelledStream = `broken-cancelled`
const at = (minutes: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + minutes * 60_000).toISOString()
let position = recorded.length
const meta = (streamId: string, streamVersion: number, minutes: number, eventId: string = newEventId(Date.parse(at(minutes)))) => ({
  eventId,
  streamId,
  streamVersion,
  globalPosition: ++position,
  recordedAt: at(minutes),
  schemaVersion: currentSchemaVersion,
})
const created = (streamId: string, minutes: number) => ({
  type: 'Created',
  data: { at: at(minutes), integrationId: streamId, applicationId: 1, profileId: '', currency: 'EUR', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true },
})
const item = { sku: 'MUG-12OZ', quantity: 1, price: 11.04 }
const dupId = newEventId(Date.parse(at(30)))
const broken: string[] = [
  ...good.slice(0, 6).map(toLogLine),
  '{"type":"ItemsAdded","data":{"at":"2026-03-01T10:00:00.000Z","cartItems":[', // malformed JSON
  JSON.stringify({ type: 'ItemsDiscounted', data: { at: at(1) }, metadata: meta('session-x1', 1, 1) }), // unknown type
  JSON.stringify({ ...created('session-x2', 2), metadata: meta('session-x2', 1, 2) }),
  JSON.stringify({ type: 'ItemsAdded', data: { at: at(3), cartItems: [{ ...item, quantity: '2' }] }, metadata: meta('session-x2', 2, 3) }), // wrong field type
  JSON.stringify({ ...created('session-x3', 4), metadata: meta('session-x3', 1, 4) }),
  JSON.stringify({ type: 'ItemsAdded', data: { at: at(5), cartItems: [item] }, metadata: meta('session-x3', 3, 5) }), // version skips
  JSON.stringify({ ...created('session-x4', 6), metadata: meta('session-x4', 1, 6) }),
  JSON.stringify({ type: 'ItemsAdded', data: { at: at(7), cartItems: [item] }, metadata: meta('session-x4', 1, 7) }), // version repeats
  JSON.stringify({ ...created('session-x5', 8), metadata: meta('session-x5', 1, 8, dupId) }),
  JSON.stringify({ type: 'ItemsAdded', data: { at: at(9), cartItems: [item] }, metadata: meta('session-x5', 2, 9, dupId) }), // duplicate eventId
  JSON.stringify({ ...created(cancelledStream, 10), metadata: meta(cancelledStream, 1, 10) }),
  JSON.stringify({ type: 'Cancelled', data: { at: at(11), rolledBack: [] }, metadata: meta(cancelledStream, 2, 11) }),
  JSON.stringify({ type: 'ItemsAdded', data: { at: at(12), cartItems: [item] }, metadata: meta(cancelledStream, 3, 12) }), // refused by the state
  JSON.stringify({ type: 'Updated', data: { at: at(13), couponCodes: ['LATE'] }, metadata: meta(cancelledStream, 4, 13) }), // its stream is cut short
  ...good.slice(6).map(toLogLine),
]
writeFileSync(join(out, 'broken.jsonl'), `${broken.join('\n')}\n`)

console.log(`examples/sessions.jsonl: ${lines.length} events, ${sessionCount} sessions; examples/broken.jsonl: ${broken.length} lines`)
