import { replay, writeEventLog } from './dist/index.js'
import { generate, recorded } from '/tmp/workload.mjs'
const w = generate(200_000)
await writeEventLog(recorded(w), '/tmp/bench.jsonl')
for (let i = 0; i < 4; i++) { const t = performance.now(); const r = await replay('/tmp/bench.jsonl'); console.log(((performance.now() - t) * 1000 / w.eventCount).toFixed(2), 'us/event', r.report.applied) }
