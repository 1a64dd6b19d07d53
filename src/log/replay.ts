import { createWriteStream } from 'node:fs'
import { describeThrown } from '../domain/describe-thrown.ts'
import type { DiscountPolicy } from '../domain/discounts.ts'
import { show } from '../domain/money.ts'
import type { SessionProjection } from '../domain/project.ts'
import { createEngine, isRejection, type Rejection } from './engine.ts'
import { type LineBatch, lineBatches, type LogSource, sameFile, sizeOf } from './lines.ts'
import { createLineReader, readFailureMessage } from './read.ts'
import type { RecordedSessionEvent } from './types.ts'
import { drained, isClosed } from './write.ts'

/** How far a replay has got, given to `onProgress`. @since 0.1.0 @category event logs */
export interface ReplayProgress {
  readonly linesRead: number
  readonly applied: number
  readonly rejected: number
  /** bytes of the file or stream consumed so far (compressed bytes for gzip) */
  readonly bytesRead: number
  /** the file's size, when the source is a path */
  readonly totalBytes?: number
}

/** Options of `replay`. @since 0.1.0 @category event logs */
export interface ReplayOptions {
  /** previews the discounts of open sessions in their projections */
  readonly policy?: DiscountPolicy
  /** called after each batch of lines (about a megabyte of a file) */
  readonly onProgress?: (progress: ReplayProgress) => void
  /** called with each rejection, in line order */
  readonly onRejected?: (rejection: Rejection) => void
  /**
   * called with each applied event (in the current shape) and its line, in line order, so that a
   * caller can count or index what replay used in the same single pass over the log
   * @since 0.1.0
   */
  readonly onApplied?: (event: RecordedSessionEvent, line: number) => void
  /** a file path or a writable stream receiving the raw rejected lines, unchanged, one per line */
  readonly rejects?: string | NodeJS.WritableStream
  /**
   * the longest line read, in bytes (16 MiB by default): a longer line is rejected as
   * `LineTooLong` without being held
   * @since 0.2.0
   */
  readonly maxLineBytes?: number
}

/** What a replay read, applied and rejected. @since 0.1.0 @category event logs */
export interface ReplayReport {
  /** lines read; always `applied + rejected` */
  readonly read: number
  readonly applied: number
  readonly rejected: number
  /** sessions with at least one applied event, cut-short ones included */
  readonly sessions: number
  readonly rejections: Rejection[]
  /**
   * the source could not be read to its end, or the rejects could not be written; or, with
   * nothing read, the source or an option is of the wrong type (`ValidationFailed`); or a
   * callback threw or rejected, which ends the replay where it was (`CallbackFailed`, naming it)
   */
  readonly failure?: ReplayFailure
}

/** Why a replay stopped short or read nothing. @since 0.1.0 @category event logs */
export type ReplayFailure =
  | { readonly code: 'ReadFailed' | 'WriteFailed' | 'ValidationFailed'; readonly message: string }
  | { readonly code: 'CallbackFailed'; readonly callback: CallbackName; readonly message: string }

/** The options that are the caller's code. @since 0.1.0 @category event logs */
export type CallbackName = 'onProgress' | 'onRejected' | 'onApplied'

/** What `replay` resolves to: the sessions and the report. @since 0.1.0 @category event logs */
export interface ReplayResult {
  /** integrationId -> projection (with `profileInternalId`), in order of first appearance */
  readonly sessions: Map<string, SessionProjection>
  readonly report: ReplayReport
}

interface RejectsSink {
  readonly write: (text: string | Buffer) => Promise<void>
  /** `create`: a file no line was written to is created empty all the same */
  readonly close: (create: boolean) => Promise<void>
  readonly error: () => Error | undefined
}

const newline = Buffer.from('\n')

