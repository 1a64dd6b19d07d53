import { fold, type SessionEvent } from 'cartfold'
import { interleaved, type Row } from './harness.ts'
import type { Workload } from './workload.ts'

interface HandLine {
  sku: string
  quantity: number
  price: number
  costs: number
  returned: number
}

/**
 * The baseline: a hand-written mutable fold over the same events, with plain objects, integer
 * minor units and for loops, keeping what the session state keeps.
 */
const handFold = (events: readonly SessionEvent[]) => {
  const s = { state: 'none', id: 0, integrationId: '', profileId: '', couponCodes: [] as string[], lines: [] as HandLine[], effects: 0, returns: 0, updated: '', count: 0, attributes: {} as unknown }
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    switch (e.type) {
      case 'Created':
        s.state = 'open'
        s.id = e.data.id ?? 0
        s.integrationId = e.data.integrationId
        s.profileId = e.data.profileId
        s.couponCodes = e.data.couponCodes
        s.attributes = e.data.attributes
        break
      case 'ItemsAdded':
        for (let j = 0; j < e.data.cartItems.length; j++) {
          const c = e.data.cartItems[j]!
          s.lines.push({ sku: c.sku, quantity: c.quantity, price: Math.round(c.price * 100), costs: 0, returned: 0 })
        }
        break
      case 'ItemsRemoved':
        for (const r of e.data.items) s.lines[r.position]!.quantity -= r.quantity
        s.lines = s.lines.filter((l) => l.quantity > 0)
        break
      case 'Closed':
        s.state = 'closed'
        s.effects = e.data.effects.length
        break
      case 'ItemsReturned':
        for (const r of e.data.items) s.lines[r.position]!.returned += r.quantity
        s.returns += 1
        s.state = 'partially_returned'
        break
      case 'Cancelled':
        s.state = 'cancelled'
        break
      default:
        break
    }
    s.updated = e.data.at
    s.count++
  }
  return s
}

/** `fold` per session against the hand-written fold. Target: >= 0.5x. */
export const foldBenchmark = async (workload: Workload, repetitions: number, passes = 10): Promise<Row> => {
  let sink = 0
  // Several passes per timing, so that one timing lasts long enough for the clock and the GC.
  const r = await interleaved(
    {
      baseline: () => {
        for (let p = 0; p < passes; p++) for (const events of workload.sessions) sink += handFold(events).count
      },
      fold: () => {
        for (let p = 0; p < passes; p++) for (const events of workload.sessions) sink += fold(events).updateCount
      },
    },
    repetitions,
  )
  if (sink === 0) throw new Error('nothing folded')
  const perSession = (ms: number) => (ms * 1000) / workload.sessions.length / passes
  const ratio = r.baseline!.median / r.fold!.median
  return {
    figure: `fold per session (${workload.sessions.length} sessions)`,
    median: `${perSession(r.fold!.median).toFixed(2)} us (baseline ${perSession(r.baseline!.median).toFixed(2)} us)`,
    range: `${perSession(r.fold!.min).toFixed(2)}-${perSession(r.fold!.max).toFixed(2)} us`,
    ratio,
    target: '>= 0.5x baseline',
    pass: ratio >= 0.5,
  }
}
