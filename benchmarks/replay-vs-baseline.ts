// Replay against another build of cartfold (a checkout of main as it was), in one process, on the
// same log, interleaved: the guardrail of issue 12 (replay time per event no more than 1.1x what
// it was). Not part of `npm run bench`, which has no other build to compare with.
//   node --expose-gc -C cartfold-source --import tsx benchmarks/replay-vs-baseline.ts [/work/baseline] [events] [repetitions]
// Wall time on a shared machine is mostly the neighbours' load, so the process's CPU time
// (user + system) is reported beside it.
import { readEventLog, replay } from 'cartfold'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { gc, summarise } from './harness.ts'
import { logFile } from './replay.bench.ts'

const [dir = '/work/baseline', events = '200000', repetitions = '9'] = process.argv.slice(2)
const before = (await import(pathToFileURL(resolve(dir, 'src/index.ts')).href)) as { replay: typeof replay; readEventLog: typeof readEventLog }

const log = await logFile(Number(events))
const replayWith = (run: typeof replay) => async () => {
  const { report } = await run(log.path)
  if (report.applied !== log.events) throw new Error(`applied ${report.applied} of ${log.events}: ${report.rejections[0]?.message}`)
}
const readWith = (read: typeof readEventLog) => async () => {
  let n = 0
  for await (const item of read(log.path)) if ('event' in item) n++
  if (n !== log.events) throw new Error(`read ${n} of ${log.events}`)
}
const variants: Record<string, () => Promise<void>> = {
  'replay before': replayWith(before.replay),
  'replay after': replayWith(replay),
  'readEventLog before': readWith(before.readEventLog),
  'readEventLog after': readWith(readEventLog),
}
const wall: Record<string, number[]> = {}
const cpu: Record<string, number[]> = {}
try {
  for (let r = 0; r < Number(repetitions); r++) {
    // every other round in reverse order, so that neither build always runs first
    const round = r % 2 === 0 ? Object.entries(variants) : Object.entries(variants).reverse()
    for (const [name, run] of round) {
      gc()
      await sleep(20)
      const start = performance.now()
      const startCpu = process.cpuUsage()
      await run()
      const used = process.cpuUsage(startCpu)
      ;(wall[name] ??= []).push(performance.now() - start)
      ;(cpu[name] ??= []).push((used.user + used.system) / 1000)
    }
  }
  const us = (ms: number) => ((ms * 1000) / log.events).toFixed(2)
  for (const what of ['replay', 'readEventLog']) {
    for (const [clock, times] of [['cpu', cpu], ['wall', wall]] as const) {
      const a = summarise(times[`${what} before`]!)
      const b = summarise(times[`${what} after`]!)
      console.log(
        `${what} (${clock}): before ${us(a.median)} us/event (${us(a.min)}-${us(a.max)}), after ${us(b.median)} us/event (${us(b.min)}-${us(b.max)}): after/before ${(b.median / a.median).toFixed(3)}x`,
      )
    }
  }
  console.log(`${log.events} events, ${repetitions} interleaved repetitions, before = ${dir}`)
} finally {
  log.remove()
}
