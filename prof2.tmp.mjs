import { replay } from './dist/index.js'
for (let i = 0; i < 5; i++) { const t = performance.now(); const r = await replay('/tmp/bench.jsonl'); console.log(((performance.now() - t) * 1000 / r.report.read).toFixed(2), 'us/event', r.report.applied) }
