import * as E from 'fp-ts/lib/Either.js'
import { describeThrown } from '../domain/messages.ts'
import { isSessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { show } from '../domain/messages.ts'
import type { EventStore } from '../store/event-store.ts'
import { createEngine, isRejection, type Rejection } from './engine.ts'
import type { LogSource } from './lines.ts'
import { logItemBatches } from './read.ts'

/** What an import needs of a store: appending with an expected version. @since 0.1.0 @category event logs */
export type ImportStore = Pick<EventStore<SessionEvent>, 'appendToStream'>

/** Options of `importEventLog`. @since 0.1.0 @category event logs */
export interface ImportOptions {
  /** called with each rejection, in line order */
  readonly onRejected?: (rejection: Rejection) => void
}

/** What `importEventLog` did: lines read, events imported, lines rejected. @since 0.1.0 @category event logs */
export interface ImportReport {
  /** lines read; always `imported + rejected` when the import ran to its end */
  readonly read: number
  /** events appended to the store */
  readonly imported: number
  readonly rejected: number
  /** streams with at least one event appended */
  readonly streams: number
  /** in line order: replay's rejections, and `ConcurrencyConflict` for a run the store refused */
  readonly rejections: Rejection[]
}

/**
 * Why an import stopped before the log's end: the log could not be read further, or the store
 * failed (`StoreUnavailable`, or it threw). `report` counts what was done until then; the store
 * keeps the events already appended.
 * @since 0.1.0
 * @category event logs
 */
export interface ImportFailure {
  /** or, with nothing read, `ValidationFailed`: an option of the wrong type */
  readonly code: 'ReadFailed' | 'StoreUnavailable' | 'ValidationFailed'
  readonly message: string
  readonly report: ImportReport
}

/** Consecutive accepted events of one stream, appended together. */
interface Run {
  readonly streamId: string
  readonly firstVersion: number
  readonly lines: number[]
  readonly events: SessionEvent[]
}

/** Whether a store's append resolved to what the store interface promises: a Right, or a Left of an error. */
const isAppendResult = (u: unknown): u is E.Either<SessionError, unknown> => {
  try {
    const tag = (u as { _tag?: unknown } | null | undefined)?._tag
    return tag === 'Right' || (tag === 'Left' && isSessionError((u as E.Left<unknown>).left))
  } catch {
    return false // a getter that throws
  }
}

/**
 * Imports a log into a store: each line checked as `replay` checks it, and the events replay
 * would apply appended to their streams, in the log's order, each run of consecutive events of a
 * stream in one append expecting the version before it. So the store ends up with the same
 * events (type, data, stream and stream version) and, folded, the same sessions as `replay` of
 * the log, cut-short streams included as they were before their first rejected line. The store
 * assigns its own event ids, global positions and `recordedAt`.
 *
 * A stream the store already holds at another version is refused (`ConcurrencyConflict`), and so
 * are its later lines (`StreamBroken`); other streams go on. Resolves to the report, or to an
 * `ImportFailure` when the log or the store fails; never rejects.
 * @since 0.1.0
 * @category event logs
 */
export const importEventLog = async (
  source: LogSource,
  store: ImportStore,
  given: ImportOptions = {},
): Promise<E.Either<ImportFailure, ImportReport>> => {
  // null, from a caller the types do not reach, is no options.
  const options: ImportOptions = given ?? {}
  const engine = createEngine()
  const rejections: Rejection[] = []
  const streams = new Set<string>()
  let read = 0
  let imported = 0
  let run: Run | undefined
  const report = (): ImportReport => ({ read, imported, rejected: rejections.length, streams: streams.size, rejections })
  const reject = (r: Rejection) => {
    rejections.push(r)
    options.onRejected?.(r)
  }
  const failure = (code: ImportFailure['code'], message: string): E.Either<ImportFailure, ImportReport> =>
    E.left({ code, message, report: report() })
  const onRejected: unknown = options.onRejected
  if (onRejected != null && typeof onRejected !== 'function') return failure('ValidationFailed', `options.onRejected must be a function, got ${show(onRejected)}`)

  /** Appends the pending run; a store failure ends the import (returned), a refusal rejects its lines. */
  const flush = async (): Promise<SessionError | undefined> => {
    if (run === undefined) return undefined
    const { streamId, firstVersion, lines, events } = run
    run = undefined
    let appended: unknown
    try {
      appended = await store.appendToStream(streamId, events, { expectedStreamVersion: firstVersion - 1 })
    } catch (cause) {
      return { code: 'StoreUnavailable', message: `appendToStream for stream ${streamId} threw: ${describeThrown(cause)}` }
    }
    if (!isAppendResult(appended)) {
      return { code: 'StoreUnavailable', message: `appendToStream for stream ${streamId} resolved to ${show(appended)}, not an Either of an error or a result` }
    }
    if (E.isRight(appended)) {
      imported += events.length
      streams.add(streamId)
      return undefined
    }
    if (appended.left.code === 'StoreUnavailable') return appended.left
    engine.breakStream(streamId, lines[0]!, appended.left.code)
    for (const line of lines) reject({ ...appended.left, line, streamId, message: `line ${line}: the store refused the event: ${appended.left.message}` })
    return undefined
  }

  for await (const batch of logItemBatches(source)) {
    for (const item of batch.items) {
      const sameRun = run !== undefined && 'event' in item && item.event.metadata.streamId === run.streamId
      // Flushing before any other line keeps the store in the log's order and rejections in line order.
      if (!sameRun) {
        const failed = await flush()
        if (failed !== undefined) return failure('StoreUnavailable', failed.message)
      }
      read++
      let outcome = engine.accept(item)
      if (isRejection(outcome)) {
        // The pending run's lines come first: append them before recording this line, and when the
        // store refuses them this line is refused for the broken stream, like any later line.
        if (run !== undefined) {
          const refused = run.streamId
          const failed = await flush()
          if (failed !== undefined) return failure('StoreUnavailable', failed.message)
          if (engine.brokenBefore(refused, item.line)) outcome = engine.accept(item) as Rejection
        }
        reject(outcome)
        continue
      }
      const { metadata, ...event } = outcome
      run ??= { streamId: metadata.streamId, firstVersion: metadata.streamVersion, lines: [], events: [] }
      run.lines.push(item.line)
      run.events.push(event)
    }
    if (batch.failure !== undefined) {
      const failed = await flush()
      if (failed !== undefined) return failure('StoreUnavailable', failed.message)
      return failure('ReadFailed', batch.failure)
    }
  }
  const failed = await flush()
  if (failed !== undefined) return failure('StoreUnavailable', failed.message)
  return E.right(report())
}
