// Replay against a build of main as it was, in one process, on the same log: the guardrail of
// issue 12 (replay time per event no more than 1.1x before). Not part of `npm run bench`: it
// needs the other build's path.
//   node --expose-gc -C cartfold-source --import tsx benchmarks/replay-vs-baseline.ts [/work/baseline] [events] [repetitions]
import { readEventLog, replay } from 'cartfold'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { interleaved } from './harness.ts'
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
try {
  const r = await interleaved(
    { replayBefore: replayWith(before.replay), replayAfter: replayWith(replay), readBefore: readWith(before.readEventLog), readAfter: readWith(readEventLog) },
    Number(repetitions),
  )
  const us = (ms: number) => `${((ms * 1000) / log.events).toFixed(2)} us/event`
  for (const [what, a, b] of [['replay', r.replayBefore!, r.replayAfter!], ['readEventLog', r.readBefore!, r.readAfter!]] as const) {
    console.log(`${what}: before ${us(a.median)} (${us(a.min)}-${us(a.max)}), after ${us(b.median)} (${us(b.min)}-${us(b.max)}), after/before ${(b.median / a.median).toFixed(3)}x`)
  }
  console.log(`${log.events} events, ${repetitions} interleaved repetitions, baseline ${dir}`)
} finally {
  log.remove()
}
