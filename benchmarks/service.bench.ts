import { createSessionService } from 'cartfold'
import { gc, summarise, type Row } from './harness.ts'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * The session service on the in-memory store, read models on: `execute` of `AddItems` (one line)
 * on carts kept at 19 to 20 lines (a `RemoveItems` of the oldest line makes room, untimed).
 * Target: >= 50,000 commands/s.
 */
export const serviceBenchmark = async (sessions: number, commandsPerRun: number, repetitions: number): Promise<Row> => {
  const rates: number[] = []
  const once = async () => {
    const service = createSessionService({ clock: () => new Date(Date.UTC(2026, 0, 1)) })
    const line = { sku: 'TEA', quantity: 1, price: 4.2 }
    for (let s = 0; s < sessions; s++) {
      const created = await service.execute(`bench-${s}`, {
        type: 'CreateSession',
        data: { integrationId: `bench-${s}`, applicationId: 1, profileId: `p-${s}`, cartItems: Array.from({ length: 19 }, () => line) },
      })
      if (created._tag === 'Left') throw new Error(created.left.message)
    }
    gc()
    await sleep(20)
    let timed = 0
    for (let done = 0; done < commandsPerRun; ) {
      // Timed: one AddItems per session, taking each cart to 20 lines.
      const start = performance.now()
      for (let s = 0; s < sessions && done < commandsPerRun; s++, done++) {
        const r = await service.execute(`bench-${s}`, { type: 'AddItems', data: { cartItems: [line] } })
        if (r._tag === 'Left') throw new Error(r.left.message)
      }
      timed += performance.now() - start
      // Untimed: back to 19 lines.
      for (let s = 0; s < sessions; s++) await service.execute(`bench-${s}`, { type: 'RemoveItems', data: { items: [{ position: 0, quantity: 1 }] } })
    }
    rates.push(commandsPerRun / (timed / 1000))
    ;(service as { close?: () => void }).close?.()
  }
  for (let r = 0; r < repetitions; r++) await once()
  const { median, min, max } = summarise(rates)
  const fmt = (x: number) => Math.round(x).toLocaleString('en')
  return {
    figure: `service execute AddItems, 20-line carts, read models on (${fmt(commandsPerRun)} commands)`,
    median: `${fmt(median)} commands/s`,
    range: `${fmt(min)}-${fmt(max)}`,
    ratio: median / 50_000,
    target: '>= 50,000 commands/s',
    pass: median >= 50_000,
  }
}