const rejectsSink = (target: string | NodeJS.WritableStream): RejectsSink => {
  let failed: Error | undefined
  let opened: NodeJS.WritableStream | undefined
  // A file is opened (and emptied) at the first rejected line, not before the log is read.
  const open = (): NodeJS.WritableStream => {
    if (opened !== undefined) return opened
    const stream: NodeJS.WritableStream = typeof target === 'string' ? createWriteStream(target) : target
    stream.on('error', (e: Error) => (failed ??= e))
    return (opened = stream)
  }
  const write = async (text: string | Buffer) => {
    const stream = open()
    if (isClosed(stream)) failed ??= new Error('the stream is closed')
    if (failed !== undefined) return
    if (!stream.write(typeof text === 'string' ? `${text}\n` : Buffer.concat([text, newline])) && !(await drained(stream))) failed ??= new Error('the stream closed before taking every line')
  }
  return {
    write,
    // A stream handed in by the caller stays open (it may be stdout); a file is ours to close.
    close: async (create) => {
      if (typeof target !== 'string' || (opened === undefined && !create)) return
      const stream = open()
      if (failed !== undefined) return
      await new Promise<void>((resolve) => {
        stream.once('close', resolve)
        stream.end()
      })
    },
    error: () => failed,
  }
}

const isWritable = (u: unknown): u is NodeJS.WritableStream =>
  typeof u === 'object' && u !== null && ['write', 'on', 'once', 'off'].every((f) => typeof (u as Record<string, unknown>)[f] === 'function')

/** Why `source`, from a caller the types do not reach (plain JavaScript), is no log source; undefined when it is one. */
const invalidSource = (source: unknown): string | undefined =>
  typeof source === 'string' ||
  (typeof source === 'object' &&
    source !== null &&
    (Symbol.iterator in source || Symbol.asyncIterator in source || typeof (source as { pipe?: unknown }).pipe === 'function'))
    ? undefined
    : `the log source must be a file path, a readable stream or an iterable of lines, got ${show(source)}`

/** What is wrong with options from a caller the types do not reach (plain JavaScript); undefined when nothing is. */
const invalidOption = (options: ReplayOptions): string | undefined => {
  for (const name of ['onProgress', 'onRejected', 'onApplied'] as const) {
    const callback: unknown = options[name]
    if (callback != null && typeof callback !== 'function') return `options.${name} must be a function, got ${show(callback)}`
  }
  const max: unknown = options.maxLineBytes
  if (max != null && !(Number.isSafeInteger(max) && (max as number) > 0)) return `options.maxLineBytes must be a positive integer, got ${show(max)}`
  const rejects: unknown = options.rejects
  if (rejects != null && typeof rejects !== 'string' && !isWritable(rejects)) return `options.rejects must be a file path or a writable stream, got ${show(rejects)}`
  return undefined
}

/** A callback of the caller's that threw or rejected: thrown out of the replay loop, which reports it. */
class CallbackFailure {
  constructor(
    readonly callback: CallbackName,
    readonly cause: unknown,
  ) {}
}

const isPromiseLike = (u: unknown): u is PromiseLike<unknown> =>
  typeof u === 'object' && u !== null && typeof (u as { then?: unknown }).then === 'function'

/**
 * The replay's one guard on the caller's code: runs callback `name` (when given) on `args`. A
 * throw becomes a {@link CallbackFailure}; so does the rejection of a promise it returns, which
 * the replay then awaits (returned for that), so that an async callback that fails is reported
 * too, never left an unhandled rejection.
 */
const call = <A extends unknown[]>(
  name: CallbackName,
  callback: ((...args: A) => void) | undefined,
  ...args: A
): PromiseLike<unknown> | undefined => {
  if (callback == null) return undefined
  try {
    const result: unknown = callback(...args)
    if (!isPromiseLike(result)) return undefined
    return result.then(undefined, (cause: unknown) => {
      throw new CallbackFailure(name, cause)
    })
  } catch (cause) {
    throw new CallbackFailure(name, cause)
  }
}

/** A replay that read nothing, for why. */
const refused = (failure: ReplayFailure): ReplayResult => ({
  sessions: new Map(),
  report: { read: 0, applied: 0, rejected: 0, sessions: 0, rejections: [], failure },
})

