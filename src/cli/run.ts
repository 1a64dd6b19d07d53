import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { describeThrown } from '../domain/describe-thrown.ts'
import { type DiscountPolicy, parsePolicy } from '../domain/discounts.ts'
import type { SessionError } from '../domain/errors.ts'
import { type LogSource, sameFile } from '../log/lines.ts'
import { createEngine, isRejection, type Rejection } from '../log/engine.ts'
import { logItemBatches } from '../log/read.ts'
import { replay } from '../log/replay.ts'
import { writeEventLog } from '../log/write.ts'
import type { RecordedSessionEvent } from '../log/types.ts'
import { progressBar } from './progress.ts'
import { serveCommand, serveUsage } from './serve.ts'
import { summary, table, totalsByCurrency } from './summary.ts'
import { isViewName, renderViews, sessionsWithoutView, viewNames, viewTable } from './views.ts'

/** The command's world: injected so that tests run it in-process. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
}

const views = ['summary', ...viewNames]

export const usage = `usage:
  cartfold replay <log.jsonl[.gz]|-> [--policy rules.json] [--view ${views.join('|')}]
                 [--json | --jsonl] [--rejects file]
      --view      summary (the default): sessions by currency and state; or each session in a
                  Talon.One shape: v2 (CustomerSessionV2), v2-legacy, v1 (CustomerSession),
                  application (ApplicationSession)
      --json      the projections (summary) or the views, as one JSON array; --jsonl one per line
      --policy    a discount policy: previews the discounts of open sessions
      --rejects   a file receiving the rejected lines, unchanged
  cartfold export <log.jsonl[.gz]|-> [--out file[.gz]]   the log's usable events, upcast to the current shape
  cartfold stats <log.jsonl[.gz]|->                       counts by event type and state, totals, top rejections
${serveUsage}exit code: 0 every line used (serve: stopped), 1 some lines rejected (serve: could not start), 2 bad usage or unreadable input
`


/** Exit codes: 0 every line was used, 1 some were rejected, 2 bad usage. */
export type ExitCode = 0 | 1 | 2

const fail = (io: CliIo, message: string): ExitCode => {
  io.stderr.write(`cartfold: ${message}\n${usage}`)
  return 2
}

const sourceOf = (io: CliIo, path: string): LogSource => (path === '-' ? io.stdin : path)

/**
 * Why an output file may not be written: it is the log being read (stdin included, when it is a
 * file), which opening it would destroy. Undefined when it may.
 */
const overwritesLog = async (io: CliIo, log: string, option: string, output: string | undefined): Promise<string | undefined> => {
  if (output === undefined) return undefined
  const fd = (io.stdin as { fd?: unknown }).fd
  const input = log !== '-' ? log : typeof fd === 'number' ? fd : undefined
  if (input === undefined || !(await sameFile(input, output))) return undefined
  return `${option} ${output} is the log itself: writing it would destroy the log before it is read`
}

/** Reads and validates a policy file; the message names the file and, when invalid, the field. */
const readPolicy = (path: string): E.Either<string, DiscountPolicy> => {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    return E.left(`--policy ${path}: ${describeThrown(cause)}`)
  }
  return E.mapLeft((e: SessionError) => `--policy ${path}: ${e.message}`)(parsePolicy(text))
}

const printRejections = (io: CliIo, rejections: ReadonlyArray<{ message: string }>, limit = 20) => {
  for (const r of rejections.slice(0, limit)) io.stderr.write(`${r.message}\n`)
  if (rejections.length > limit) io.stderr.write(`... and ${rejections.length - limit} more rejected lines\n`)
}

const replayCommand = async (io: CliIo, args: string[]): Promise<ExitCode> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      view: { type: 'string', default: 'summary' },
      json: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      rejects: { type: 'string' },
    },
  })
  if (positionals.length !== 1) return fail(io, 'replay takes one log (a path, or - for stdin)')
  const view = values.view
  if (view !== 'summary' && !isViewName(view)) return fail(io, `--view must be one of ${views.join(', ')}`)
  if (values.json && values.jsonl) return fail(io, '--json and --jsonl exclude each other')
  const overwrites = await overwritesLog(io, positionals[0]!, '--rejects', values.rejects)
  if (overwrites !== undefined) return fail(io, overwrites)
  let policy: DiscountPolicy | undefined
  if (values.policy !== undefined) {
    const read = readPolicy(values.policy)
    if (E.isLeft(read)) return fail(io, read.left)
    policy = read.right
  }
  const progress = progressBar(io.stderr)
  const { sessions, report } = await replay(sourceOf(io, positionals[0]!), {
    ...(policy === undefined ? {} : { policy }),
    ...(values.rejects === undefined ? {} : { rejects: values.rejects }),
    onProgress: progress.update,
  })
  progress.done()
  if (report.failure !== undefined && report.read === 0) return fail(io, report.failure.message)
  let viewless = 0
  const json = (docs: readonly object[]) => {
    if (values.json) io.stdout.write(`${JSON.stringify(docs, null, 2)}\n`)
    else for (const d of docs) io.stdout.write(`${JSON.stringify(d)}\n`)
  }
  if (view === 'summary') {
    if (values.json || values.jsonl) json([...sessions.values()])
    else io.stdout.write(summary(sessions, report))
  } else {
    const { rendered, missing } = renderViews(view, sessions)
    if (values.json || values.jsonl) json(rendered)
    else io.stdout.write(viewTable(rendered))
    const notes = [...missing, ...sessionsWithoutView(sessions, report.rejections)]
    for (const note of notes) io.stderr.write(`${note}\n`)
    viewless = missing.length
  }
  printRejections(io, report.rejections)
  if (report.failure !== undefined) io.stderr.write(`cartfold: ${report.failure.message}\n`)
  return report.rejected > 0 || report.failure !== undefined || viewless > 0 ? 1 : 0
}

