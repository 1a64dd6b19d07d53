/**
 * `npm start`: replays the sample log (`examples/sessions.jsonl`, made by `npm run examples` with
 * the discount policy `examples/policy.json`) and prints a summary table of its sessions. The
 * discounts column holds what each close granted, net of what returns and cancels rolled back,
 * plus the policy's preview for the sessions still open.
 */
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parsePolicy, replay } from '../src/index.ts'
import { summary } from '../src/cli/summary.ts'

const here = dirname(fileURLToPath(import.meta.url))
const policy = parsePolicy(readFileSync(join(here, 'policy.json'), 'utf8'))
if (E.isLeft(policy)) {
  process.stderr.write(`examples/policy.json: ${policy.left.message}\n`)
  process.exit(2)
}
const { sessions, report } = await replay(join(here, 'sessions.jsonl'), { policy: policy.right })
process.stdout.write(summary(sessions, report))
process.stdout.write('discounts: granted at close, net of roll-backs; open sessions previewed with examples/policy.json\n')
for (const r of report.rejections) process.stderr.write(`${r.message}\n`)
if (report.failure !== undefined) process.stderr.write(`${report.failure.message}\n`)
process.exitCode = report.rejected > 0 || report.failure !== undefined ? 1 : 0