/**
 * Folds every session of a log: each line validated and upcast (`readEventLog`'s rules), checked
 * against its session's state (`checkEvent`) and applied. A rejected line is reported and the
 * replay goes on; its stream's later lines are rejected too, other streams are unaffected.
 * Resolves to the sessions and a report in which `read = applied + rejected`. Never rejects: a
 * callback that throws (or returns a promise that rejects) ends the replay after the line or batch
 * it was called for, with `report.failure` of code `CallbackFailed`.
 * @since 0.1.0
 * @category event logs
 */
export const replay = async (source: LogSource, given: ReplayOptions = {}): Promise<ReplayResult> => {
  // null, from a caller the types do not reach, is no options (and, for an option, no option).
  const options: ReplayOptions = given ?? {}
  const invalid = invalidSource(source) ?? invalidOption(options)
  if (invalid !== undefined) return refused({ code: 'ValidationFailed', message: invalid })
  if (typeof source === 'string' && typeof options.rejects === 'string' && (await sameFile(source, options.rejects))) {
    const message = `the rejects file ${options.rejects} is the log itself: writing rejected lines to it would destroy the log`
    return refused({ code: 'WriteFailed', message })
  }
  const engine = createEngine()
  const rejections: Rejection[] = []
  const sink = options.rejects == null ? undefined : rejectsSink(options.rejects)
  const totalBytes = options.onProgress == null ? undefined : await sizeOf(source)
  let applied = 0
  let failure: ReplayFailure | undefined
  // Each line is read, checked and applied before the next is read: items collected per batch
  // first (what `logItemBatches` yields) outlived the young generation's collections, and cost
  // 0.6 us an event (12%) in copying them.
  const reader = createLineReader()
  const batches = lineBatches(source, options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes })[Symbol.asyncIterator]()
  let finished = false
  try {
    for (;;) {
      let next: IteratorResult<LineBatch>
      try {
        next = await batches.next()
      } catch (cause) {
        failure = { code: 'ReadFailed', message: readFailureMessage(reader.lines() + 1, cause) }
        break
      }
      if (next.done === true) break
      const rejectedTexts: Array<string | Buffer> = []
      const { lines, faults } = next.value
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!
        const fault = faults?.get(i)
        const item = reader.read(text, fault)
        const outcome = engine.accept(item)
        if (!isRejection(outcome)) {
          applied++
          const pending = call('onApplied', options.onApplied, outcome, item.line)
          if (pending !== undefined) await pending
          continue
        }
        rejections.push(outcome)
        // A line that is not UTF-8 goes to the rejects as its bytes; one too long is not held.
        if (fault === undefined) rejectedTexts.push(text)
        else if (fault.code === 'InvalidUtf8') rejectedTexts.push(fault.bytes)
        const pending = call('onRejected', options.onRejected, outcome)
        if (pending !== undefined) await pending
      }
      if (sink !== undefined) for (const text of rejectedTexts) await sink.write(text)
      const pending = call('onProgress', options.onProgress, {
        linesRead: reader.lines(),
        applied,
        rejected: rejections.length,
        bytesRead: next.value.bytesRead,
        ...(totalBytes === undefined ? {} : { totalBytes }),
      })
      if (pending !== undefined) await pending
    }
    finished = true
  } catch (error) {
    if (!(error instanceof CallbackFailure)) throw error
    failure = {
      code: 'CallbackFailed',
      callback: error.callback,
      message: `options.${error.callback} threw: ${describeThrown(error.cause)}`,
    }
  } finally {
    // A callback that failed leaves the loop early: the files are closed all the same.
    await batches.return?.(undefined)
    // A replay that read its log leaves the rejects file holding exactly its rejected lines, none
    // included; one that could not read it, or that a callback stopped before any rejected line,
    // leaves it as it found it.
    await sink?.close(finished && (failure === undefined || reader.lines() > 0))
  }
  if (sink !== undefined) {
    const error = sink.error()
    if (error !== undefined && failure === undefined) failure = { code: 'WriteFailed', message: `the rejected lines could not be written: ${error.message}` }
  }
  const sessions = engine.sessions(options.policy)
  return {
    sessions,
    report: {
      read: reader.lines(),
      applied,
      rejected: rejections.length,
      sessions: sessions.size,
      rejections,
      ...(failure === undefined ? {} : { failure }),
    },
  }
}
