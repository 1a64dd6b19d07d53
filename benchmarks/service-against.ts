// The service benchmark's rows for this checkout and another build of cartfold (e.g. a build of
// main), alternating between the two in one process, so that both see the same machine:
// `node --expose-gc -C cartfold-source --import tsx benchmarks/service-against.ts /work/baseline
// [sessions] [commands] [repetitions]`. Prints commands/s per row and build, and each row's time
// per command relative to AddItems' in the same build.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { summarise } from './harness.ts'
import { type CreateService, measure, scenarios } from './service.bench.ts'

const [other, sessions = '1000', commands = '20000', repetitions = '3'] = process.argv.slice(2)
if (other === undefined) throw new Error('usage: service-against.ts <other checkout> [sessions] [commands] [repetitions]')
const builds: Record<string, CreateService> = {
  other: ((await import(pathToFileURL(join(resolve(other), 'src/index.ts')).href)) as { createSessionService: CreateService }).createSessionService,
  here: ((await import('../src/index.ts')) as unknown as { createSessionService: CreateService }).createSessionService,
}
const rates: Record<string, number[]> = {}
for (let r = 0; r < Number(repetitions); r++) {
  for (const scenario of scenarios) {
    for (const [build, create] of Object.entries(builds)) {
      ;(rates[`${build} ${scenario.name}`] ??= []).push(await measure(scenario, Number(sessions), Number(commands), create))
    }
  }
}
const fmt = (x: number) => Math.round(x).toLocaleString('en')
for (const build of Object.keys(builds)) {
  const add = summarise(rates[`${build} AddItems`]!).median
  for (const { name } of scenarios) {
    const { median, min, max } = summarise(rates[`${build} ${name}`]!)
    console.log(`${build} ${name}: ${fmt(median)} commands/s (${fmt(min)}-${fmt(max)}), ${(add / median).toFixed(2)}x AddItems per command`)
  }
}
for (const { name } of scenarios) {
  const ratio = summarise(rates[`here ${name}`]!).median / summarise(rates[`other ${name}`]!).median
  console.log(`${name}: here/other rate ${ratio.toFixed(2)}`)
}