const exportCommand = async (io: CliIo, args: string[]): Promise<ExitCode> => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } })
  if (positionals.length !== 1) return fail(io, 'export takes one log (a path, or - for stdin)')
  const overwrites = await overwritesLog(io, positionals[0]!, '--out', values.out)
  if (overwrites !== undefined) return fail(io, overwrites)
  // What replay applies, nothing else: each line checked and folded as replay does.
  const engine = createEngine()
  const rejections: Rejection[] = []
  let read = 0
  let failed: string | undefined
  const batches = logItemBatches(sourceOf(io, positionals[0]!))
  // The first batch is read before the output is opened: an unreadable source creates no file.
  const first = await batches.next()
  if (!first.done && first.value.failure !== undefined && first.value.items.length === 0) return fail(io, first.value.failure)
  async function* usable(): AsyncGenerator<RecordedSessionEvent> {
    for (let next = first; !next.done; next = await batches.next()) {
      for (const item of next.value.items) {
        read++
        const outcome = engine.accept(item)
        if (isRejection(outcome)) rejections.push(outcome)
        else yield outcome
      }
      failed ??= next.value.failure
    }
  }
  const written = await writeEventLog(usable(), values.out ?? io.stdout)
  if (E.isLeft(written)) return fail(io, written.left.message)
  printRejections(io, rejections)
  if (failed !== undefined) io.stderr.write(`cartfold: ${failed}\n`)
  return rejections.length > 0 || failed !== undefined ? 1 : 0
}

const statsCommand = async (io: CliIo, args: string[]): Promise<ExitCode> => {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (positionals.length !== 1) return fail(io, 'stats takes one log (a path, or - for stdin)')
  // One pass: replay reports each applied event, so the counts by type are of what it used.
  const byType = new Map<string, number>()
  const { sessions, report } = await replay(sourceOf(io, positionals[0]!), {
    onApplied: (event) => byType.set(event.type, (byType.get(event.type) ?? 0) + 1),
  })
  if (report.failure !== undefined && report.read === 0) return fail(io, report.failure.message)
  const totals = totalsByCurrency(sessions)
  const byState = new Map<string, number>()
  for (const { count } of totals.values()) for (const [state, n] of Object.entries(count)) byState.set(state, (byState.get(state) ?? 0) + n)
  let units = 0
  for (const s of sessions.values()) for (const l of s.cartItems) units += l.remainingQuantity
  const reasons = new Map<string, number>()
  for (const r of report.rejections) reasons.set(r.code, (reasons.get(r.code) ?? 0) + 1)
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  io.stdout.write(
    [
      'events applied by type',
      table(sorted(byType)),
      '',
      'sessions by state',
      table(sorted(byState)),
      '',
      summary(sessions, report, totals).trimEnd(),
      `units remaining in carts ${units}`,
      '',
      'top rejection reasons',
      report.rejections.length === 0 ? '(none)' : table(sorted(reasons).slice(0, 10)),
      '',
    ].join('\n'),
  )
  if (report.failure !== undefined) io.stderr.write(`cartfold: ${report.failure.message}\n`)
  return report.rejected > 0 || report.failure !== undefined ? 1 : 0
}

/**
 * Runs `cartfold <command> ...`: results on stdout, errors on stderr; resolves to the exit code.
 * Never throws: a failure to parse the arguments is bad usage (2).
 */
export const run = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const [command, ...args] = argv
  try {
    switch (command) {
      case 'replay':
        return await replayCommand(io, args)
      case 'export':
        return await exportCommand(io, args)
      case 'stats':
        return await statsCommand(io, args)
      case 'serve':
        return await serveCommand(io, args, readPolicy, (message) => fail(io, message))
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(usage)
        return 0
      default:
        return fail(io, command === undefined ? 'a command is required' : `unknown command ${JSON.stringify(command)}`)
    }
  } catch (cause) {
    return fail(io, describeThrown(cause))
  }
}
