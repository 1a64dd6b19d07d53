import { createSessionService } from 'cartfold'
import { gc, summarise, type Row } from './harness.ts'
import { setTimeout as sleep } from 'node:timers/promises'

type Service = ReturnType<typeof createSessionService>
/** How a service is made: this checkout's, or another build's for a comparison in one process. */
export type CreateService = (options: { clock: () => Date }) => Service

const line = { sku: 'TEA', quantity: 1, price: 4.2 }
/** A line of many units, so that every session can take many one-unit returns. */
const stock = { sku: 'TEA', quantity: 50, price: 4.2 }

const must = async (result: Promise<{ _tag: string; left?: { message: string } }>) => {
  const r = await result
  if (r._tag === 'Left') throw new Error(r.left!.message)
}

/**
 * One command timed on 20-line carts: `setUp` makes a session (untimed), `timed` is the command
 * measured, `reset` (untimed) brings the cart back to where it was, and after `rounds` timed
 * commands a session is replaced by a fresh one (returns cannot be undone).
 */
interface Scenario {
  readonly name: string
  readonly setUp: (service: Service, id: string) => Promise<void>
  readonly timed: (service: Service, id: string, round: number) => Promise<void>
  readonly reset?: (service: Service, id: string) => Promise<void>
  readonly rounds: number
}

const create = (service: Service, id: string, lines: number, cartLine: typeof line, closed = false) =>
  must(
    service.execute(id, {
      type: 'CreateSession',
      data: { integrationId: id, applicationId: 1, profileId: `p-${id}`, cartItems: Array.from({ length: lines }, () => cartLine), ...(closed ? { state: 'closed' } : {}) },
    }),
  )
const add = (service: Service, id: string) => must(service.execute(id, { type: 'AddItems', data: { cartItems: [line] } }))
const remove = (service: Service, id: string) => must(service.execute(id, { type: 'RemoveItems', data: { items: [{ position: 0, quantity: 1 }] } }))

export const scenarios: readonly Scenario[] = [
  // One line added to a 19-line cart, taking it to 20; a removal makes room again.
  { name: 'AddItems', setUp: (s, id) => create(s, id, 19, line), timed: add, reset: remove, rounds: Infinity },
  // The oldest line of a 20-line cart removed; an added line takes the cart back to 20.
  { name: 'RemoveItems', setUp: (s, id) => create(s, id, 20, line), timed: remove, reset: add, rounds: Infinity },
  // One unit of a line of a closed 20-line cart returned, the lines in turn.
  {
    name: 'ReturnItems',
    setUp: (s, id) => create(s, id, 20, stock, true),
    timed: (s, id, round) => must(s.execute(id, { type: 'ReturnItems', data: { items: [{ position: round % 20, quantity: 1 }] } })),
    rounds: 20,
  },
]

/** Commands per second of one scenario on a fresh service. */
export const measure = async (scenario: Scenario, sessions: number, commands: number, makeService: CreateService = createSessionService): Promise<number> => {
  const service = makeService({ clock: () => new Date(Date.UTC(2026, 0, 1)) })
  let generation = 0
  const ids = (): string[] => Array.from({ length: sessions }, (_, s) => `bench-${generation}-${s}`)
  let current = ids()
  for (const id of current) await scenario.setUp(service, id)
  gc()
  await sleep(20)
  let timed = 0
  let round = 0
  for (let done = 0; done < commands; round++) {
    if (round === scenario.rounds) {
      generation++
      round = 0
      current = ids()
      for (const id of current) await scenario.setUp(service, id)
    }
    const start = performance.now()
    for (let s = 0; s < sessions && done < commands; s++, done++) await scenario.timed(service, current[s]!, round)
    timed += performance.now() - start
    if (scenario.reset !== undefined) for (const id of current) await scenario.reset(service, id)
  }
  ;(service as { close?: () => void }).close?.()
  return commands / (timed / 1000)
}

/**
 * The session service on the in-memory store, read models on: `execute` of `AddItems`,
 * `RemoveItems` and `ReturnItems` (one line or one unit each) on 20-line carts, the three
 * interleaved repetition by repetition. Targets: AddItems >= 50,000 commands/s; the others no more
 * than 1.5x AddItems' time per command.
 */
export const serviceBenchmark = async (sessions: number, commandsPerRun: number, repetitions: number): Promise<Row[]> => {
  const rates = new Map<string, number[]>(scenarios.map((s) => [s.name, []]))
  for (let r = 0; r < repetitions; r++) for (const scenario of scenarios) rates.get(scenario.name)!.push(await measure(scenario, sessions, commandsPerRun))
  const fmt = (x: number) => Math.round(x).toLocaleString('en')
  const add = summarise(rates.get('AddItems')!)
  return scenarios.map(({ name }): Row => {
    const { median, min, max } = summarise(rates.get(name)!)
    const figure = `service execute ${name}, 20-line carts, read models on (${fmt(commandsPerRun)} commands)`
    if (name === 'AddItems') {
      return { figure, median: `${fmt(median)} commands/s`, range: `${fmt(min)}-${fmt(max)}`, ratio: median / 50_000, target: '>= 50,000 commands/s', pass: median >= 50_000 }
    }
    // Time per command relative to AddItems': the inverse ratio of the rates.
    const relative = add.median / median
    return { figure, median: `${fmt(median)} commands/s`, range: `${fmt(min)}-${fmt(max)}`, ratio: relative, target: '<= 1.5x AddItems per command', pass: relative <= 1.5 }
  })
}
