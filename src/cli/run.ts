import * as E from 'fp-ts/lib/Either.js'
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import { describeThrown } from '../domain/messages.ts'
import { type DiscountPolicy, parsePolicy } from '../domain/discounts.ts'
import type { SessionError } from '../domain/errors.ts'
import { type LogSource, sameFile } from '../log/lines.ts'
import { createEngine, isRejection, type Rejection } from '../log/engine.ts'
import { logItemBatches } from '../log/read.ts'
import { replay, type ReplayReport } from '../log/replay.ts'
import { writeEventLog } from '../log/write.ts'
import type { RecordedSessionEvent } from '../log/types.ts'
import { count, type Fit, table } from './format.ts'
import { parse } from './options.ts'
import { jsonWriter, reasonOf, write } from './output.ts'
import { progressBar } from './progress.ts'
import { summary, summaryJson, totalsByCurrency } from './summary.ts'
import { type CommandName, parseSize, usage, usages, version, views } from './usage.ts'
import { isViewName, renderers, sessionsWithoutView, viewTable } from './views.ts'

export { usage }

/** The command's world: injected so that tests run it in-process. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
}

/** Exit codes: 0 every line was used, 1 some were rejected, 2 bad usage, 3 the log or an output could not be read or written. */
export type ExitCode = 0 | 1 | 2 | 3

/** One line saying what failed and why, then where the usage is. */
const fail = (io: CliIo, command: CommandName | undefined, message: string, code: 2 | 3 = 2): ExitCode => {
  const name = command === undefined ? 'cartfold' : `cartfold ${command}`
  io.stderr.write(`${name}: ${message}\n(${name} --help shows the usage)\n`)
  return code
}

const sourceOf = (io: CliIo, path: string): LogSource => (path === '-' ? io.stdin : path)
const fitOf = (io: CliIo, wide: boolean): Fit => {
  const columns = (io.stdout as NodeJS.WriteStream).isTTY === true ? (io.stdout as NodeJS.WriteStream).columns : undefined
  return { width: columns ?? 80, wide }
}

/** Why an output file may not be written: it is the log being read (stdin included, when it is a file). */
const overwritesLog = async (io: CliIo, log: string, option: string, output: string | undefined): Promise<string | undefined> => {
  if (output === undefined) return undefined
  const fd = (io.stdin as { fd?: unknown }).fd
  const input = log !== '-' ? log : typeof fd === 'number' ? fd : undefined
  if (input === undefined || !(await sameFile(input, output))) return undefined
  return `${option} ${output} is the log itself: writing it would destroy the log before it is read`
}

/** The largest policy file read: a policy is a few rules, not megabytes. */
const maxPolicyBytes = 1 << 20

