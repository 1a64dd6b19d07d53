import { createInMemoryEventStore, type SessionEvent } from 'cartfold'
import { gc, type Row } from './harness.ts'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * In-memory appends: `events` single-event appends round-robin over `streams` streams; the rate
 * overall and of the last 10% against the first 10%, and the heap held per stored event.
 */
export const appendBenchmark = async (events: number, streams: number, repetitions: number): Promise<Row[]> => {
  const ids = Array.from({ length: streams }, (_, i) => `stream-${i}`)
  const event: SessionEvent = { type: 'Closed', data: { at: '2026-01-01T00:00:00.000Z', effects: [] } }
  const rates: number[] = []
  const tails: number[] = []
  const bytes: number[] = []
  // One repetition per call, so that nothing of an earlier repetition's store is still reachable
  // (a loop body's bindings can outlive their iteration in an async function's context).
  const once = async () => {
    gc()
    await sleep(20)
    const heapBefore = process.memoryUsage().heapUsed
    const store = createInMemoryEventStore<SessionEvent>()
    const tenth = Math.floor(events / 10)
    let firstTenth = 0
    let lastTenthStart = 0
    const start = performance.now()
    for (let i = 0; i < events; i++) {
      if (i === tenth) firstTenth = performance.now() - start
      if (i === events - tenth) lastTenthStart = performance.now()
      await store.appendToStream(ids[i % streams]!, [event])
    }
    const end = performance.now()
    rates.push(events / ((end - start) / 1000))
    tails.push(firstTenth / (end - lastTenthStart))
    gc()
    await sleep(20)
    bytes.push((process.memoryUsage().heapUsed - heapBefore) / events)
    if ((await store.readAll()).length !== events) throw new Error('append lost events')
  }
  for (let r = 0; r < repetitions; r++) await once()
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
  const fmt = (x: number) => Math.round(x).toLocaleString('en')
  const rate = median(rates)
  const tail = median(tails)
  const perEvent = median(bytes)
  return [
    {
      figure: `in-memory append, ${fmt(events)} events over ${fmt(streams)} streams`,
      median: `${fmt(rate)} events/s`,
      range: `${fmt(Math.min(...rates))}-${fmt(Math.max(...rates))}`,
      ratio: rate / 500_000,
      target: '>= 500,000 events/s',
      pass: rate >= 500_000,
    },
    {
      figure: 'append rate, last 10% vs first 10%',
      median: `${tail.toFixed(2)}x`,
      range: `${Math.min(...tails).toFixed(2)}-${Math.max(...tails).toFixed(2)}`,
      ratio: tail,
      target: '>= 0.8x',
      pass: tail >= 0.8,
    },
    {
      figure: `heap held per stored event (${fmt(events)} events)`,
      median: `${Math.round(perEvent)} bytes`,
      range: `${Math.round(Math.min(...bytes))}-${Math.round(Math.max(...bytes))}`,
      ratio: 500 / perEvent,
      target: '<= 500 bytes',
      pass: perEvent <= 500,
    },
  ]
}
