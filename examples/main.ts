/**
 * `npm start`: replays the sample log (`examples/sessions.jsonl`, made by `npm run examples`) and
 * prints a summary table of its sessions.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { replay } from '../src/index.ts'
import { summary } from '../src/cli/summary.ts'

const log = join(dirname(fileURLToPath(import.meta.url)), 'sessions.jsonl')
const { sessions, report } = await replay(log)
process.stdout.write(summary(sessions, report))
for (const r of report.rejections) process.stderr.write(`${r.message}\n`)
if (report.failure !== undefined) process.stderr.write(`${report.failure.message}\n`)
process.exitCode = report.rejected > 0 || report.failure !== undefined ? 1 : 0
