import { createReadStream, fstatSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { gunzip, isGzip } from './gunzip.ts'
import { defaultMaxLineBytes, type LineBatch, type LineFault, splitLines } from './split-lines.ts'

/**
 * Where a log comes from: a file path (`-` is not special here: the CLI maps it to stdin), a
 * readable byte stream, or an iterable (sync or async) of lines, one string per line.
 * Files and streams are gunzipped transparently when they start with gzip's magic bytes.
 * @since 0.1.0
 * @category event logs
 */
export type LogSource = string | NodeJS.ReadableStream | Iterable<string> | AsyncIterable<string>

export type { LineBatch, LineFault } from './split-lines.ts'

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

/** Counts the raw bytes going by, then gunzips (`gunzip.ts`) when the first bytes are gzip's magic. */
async function* bytesOf(raw: AsyncIterable<Buffer | string>, counted: { bytes: number }): AsyncGenerator<Buffer | string> {
  const it = raw[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done === true) return
  const head = first.value
  counted.bytes += head.length
  if (typeof head === 'string' || !isGzip(head)) {
    yield head
    for (let r = await it.next(); r.done !== true; r = await it.next()) {
      counted.bytes += r.value.length
      yield r.value
    }
    return
  }
  const counting: AsyncIterator<Buffer> = {
    next: async () => {
      const r = await it.next()
      if (r.done !== true) counted.bytes += r.value.length
      return r as IteratorResult<Buffer>
    },
  }
  yield* gunzip(counting, head)
}

/** How lines are read: the longest line taken, in bytes. */
export interface LineOptions {
  readonly maxLineBytes?: number
}

/**
 * The lines of any log source, in batches. I/O errors (a missing file, a truncated gzip) are
 * thrown from the iteration; the public readers turn them into values.
 */
export async function* lineBatches(source: LogSource, options: LineOptions = {}): AsyncGenerator<LineBatch> {
  const counted = { bytes: 0 }
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes
  if (typeof source === 'string') {
    const file = createReadStream(source, { highWaterMark: chunkSize })
    try {
      yield* splitLines(bytesOf(file, counted), counted, maxLineBytes)
    } finally {
      file.destroy()
    }
    return
  }
  if (isByteStream(source)) {
    yield* splitLines(bytesOf(source as AsyncIterable<Buffer | string>, counted), counted, maxLineBytes)
    return
  }
  // An iterable of lines: one item, one line. Batched so that consumers loop synchronously.
  let lines: string[] = []
  let faults: Map<number, LineFault> | undefined
  const flush = (): LineBatch => {
    const batch = faults === undefined ? { lines, bytesRead: counted.bytes } : { lines, faults, bytesRead: counted.bytes }
    lines = []
    faults = undefined
    return batch
  }
  /** Takes one line; returns the batch when it is full. */
  const take = (line: string): LineBatch | undefined => {
    let text = String(line)
    if (counted.bytes === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    counted.bytes += text.length + 1
    // A string holds at most three bytes of UTF-8 per UTF-16 unit: most lines need no count.
    const length = text.length * 3 > maxLineBytes ? Buffer.byteLength(text) : 0
    if (length > maxLineBytes) {
      ;(faults ??= new Map()).set(lines.length, { code: 'LineTooLong', length, limit: maxLineBytes })
      text = ''
    }
    lines.push(text)
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
