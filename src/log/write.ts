import * as E from 'fp-ts/lib/Either.js'
import { createWriteStream } from 'node:fs'
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
  readonly readAll: (options?: ReadAllOptions) => Promise<ReadonlyArray<RecordedEvent>>
}

/** @since 0.1.0 @category event logs */
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

/** @since 0.1.0 @category event logs */
export interface WriteLogOptions {
  /** gzip the output; by default, when the destination is a path ending in `.gz` */
  readonly gzip?: boolean
}

/** Writes chunks to a stream, waiting for it to drain; rejects on its first error. */
const writeAll = async (stream: NodeJS.WritableStream, chunks: AsyncIterable<string | Buffer>): Promise<void> => {
  let failed: Error | undefined
  const onError = (e: Error) => (failed ??= e)
  stream.on('error', onError)
  try {
    for await (const chunk of chunks) {
      if (failed !== undefined) throw failed
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done)
            stream.off('error', done)
            resolve()
          }
          stream.on('drain', done)
          stream.on('error', done)
        })
      }
    }
    if (failed !== undefined) throw failed
  } finally {
    stream.off('error', onError)
  }
}

/**
 * Writes events as a JSON Lines log to a file path or a writable stream (left open, so that it
 * may be stdout); gzipped when asked, or when the path ends in `.gz`. Resolves to the number of
 * events written, or to a `WriteFailed` error; never rejects.
 * @since 0.1.0
 * @category event logs
 */
export const writeEventLog = async (
  events: LogEvents,
  destination: string | NodeJS.WritableStream,
  options: WriteLogOptions = {},
): Promise<E.Either<LogLineError, WriteLogResult>> => {
  const count = { events: 0 }
  const gzip = options.gzip ?? (typeof destination === 'string' && destination.endsWith('.gz'))
  try {
    const lines = Readable.from(linesOf(events, count), { objectMode: false })
    if (typeof destination === 'string') {
      if (gzip) await pipeline(lines, createGzip(), createWriteStream(destination))
      else await pipeline(lines, createWriteStream(destination))
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
