// Replay time per event of this checkout against another build of cartfold (a checkout with its
// node_modules, e.g. a build of main), on the same generated log, alternating between the two in
// one process: `node --expose-gc -C cartfold-source --import tsx benchmarks/replay-against.ts
// /work/baseline [events] [repetitions]`. Prints the medians and the ratio (this / other).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { interleaved } from './harness.ts'
import { generate, recorded } from './workload.ts'

type Replay = (path: string) => Promise<{ report: { applied: number; rejections: ReadonlyArray<{ message: string }> } }>

const [other, events = '300000', repetitions = '9'] = process.argv.slice(2)
if (other === undefined) throw new Error('usage: replay-against.ts <other checkout> [events] [repetitions]')
const here = (await import('../src/index.ts')) as unknown as { replay: Replay; writeEventLog: typeof import('../src/index.ts').writeEventLog }
const there = (await import(pathToFileURL(join(resolve(other), 'src/index.ts')).href)) as { replay: Replay }

const dir = mkdtempSync(join(tmpdir(), 'cartfold-replay-'))
try {
  const path = join(dir, 'log.jsonl')
  const workload = generate(Number(events))
  const written = await here.writeEventLog(recorded(workload), path)
  if (written._tag === 'Left') throw new Error(written.left.message)
  const once = (replay: Replay) => async () => {
    const { report } = await replay(path)
    if (report.applied !== workload.eventCount) throw new Error(`applied ${report.applied} of ${workload.eventCount}: ${report.rejections[0]?.message}`)
  }
  const r = await interleaved({ other: once(there.replay), here: once(here.replay) }, Number(repetitions))
  const us = (ms: number) => ((ms * 1000) / workload.eventCount).toFixed(3)
  console.log(`replay of ${workload.eventCount} events, ${repetitions} alternating repetitions`)
  console.log(`other (${other}): ${us(r.other!.median)} us/event (${us(r.other!.min)}-${us(r.other!.max)})`)
  console.log(`here: ${us(r.here!.median)} us/event (${us(r.here!.min)}-${us(r.here!.max)})`)
  console.log(`ratio here/other: ${(r.here!.median / r.other!.median).toFixed(3)} (target <= 1.1)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
