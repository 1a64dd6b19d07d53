/**
 * How much validation costs: replays a log and compares it with reading the same file, split the
 * same way (`lineBatches`), with `JSON.parse` and nothing else. Prints events per second of both,
 * their ratio, and heap use. `node --import tsx scripts/replay-speed.ts <log.jsonl> [runs]`
 */
import { lineBatches } from '../src/log/lines.ts'
import { replay } from '../src/log/replay.ts'

const file = process.argv[2]
const runs = Number(process.argv[3] ?? 3)
if (file === undefined) {
  console.error('usage: replay-speed.ts <log.jsonl> [runs]')
  process.exit(2)
}

const parseOnly = async () => {
  let n = 0
  let sink = 0
  for await (const batch of lineBatches(file)) {
    for (const line of batch.lines) {
      const json = JSON.parse(line) as { type: string }
      sink += json.type.length
      n++
    }
  }
  return n + sink * 0
}
const replayed = async () => (await replay(file)).report.read

const time = async (f: () => Promise<number>) => {
  let best = Infinity
  let events = 0
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint()
    events = await f()
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9)
  }
  return { events, seconds: best, perSecond: events / best, nsPerEvent: (best * 1e9) / events }
}

const base = await time(parseOnly)
const full = await time(replayed)
console.log(JSON.stringify({ file, runs, parseOnly: base, replay: full, ratio: full.perSecond / base.perSecond, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 }, null, 1))
