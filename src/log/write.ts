import * as E from 'fp-ts/lib/Either.js'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { realpath, rename, rm, stat } from 'node:fs/promises'
import { track, untrack } from './temp-files.ts'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { describeThrown } from '../domain/describe-thrown.ts'
import type { AnyEvent, ReadAllOptions, RecordedEvent } from '../store/event-store.ts'
import type { LogLineError } from './types.ts'

/**
 * What a log is written from: a store (every event, in global order, read a page at a time) or
 * any iterable of recorded events.
 * @since 0.1.0
 * @category event logs
 */
export type LogEvents = LogStore | Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>

/** What a log needs of a store: reading all events from a checkpoint. @since 0.1.0 @category event logs */
export interface LogStore {
  /** events after the checkpoint `after`, in global order, at most `maxCount` */
  readonly readAll: (options?: ReadAllOptions) => Promise<ReadonlyArray<RecordedEvent>>
}

/** What `writeEventLog` wrote. @since 0.1.0 @category event logs */
export interface WriteLogResult {
  readonly events: number
}

const isStore = (u: LogEvents): u is LogStore => typeof (u as LogStore).readAll === 'function'

const pageSize = 1000

async function* eventsOf(source: LogEvents): AsyncGenerator<RecordedEvent> {
  if (!isStore(source)) {
    yield* source as AsyncIterable<RecordedEvent>
    return
  }
  for (let after = 0; ; ) {
    const page = await source.readAll({ after, maxCount: pageSize })
    if (page.length === 0) return
    yield* page
    after = page[page.length - 1]!.metadata.globalPosition
  }
}

/**
 * One line: the event and its metadata, keys in a fixed order, nothing else.
 * @since 0.1.0
 * @category event logs
 */
export const toLogLine = (event: RecordedEvent<AnyEvent>): string => {
  const m = event.metadata
  return JSON.stringify({
    type: event.type,
    data: event.data,
    metadata: {
      eventId: m.eventId,
      streamId: m.streamId,
      streamVersion: m.streamVersion,
      globalPosition: m.globalPosition,
      recordedAt: m.recordedAt,
      schemaVersion: m.schemaVersion,
    },
  })
}

async function* linesOf(source: LogEvents, count: { events: number }): AsyncGenerator<string> {
  let chunk = ''
  for await (const event of eventsOf(source)) {
    chunk += `${toLogLine(event)}\n`
    count.events++
    if (chunk.length >= 1 << 16) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk.length > 0) yield chunk
}

/** Options of `writeEventLog`. @since 0.1.0 @category event logs */
export interface WriteLogOptions {
  /** gzip the output; by default, when the destination is a path ending in `.gz` */
  readonly gzip?: boolean
}

/**
 * Whether a stream takes no more writes (destroyed, or ended): a write to it is refused, and no
 * 'drain' or 'error' ever follows, so a writer waiting for one would wait forever.
 */
export const isClosed = (stream: NodeJS.WritableStream): boolean => {
  const s = stream as { destroyed?: unknown; writableEnded?: unknown }
  return s.destroyed === true || s.writableEnded === true
}

/** Waits for a stream that refused a write: true when it drains, false when it fails or closes first. */
export const drained = (stream: NodeJS.WritableStream): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const settle = (ok: boolean) => () => {
      stream.off('drain', onDrain)
      stream.off('error', onFail)
      stream.off('close', onFail)
      resolve(ok)
    }
    const onDrain = settle(true)
    const onFail = settle(false)
    stream.on('drain', onDrain)
    stream.on('error', onFail)
    stream.on('close', onFail)
  })

/** Writes chunks to a stream, waiting for it to drain; rejects on its first error, or once it is closed. */
const writeAll = async (stream: NodeJS.WritableStream, chunks: AsyncIterable<string | Buffer>): Promise<void> => {
  let failed: Error | undefined
  const onError = (e: Error) => (failed ??= e)
  stream.on('error', onError)
  try {
    for await (const chunk of chunks) {
      if (isClosed(stream)) failed ??= new Error('the stream is closed')
      if (failed !== undefined) throw failed
      if (!stream.write(chunk) && !(await drained(stream))) failed ??= new Error('the stream closed before taking everything')
    }
    if (failed !== undefined) throw failed
  } finally {
    stream.off('error', onError)
  }
}

/**
 * Writes a file through a temporary file beside it, renamed into place once complete: a write
 * that fails halfway leaves the file as it was, never half-written, and a file being read while
 * it is replaced (the output is the input) is read to its end. A destination that exists and is
 * not a regular file (`/dev/null`, a pipe) is written in place; a link is written through.
 */
const writeFileSafely = async (destination: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> => {
  const target = await realpath(destination).catch(() => destination)
  const existing = await stat(target).catch(() => undefined)
  if (existing !== undefined && !existing.isFile()) return write(createWriteStream(target))
  const temporary = track(`${target}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await write(createWriteStream(temporary, { flags: 'wx', ...(existing === undefined ? {} : { mode: existing.mode & 0o777 }) }))
    await rename(temporary, target)
  } catch (cause) {
    // Where the temporary file could not be made (a parent that is a file), it cannot be removed either.
    await rm(temporary, { force: true }).catch(() => undefined)
    // The error names the file the caller gave, not the temporary one it never asked for.
    if (cause instanceof Error) cause.message = cause.message.split(temporary).join(destination)
    throw cause
  } finally {
    untrack(temporary)
  }
}

/**
 * Writes events as a JSON Lines log to a file path or a writable stream (left open, so that it
 * may be stdout); gzipped when asked, or when the path ends in `.gz`. A file is replaced only once
 * the log is complete: a failure leaves it as it was. Resolves to the number of events written,
 * or to a `WriteFailed` error; never rejects.
 * @since 0.1.0
 * @category event logs
 */
export const writeEventLog = async (
  events: LogEvents,
  destination: string | NodeJS.WritableStream,
  options: WriteLogOptions = {},
): Promise<E.Either<LogLineError, WriteLogResult>> => {
  const count = { events: 0 }
  // null, from a caller the types do not reach, is no options.
  const gzip = (options ?? {}).gzip ?? (typeof destination === 'string' && destination.endsWith('.gz'))
  try {
    const lines = Readable.from(linesOf(events, count), { objectMode: false })
    if (typeof destination === 'string') {
      await writeFileSafely(destination, (file) => (gzip ? pipeline(lines, createGzip(), file) : pipeline(lines, file)))
    } else {
      const gz = gzip ? createGzip() : undefined
      // pipeline forwards a failing source to the gzip stream, whose iteration then rejects.
      if (gz !== undefined) pipeline(lines, gz).catch((e: Error) => gz.destroy(e))
      await writeAll(destination, gz ?? lines)
    }
    return E.right({ events: count.events })
  } catch (cause) {
    return E.left({
      code: 'WriteFailed',
      message: `the log could not be written after ${count.events} events: ${describeThrown(cause)}`,
    })
  }
}
