import { fold } from 'cartfold'
import { generate } from './benchmarks/workload.ts'
const w = generate(100_000)
let sink = 0
const t = performance.now()
for (let r = 0; r < 30; r++) for (const e of w.sessions) sink += fold(e).updateCount
console.log((performance.now() - t) / 30 / w.sessions.length * 1000, 'us/session', sink)
