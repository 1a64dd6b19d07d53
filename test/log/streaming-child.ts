/**
 * Run by streaming.test.ts in a child process with a capped heap: replays a generated log of
 * `argv[2]` events and prints heap use after the first tenth and at the end, after a full GC.
 */
import { replay } from '../../src/index.ts'
import { bigLog } from './big-log.ts'

const events = Number(process.argv[2])
const gc = (globalThis as { gc?: () => void }).gc
const heap = () => {
  gc?.()
  return process.memoryUsage().heapUsed
}
let early: number | undefined
const { report } = await replay(bigLog(events), {
  onProgress: (p) => {
    if (early === undefined && p.linesRead >= events / 10) early = heap()
  },
})
const late = heap()
console.log(JSON.stringify({ read: report.read, applied: report.applied, rejected: report.rejected, sessions: report.sessions, early, late }))
