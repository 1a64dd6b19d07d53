/**
 * `npm start`: replays the sample log (`examples/sessions.jsonl`, made by `npm run examples` with
 * the discount policy `examples/policy.json`) and prints a summary table of its sessions: the
 * CLI's `cartfold replay examples/sessions.jsonl --policy examples/policy.json`. The discounts
 * column holds what each close granted, net of what returns and cancels rolled back, plus the
 * policy's preview for the sessions still open.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run } from '../src/cli/run.ts'

const here = dirname(fileURLToPath(import.meta.url))
const code = await run(['replay', join(here, 'sessions.jsonl'), '--policy', join(here, 'policy.json')], {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
})
process.stdout.write('discounts: granted at close, net of roll-backs; open sessions previewed with examples/policy.json\n')
process.exitCode = code
