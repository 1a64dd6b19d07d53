import { createReadStream, fstatSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'

/**
 * Where a log comes from: a file path (`-` is not special here: the CLI maps it to stdin), a
 * readable byte stream, or an iterable (sync or async) of lines, one string per line.
 * Files and streams are gunzipped transparently when they start with gzip's magic bytes.
 * @since 0.1.0
 * @category event logs
 */
export type LogSource = string | NodeJS.ReadableStream | Iterable<string> | AsyncIterable<string>

/** Lines in the order read, with how far the source has been read. */
export interface LineBatch {
  readonly lines: string[]
  /** bytes consumed from the file or stream so far (compressed bytes for gzip) */
  readonly bytesRead: number
}

/** The size of a file source, for progress; undefined for streams and iterables. */
export const sizeOf = async (source: LogSource): Promise<number | undefined> => {
  if (typeof source !== 'string') return undefined
  try {
    return (await stat(source)).size
  } catch {
    return undefined
  }
}

/**
 * Whether an input path, or an open descriptor (stdin), is a regular file that an output path
 * names too: one file under two names (a link, another spelling). An output opened on it would
 * empty the input before it is read. (A terminal or a pipe is not a file that can be emptied.)
 */
export const sameFile = async (input: string | number, output: string): Promise<boolean> => {
  try {
    const a = typeof input === 'number' ? fstatSync(input, { bigint: true }) : await stat(input, { bigint: true })
    const b = await stat(output, { bigint: true })
    return a.isFile() && a.dev === b.dev && a.ino === b.ino
  } catch {
    // Either is missing (or unreadable): nothing to destroy, or nothing to read.
    return false
  }
}

const isByteStream = (u: unknown): u is NodeJS.ReadableStream =>
  typeof u === 'object' && u !== null && typeof (u as { pipe?: unknown }).pipe === 'function' && typeof (u as { on?: unknown }).on === 'function'

const chunkSize = 1 << 20

/**
 * Splits a byte stream into lines: chunks of a megabyte, decoded as UTF-8 across chunk
 * boundaries, cut at `\n` (a trailing `\r` is dropped). Only the unfinished last line is kept
 * between chunks, so memory does not depend on the file's size. The empty text after a final
 * newline is not a line; every other segment is, blank ones included.
 */
async function* splitBytes(stream: AsyncIterable<Buffer | string>, counted: { bytes: number }): AsyncGenerator<LineBatch> {
  const decoder = new StringDecoder('utf8')
  let rest = ''
  for await (const chunk of stream) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))
    const lines: string[] = []
    let start = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.push(text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl))
      start = nl + 1
    }
    rest = start === 0 ? text : text.slice(start)
    if (lines.length > 0) yield { lines, bytesRead: counted.bytes }
  }
  const last = rest + decoder.end()
  if (last.length > 0) yield { lines: [last.endsWith('\r') ? last.slice(0, -1) : last], bytesRead: counted.bytes }
}

/** Counts the raw bytes going by, then gunzips when the first bytes are gzip's magic. */
async function* bytesOf(raw: AsyncIterable<Buffer | string>, counted: { bytes: number }): AsyncGenerator<Buffer | string> {
  const it = raw[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done === true) return
  const head = first.value
  async function* counting(): AsyncGenerator<Buffer | string> {
    counted.bytes += head.length
    yield head
    for (let r = await it.next(); r.done !== true; r = await it.next()) {
      counted.bytes += r.value.length
      yield r.value
    }
  }
  const gzipped = typeof head !== 'string' && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
  if (!gzipped) {
    yield* counting()
    return
  }
  const gunzip = createGunzip({ chunkSize: 1 << 16 })
  const input = Readable.from(counting(), { objectMode: false })
  input.on('error', (e) => gunzip.destroy(e))
  input.pipe(gunzip)
  yield* gunzip as AsyncIterable<Buffer>
}

/**
 * The lines of any log source, in batches. I/O errors (a missing file, a truncated gzip) are
 * thrown from the iteration; the public readers turn them into values.
 */
export async function* lineBatches(source: LogSource): AsyncGenerator<LineBatch> {
  const counted = { bytes: 0 }
  if (typeof source === 'string') {
    const file = createReadStream(source, { highWaterMark: chunkSize })
    try {
      yield* splitBytes(bytesOf(file, counted), counted)
    } finally {
      file.destroy()
    }
    return
  }
  if (isByteStream(source)) {
    yield* splitBytes(bytesOf(source as AsyncIterable<Buffer | string>, counted), counted)
    return
  }
  // An iterable of lines: one item, one line. Batched so that consumers loop synchronously.
  let lines: string[] = []
  const flush = () => {
    const batch = { lines, bytesRead: counted.bytes }
    lines = []
    return batch
  }
  /** Takes one line; returns the batch when it is full. */
  const take = (line: string): LineBatch | undefined => {
    const text = String(line)
    lines.push(text)
    counted.bytes += text.length + 1
    return lines.length === 4096 ? flush() : undefined
  }
  try {
    if (Symbol.asyncIterator in (source as object)) {
      for await (const line of source as AsyncIterable<string>) {
        const full = take(line)
        if (full !== undefined) yield full
      }
    } else {
      for (const line of source as Iterable<string>) {
        const full = take(line)
        if (full !== undefined) yield full
      }
    }
  } catch (cause) {
    // The lines taken before the source threw were read: they are handed over first, so that
    // they are used and the failure names the line after them.
    if (lines.length > 0) yield flush()
    throw cause
  }
  if (lines.length > 0) yield flush()
}