/** Reads and validates a policy file; the message names the file and, when invalid, the field. */
const readPolicy = (path: string): E.Either<string, DiscountPolicy> => {
  let text: string
  let fd: number | undefined
  try {
    // Checked before it is read: a device (/dev/zero) or a huge file would be read forever.
    fd = openSync(path, 'r')
    const stats = fstatSync(fd)
    if (!stats.isFile()) return E.left(`--policy ${path}: not a regular file`)
    if (stats.size > maxPolicyBytes) return E.left(`--policy ${path}: ${stats.size} bytes, over the limit of ${maxPolicyBytes} bytes for a policy`)
    text = readFileSync(fd, 'utf8')
  } catch (cause) {
    return E.left(`--policy ${path}: ${reasonOf(cause)}`)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  return E.mapLeft((e: SessionError) => `--policy ${path}: ${e.message}`)(parsePolicy(text))
}

const printRejections = (io: CliIo, rejections: ReadonlyArray<{ message: string }>, limit = 20) => {
  for (const r of rejections.slice(0, limit)) io.stderr.write(`${r.message}\n`)
  if (rejections.length > limit) io.stderr.write(`... and ${count(rejections.length - limit)} more rejected lines\n`)
}

/** The exit code of a replay that read its log: 3 when it could not read or write everything. */
const outcome = (io: CliIo, command: CommandName, log: string, report: ReplayReport, more = 0, rejects?: string): ExitCode => {
  if (report.failure !== undefined) {
    const where = report.failure.code === 'WriteFailed' && rejects !== undefined ? `--rejects ${rejects}` : log === '-' ? 'stdin' : log
    io.stderr.write(`cartfold ${command}: ${where}: ${report.failure.message}\n`)
    return 3
  }
  return report.rejected > 0 || more > 0 ? 1 : 0
}

/** Common checks of a command's one log: the usage when asked, bad usage otherwise. */
const oneLog = (io: CliIo, command: CommandName, positionals: string[]): string | ExitCode =>
  positionals.length === 1 ? positionals[0]! : fail(io, command, `${command} takes one log (a path, or - for stdin)${positionals.length > 1 ? `, got ${positionals.length}` : ''}`)

const replayCommand = async (io: CliIo, args: string[]): Promise<ExitCode> => {
  const parsed = parse(args, {
    policy: { type: 'string' },
    view: { type: 'string', default: 'summary' },
    json: { type: 'boolean', default: false },
    jsonl: { type: 'boolean', default: false },
    wide: { type: 'boolean', default: false },
    rejects: { type: 'string' },
    'max-line': { type: 'string' },
  })
  if (E.isLeft(parsed)) return fail(io, 'replay', parsed.left)
  const { values, positionals } = parsed.right
  if (values.help === true) return (io.stdout.write(usages.replay), 0)
  const log = oneLog(io, 'replay', positionals)
  if (typeof log !== 'string') return log
  const view = values.view!
  if (view !== 'summary' && !isViewName(view)) return fail(io, 'replay', `--view ${view}: must be one of ${views.join(', ')}`)
  if (values.json === true && values.jsonl === true) return fail(io, 'replay', '--json and --jsonl exclude each other')
  const maxLineBytes = values['max-line'] === undefined ? undefined : parseSize(values['max-line'])
  if (maxLineBytes === undefined && values['max-line'] !== undefined) return fail(io, 'replay', `--max-line ${values['max-line']}: not a size (such as 16M)`)
  const overwrites = await overwritesLog(io, log, '--rejects', values.rejects)
  if (overwrites !== undefined) return fail(io, 'replay', overwrites)
  let policy: DiscountPolicy | undefined
  if (values.policy !== undefined) {
    const read = readPolicy(values.policy)
    if (E.isLeft(read)) return fail(io, 'replay', read.left)
    policy = read.right
  }
  const progress = progressBar(io.stderr)
  const { sessions, report } = await replay(sourceOf(io, log), {
    ...(policy === undefined ? {} : { policy }),
    ...(values.rejects === undefined ? {} : { rejects: values.rejects }),
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
    onProgress: progress.update,
  })
  progress.done()
  if (report.failure !== undefined && report.read === 0) {
    const where = report.failure.code === 'WriteFailed' && values.rejects !== undefined ? `--rejects ${values.rejects}` : log === '-' ? 'stdin' : log
    return fail(io, 'replay', `${where}: ${report.failure.message}`, report.failure.code === 'ValidationFailed' ? 2 : 3)
  }
  let viewless = 0
  if (view === 'summary') {
    if (values.jsonl === true) {
      const out = jsonWriter(io.stdout, false)
      for (const s of sessions.values()) await out.add(s)
    } else if (values.json === true) await write(io.stdout, `${JSON.stringify(summaryJson(totalsByCurrency(sessions.values()), report), null, 2)}\n`)
    else await write(io.stdout, summary(totalsByCurrency(sessions.values()), report, fitOf(io, values.wide === true)))
  } else {
    const render = renderers[view]
    const rendered: object[] = []
    const out = values.json === true || values.jsonl === true ? jsonWriter(io.stdout, values.json === true) : undefined
    for (const projection of sessions.values()) {
      const result: E.Either<SessionError, object> = render(projection)
      if (E.isLeft(result)) {
        io.stderr.write(`${result.left.message}\n`)
        viewless++
      } else if (out !== undefined) await out.add(result.right)
      else rendered.push(result.right)
    }
    if (out !== undefined) await out.end()
    else await write(io.stdout, viewTable(rendered, fitOf(io, values.wide === true)))
    for (const note of sessionsWithoutView(sessions, report.rejections)) io.stderr.write(`${note}\n`)
  }
  printRejections(io, report.rejections)
  return outcome(io, 'replay', log, report, viewless, values.rejects)
}

const exportCommand = async (io: CliIo, args: string[]): Promise<ExitCode> => {
  const parsed = parse(args, { out: { type: 'string' } })
  if (E.isLeft(parsed)) return fail(io, 'export', parsed.left)
  const { values, positionals } = parsed.right
  if (values.help === true) return (io.stdout.write(usages.export), 0)
  const log = oneLog(io, 'export', positionals)
  if (typeof log !== 'string') return log
  const overwrites = await overwritesLog(io, log, '--out', values.out)
  if (overwrites !== undefined) return fail(io, 'export', overwrites)
  // What replay applies, nothing else: each line checked and folded as replay does.
  const engine = createEngine()
  const rejections: Rejection[] = []
  let failed: string | undefined
  const batches = logItemBatches(sourceOf(io, log))
  // The first batch is read before the output is opened: an unreadable source creates no file.
  const first = await batches.next()
  if (!first.done && first.value.failure !== undefined && first.value.items.length === 0) return fail(io, 'export', `${log === '-' ? 'stdin' : log}: ${first.value.failure}`, 3)
  async function* usable(): AsyncGenerator<RecordedSessionEvent> {
    for (let next = first; !next.done; next = await batches.next()) {
      for (const item of next.value.items) {
        const outcome = engine.accept(item)
        if (isRejection(outcome)) rejections.push(outcome)
        else yield outcome
      }
      failed ??= next.value.failure
    }
  }
  const written = await writeEventLog(usable(), values.out ?? io.stdout)
  if (E.isLeft(written)) return fail(io, 'export', `${values.out === undefined ? 'stdout' : `--out ${values.out}`}: ${written.left.message}`, 3)
  printRejections(io, rejections)
  if (failed !== undefined) return fail(io, 'export', `${log === '-' ? 'stdin' : log}: ${failed}`, 3)
  return rejections.length > 0 ? 1 : 0
}

const statsCommand = async (io: CliIo, args: string[]): Promise<ExitCode> => {
  const parsed = parse(args, { json: { type: 'boolean', default: false }, wide: { type: 'boolean', default: false } })
  if (E.isLeft(parsed)) return fail(io, 'stats', parsed.left)
  const { values, positionals } = parsed.right
  if (values.help === true) return (io.stdout.write(usages.stats), 0)
  const log = oneLog(io, 'stats', positionals)
  if (typeof log !== 'string') return log
  // One pass: replay reports each applied event, so the counts by type are of what it used.
  const byType = new Map<string, number>()
  const { sessions, report } = await replay(sourceOf(io, log), {
    onApplied: (event) => byType.set(event.type, (byType.get(event.type) ?? 0) + 1),
  })
  if (report.failure !== undefined && report.read === 0) return fail(io, 'stats', `${log === '-' ? 'stdin' : log}: ${report.failure.message}`, report.failure.code === 'ValidationFailed' ? 2 : 3)
  const totals = totalsByCurrency(sessions.values())
  const byState = new Map<string, number>()
  for (const { count: c } of totals.values()) for (const [state, n] of Object.entries(c)) byState.set(state, (byState.get(state) ?? 0) + n)
  let units = 0
  for (const s of sessions.values()) for (const l of s.cartItems) units += l.remainingQuantity
  const reasons = new Map<string, number>()
  for (const r of report.rejections) reasons.set(r.code, (reasons.get(r.code) ?? 0) + 1)
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (values.json === true) {
    const doc = {
      eventsByType: Object.fromEntries(sorted(byType)),
      sessionsByState: Object.fromEntries(sorted(byState)),
      ...summaryJson(totals, report),
      unitsRemaining: units,
      topRejections: Object.fromEntries(sorted(reasons).slice(0, 10)),
    }
    await write(io.stdout, `${JSON.stringify(doc, null, 2)}\n`)
    return outcome(io, 'stats', log, report)
  }
  const fit = fitOf(io, values.wide === true)
  await write(
    io.stdout,
    [
      'events applied by type',
      table(sorted(byType), fit).text,
      '',
      'sessions by state',
      table(sorted(byState), fit).text,
      '',
      summary(totals, report, fit).trimEnd(),
      `units remaining in carts ${count(units)}`,
      '',
      'top rejection reasons',
      report.rejections.length === 0 ? '(none)' : table(sorted(reasons).slice(0, 10), fit).text,
      '',
    ].join('\n'),
  )
  return outcome(io, 'stats', log, report)
}

/**
 * Runs `cartfold <command> ...`: results on stdout, errors on stderr, one line each; resolves to
 * the exit code. Never throws.
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
        // Loaded only for serve: the log commands need no HTTP server.
        return await (await import('./serve.ts')).serveCommand(io, args, readPolicy, (message) => fail(io, 'serve', message))
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(usage)
        return 0
      case '--version':
      case '-V':
        io.stdout.write(`${version()}\n`)
        return 0
      default:
        return fail(io, undefined, command === undefined ? 'a command is required (replay, export, stats or serve)' : `unknown command ${JSON.stringify(command)}`)
    }
  } catch (cause) {
    // Not expected: said in one line all the same, never a stack trace.
    io.stderr.write(`cartfold: ${describeThrown(cause)}\n`)
    return 3
  }
}
