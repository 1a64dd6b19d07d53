import { replay } from 'cartfold'
import { logFile } from './benchmarks/replay.bench.ts'
const log = await logFile(200_000)
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await replay(log.path); console.log(((performance.now() - t) * 1000 / log.events).toFixed(2), 'us/event', r.report.applied) }
log.remove()
