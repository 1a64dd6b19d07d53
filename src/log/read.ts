import { describeThrown } from '../domain/describe-thrown.ts'
import { type Decoded, decodeLine } from './decode-line.ts'
import { type LineOptions, lineBatches, type LogSource } from './lines.ts'
import type { LineFault } from './split-lines.ts'
import type { LogItem, LogLineError } from './types.ts'
import { createUlidSet } from './ulid-set.ts'

/**
 * The checks that need the lines before: each stream's versions go up by one from 1, and no
 * `eventId` comes twice. Memory grows with streams (one number each) and events (an id each, as
 * `ulid-set.ts` stores it), never with the size of the lines.
 */
export const createLogChecker = () => {
  // One mutable record per stream: a good line reads its stream once and writes no map.
  const versions = new Map<string, { last: number }>()
  const versionOf = (streamId: string) => {
    let v = versions.get(streamId)
    if (v === undefined) versions.set(streamId, (v = { last: 0 }))
    return v
  }
  const ids = createUlidSet()
  return (decoded: Decoded, line: number): Decoded => {
    if ('error' in decoded) {
      // A line whose metadata was readable still takes its id and version: the next line of its
      // stream is then refused for the broken stream, not for a gap that is this line's doing.
      if (decoded.metadata !== undefined) {
        const { eventId, streamId, streamVersion } = decoded.metadata
        ids.add(eventId)
        const v = versionOf(streamId)
        if (streamVersion > v.last) v.last = streamVersion
      }
      return decoded
    }
    const { eventId, streamId, streamVersion } = decoded.event.metadata
    const fail = (code: LogLineError['code'], message: string, path: string): Decoded => ({
      error: { code, message: `line ${line}: ${message}`, path, streamId },
    })
    const v = versionOf(streamId)
    const last = v.last
    if (!ids.add(eventId)) {
      // Like any refused line whose metadata was read, it takes its version (see above).
      if (streamVersion > last) v.last = streamVersion
      return fail('DuplicateEventId', `metadata.eventId: ${eventId} was already used by an earlier line`, 'metadata.eventId')
    }
    if (streamVersion <= last) {
      return fail('StreamVersionRepeated', `metadata.streamVersion: stream ${JSON.stringify(streamId)} is already at version ${last}, this line repeats version ${streamVersion}`, 'metadata.streamVersion')
    }
    v.last = streamVersion
    if (streamVersion > last + 1) {
      return fail('StreamVersionGap', `metadata.streamVersion: stream ${JSON.stringify(streamId)} skips from version ${last} to ${streamVersion}`, 'metadata.streamVersion')
    }
    return decoded
  }
}

/** Why a source could not be read past the lines before `line`. */
export const readFailureMessage = (line: number, cause: unknown): string =>
  `the log could not be read past line ${line - 1}: ${describeThrown(cause)}`

/** The items of a batch of lines, with how far the source has been read. */
export interface LogItemBatch {
  readonly items: LogItem[]
  /** the raw lines of the items, index for index: what a rejected event's line read */
  readonly texts: readonly string[]
  /** bytes consumed from the file or stream so far (compressed bytes for gzip) */
  readonly bytesRead: number
  /** on the last batch (with no items) when the source could not be read further */
  readonly failure?: string
}

/**
 * A line that is no text: refused. A line that is not UTF-8 but whose metadata reads (from its
 * lossy decoding) still takes its id and version, as any refused line does, so that its stream's
 * next line is refused for the broken stream.
 */
const faulty = (fault: LineFault, text: string, line: number): Decoded => {
  if (fault.code === 'LineTooLong') {
    const message = `line ${line}: the line is ${fault.length} bytes long, over the limit of ${fault.limit} bytes (it was skipped, not read)`
    return { error: { code: 'LineTooLong', message } }
  }
  const decoded = decodeLine(text, line)
  const metadata = 'event' in decoded ? decoded.event.metadata : decoded.metadata
  const message = `line ${line}: the line is not valid UTF-8 (its bytes are kept unchanged in the rejects file)`
  return metadata === undefined
    ? { error: { code: 'InvalidUtf8', message } }
    : { error: { code: 'InvalidUtf8', message, streamId: metadata.streamId }, metadata }
}

/**
 * Reads a log one line after another: each line decoded, then checked against the lines before.
 * `lines` is how many lines it has read.
 */
export const createLineReader = () => {
  const check = createLogChecker()
  let line = 0
  return {
    read: (text: string, fault?: LineFault): LogItem => {
      line++
      const decoded = check(fault === undefined ? decodeLine(text, line) : faulty(fault, text, line), line)
      return 'error' in decoded ? { line, error: decoded.error, text } : decoded
    },
    lines: () => line,
  }
}

/**
 * The loop behind the readers of a log (`readEventLog`, `importEventLog`, the CLI's export):
 * each line decoded and checked against the lines before, in batches. Never throws: a source
 * that cannot be read (further) ends with a batch holding the failure. (`replay` runs the same
 * line reader, one line at a time.)
 */
export async function* logItemBatches(source: LogSource, options: LineOptions = {}): AsyncGenerator<LogItemBatch, void, undefined> {
  const reader = createLineReader()
  let bytesRead = 0
  try {
    for await (const batch of lineBatches(source, options)) {
      const items: LogItem[] = []
      const { lines, faults } = batch
      for (let i = 0; i < lines.length; i++) items.push(reader.read(lines[i]!, faults?.get(i)))
      bytesRead = batch.bytesRead
      yield { items, texts: batch.lines, bytesRead }
    }
  } catch (cause) {
    yield { items: [], texts: [], bytesRead, failure: readFailureMessage(reader.lines() + 1, cause) }
  }
}

/**
 * Streams a log's lines as `{ line, event }` or `{ line, error, text }` items, in constant memory
 * whatever the file's size: each line parsed, validated and upcast to the current shape
 * (`schemaVersion` 2). The source is never changed. Never throws: a source that cannot be read
 * ends the iteration with a `ReadFailed` item.
 * @since 0.1.0
 * @category event logs
 */
export async function* readEventLog(source: LogSource, options: LineOptions = {}): AsyncGenerator<LogItem, void, undefined> {
  let line = 0
  for await (const { items, failure } of logItemBatches(source, options)) {
    for (const item of items) yield item
    line += items.length
    if (failure !== undefined) yield { line: line + 1, error: { code: 'ReadFailed', message: failure }, text: '' }
  }
}
