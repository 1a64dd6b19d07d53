import { currentSchemaVersion, type RecordedEvent, type SessionEvent } from 'cartfold'

/**
 * A deterministic generator of realistic session histories: create, 5 to 8 item additions of 1 to 3
 * lines, then close (with some returns afterwards) or cancel. Seeded, so every run and every
 * machine measures the same data.
 */
export const prng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const skus = ['TEA', 'MUG', 'SHIRT', 'SOCKS', 'HAT', 'BAG', 'PEN', 'BOOK', 'LAMP', 'CUP']
const categories = ['kitchen', 'apparel', 'office']

export interface Workload {
  /** per session, its events in order */
  readonly sessions: SessionEvent[][]
  readonly eventCount: number
}

const at = (base: number, minutes: number) => new Date(base + minutes * 60_000).toISOString()

/** One session's history. */
const history = (random: () => number, index: number): SessionEvent[] => {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const base = Date.UTC(2025, 0, 1) + index * 37_000
  const events: SessionEvent[] = [
    {
      type: 'Created',
      data: {
        at: at(base, 0),
        id: index + 1,
        integrationId: `session-${index}`,
        applicationId: 1,
        profileId: random() < 0.2 ? '' : `profile-${int(1, Math.max(1, index >> 2))}`,
        currency: 'EUR',
        couponCodes: random() < 0.3 ? ['WELCOME'] : [],
        loyaltyCards: [],
        identifiers: [],
        attributes: { channel: random() < 0.5 ? 'web' : 'app' },
        additionalCosts: { shipping: { price: 4.9 } },
        firstSession: random() < 0.3,
      },
    },
  ]
  let lines = 0
  const additions = int(5, 8)
  for (let a = 0; a < additions; a++) {
    const cartItems = Array.from({ length: int(1, 3) }, () => ({
      sku: skus[int(0, skus.length - 1)]!,
      quantity: int(1, 3),
      price: int(100, 9999) / 100,
      category: categories[int(0, categories.length - 1)]!,
    }))
    lines += cartItems.length
    events.push({ type: 'ItemsAdded', data: { at: at(base, a + 1), cartItems } })
  }
  if (random() < 0.15) {
    events.push({ type: 'Cancelled', data: { at: at(base, 20), rolledBack: [] } })
    return events
  }
  events.push({ type: 'Closed', data: { at: at(base, 20), effects: [] } })
  if (random() < 0.25) {
    events.push({
      type: 'ItemsReturned',
      data: { at: at(base, 60 * 24), returnId: `r-${index}`, items: [{ position: int(0, lines - 1), quantity: 1 }], rolledBack: [] },
    })
  }
  return events
}

/** About `targetEvents` events (whole sessions), from a seed. */
export const generate = (targetEvents: number, seed = 42): Workload => {
  const random = prng(seed)
  const sessions: SessionEvent[][] = []
  let eventCount = 0
  for (let i = 0; eventCount < targetEvents; i++) {
    const events = history(random, i)
    sessions.push(events)
    eventCount += events.length
  }
  return { sessions, eventCount }
}

/** The workload as recorded events in global order (sessions interleaved in blocks). */
export function* recorded(workload: Workload): Generator<RecordedEvent<SessionEvent>> {
  let globalPosition = 0
  for (const [s, events] of workload.sessions.entries()) {
    for (const [v, event] of events.entries()) {
      globalPosition += 1
      yield {
        ...event,
        metadata: {
          eventId: `01J${String(globalPosition).padStart(23, '0')}`,
          streamId: `session-${s}`,
          streamVersion: v + 1,
          globalPosition,
          recordedAt: event.data.at,
          schemaVersion: currentSchemaVersion,
        },
      } as RecordedEvent<SessionEvent>
    }
  }
}
