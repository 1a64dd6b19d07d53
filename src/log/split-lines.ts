import { isUtf8 } from 'node:buffer'

/**
 * Why a line of a file or stream was not handed over as text: its bytes are not UTF-8 (kept
 * as they are, for the rejects file), or it is longer than the limit (never held whole).
 * @since 0.2.0
 * @category event logs
 */
export type LineFault =
  | { readonly code: 'InvalidUtf8'; readonly bytes: Buffer }
  | { readonly code: 'LineTooLong'; readonly length: number; readonly limit: number }

/** Lines in the order read, with how far the source has been read. */
export interface LineBatch {
  readonly lines: string[]
  /** the lines that are faults, by index in `lines` (their text there is a lossy stand-in) */
  readonly faults?: ReadonlyMap<number, LineFault>
  /** bytes consumed from the file or stream so far (compressed bytes for gzip) */
  readonly bytesRead: number
}

/** The default longest line, in bytes (without its newline). @since 0.2.0 @category event logs */
export const defaultMaxLineBytes = 16 * 1024 * 1024

const isBom = (b: Buffer) => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf

/**
 * Splits a byte stream into lines, cut at `\n` (a trailing `\r` is dropped, a UTF-8 byte order
 * mark at the start skipped). Only the unfinished last line is kept between chunks, and a line
 * past `maxLineBytes` not even that: its bytes are counted and dropped until its newline, so
 * memory and time are linear whatever the lines. A chunk's complete lines are decoded at once
 * when they are valid UTF-8 and cannot hold a line over the limit (the common case); otherwise
 * line by line, each line that is not UTF-8 a fault holding its bytes. The empty text after a
 * final newline is not a line; every other segment is, blank ones included.
 */
export async function* splitLines(
  stream: AsyncIterable<Buffer | string>,
  counted: { bytes: number },
  maxLineBytes: number,
): AsyncGenerator<LineBatch> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  /** the length so far of a line past the limit, being skipped; -1 when none */
  let skipping = -1
  let first = true
  let lines: string[] = []
  let faults: Map<number, LineFault> | undefined
  const tooLong = (length: number) => {
    ;(faults ??= new Map()).set(lines.length, { code: 'LineTooLong', length, limit: maxLineBytes })
    lines.push('')
  }
  /** Takes a complete line's bytes (without `\n`). */
  const take = (bytes: Buffer) => {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length
    const line = bytes.subarray(0, end)
    if (line.length > maxLineBytes) return tooLong(line.length)
    if (!isUtf8(line)) (faults ??= new Map()).set(lines.length, { code: 'InvalidUtf8', bytes: Buffer.from(line) })
    lines.push(line.toString('utf8'))
  }
  const batch = (): LineBatch => {
    const out: LineBatch = faults === undefined ? { lines, bytesRead: counted.bytes } : { lines, faults, bytesRead: counted.bytes }
    lines = []
    faults = undefined
    return out
  }
  for await (const given of stream) {
    let chunk = typeof given === 'string' ? Buffer.from(given) : given
    if (first) {
      first = false
      if (isBom(chunk)) chunk = chunk.subarray(3)
    }
    let start = 0
    let nl = chunk.indexOf(10)
    if (nl >= 0 && (pendingBytes > 0 || skipping >= 0)) {
      // The line carried over from the chunks before ends here.
      if (skipping >= 0) tooLong(skipping + nl - (chunk[nl - 1] === 13 ? 1 : 0))
      else if (pendingBytes + nl > maxLineBytes + 1) tooLong(pendingBytes + nl)
      else take(Buffer.concat([...pending, chunk.subarray(0, nl)]))
      pending = []
      pendingBytes = 0
      skipping = -1
      start = nl + 1
    }
    const last = chunk.lastIndexOf(10)
    if (last >= start) {
      const whole = chunk.subarray(start, last)
      if (whole.length <= maxLineBytes && isUtf8(whole)) {
        // The fast path: one decoding, then cuts in the text.
        const text = whole.toString('utf8')
        let from = 0
        for (let at = text.indexOf('\n'); ; at = text.indexOf('\n', from)) {
          const cut = at < 0 ? text.length : at
          lines.push(text.charCodeAt(cut - 1) === 13 && cut > from ? text.slice(from, cut - 1) : text.slice(from, cut))
          if (at < 0) break
          from = at + 1
        }
      } else {
        for (nl = chunk.indexOf(10, start); nl >= 0 && nl <= last; nl = chunk.indexOf(10, start)) {
          take(chunk.subarray(start, nl))
          start = nl + 1
        }
      }
      start = last + 1
    }
    const rest = chunk.length - start
    if (rest > 0) {
      if (skipping >= 0) skipping += rest
      else if (pendingBytes + rest > maxLineBytes + 1) {
        // One byte of slack: the `\r` of a CRLF line exactly at the limit.
        skipping = pendingBytes + rest
        pending = []
        pendingBytes = 0
      } else {
        // A copy: a view would keep the whole chunk alive for its tail.
        pending.push(Buffer.from(chunk.subarray(start)))
        pendingBytes += rest
      }
    }
    if (lines.length > 0) yield batch()
  }
  if (skipping >= 0) tooLong(skipping)
  else if (pendingBytes > 0) take(Buffer.concat(pending))
  if (lines.length > 0) yield batch()
}
