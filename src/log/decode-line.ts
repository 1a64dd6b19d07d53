import * as t from 'io-ts'
import { describeError, integer, isoTimestamp, struct, text } from '../domain/codec-kit.ts'
import { SessionEventCodec, type SessionEventType } from '../domain/events.ts'
import { show } from '../domain/money.ts'
import { currentSchemaVersion, type LogErrorCode, type LogLineError, type RecordedSessionEvent } from './types.ts'
import { upcasters } from './upcasters.ts'
import { ulidPattern } from './ulid-set.ts'

/** A line's metadata: the store's envelope, closed like every codec. */
export const MetadataCodec = struct('metadata', {
  eventId: text(26, 26, ulidPattern, 'a ULID'),
  streamId: text(1, 1000),
  streamVersion: integer(1),
  globalPosition: integer(1),
  recordedAt: isoTimestamp,
  schemaVersion: integer(1),
})

const eventTypes: ReadonlySet<string> = new Set<SessionEventType>([
  'Created', 'ItemsAdded', 'ItemsRemoved', 'Updated', 'Closed', 'Reopened', 'ItemsReturned', 'Cancelled',
])

export type Decoded = { readonly event: RecordedSessionEvent } | { readonly error: LogLineError }

const fail = (line: number, code: LogErrorCode, message: string, path?: string, streamId?: string): Decoded => ({
  error: {
    code,
    message: `line ${line}: ${message}`,
    ...(path === undefined ? {} : { path }),
    ...(streamId === undefined ? {} : { streamId }),
  },
})

const root: t.Context = [{ key: '', type: t.unknown, actual: undefined }]

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * Parses one line, validates it and upcasts it to the current shape. Checks only what one line
 * can tell; the log reader adds what needs the lines before (versions, duplicate ids).
 */
export const decodeLine = (text: string, line: number): Decoded => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    const reason = text.trim() === '' ? 'an empty line' : (cause as Error).message
    return fail(line, 'MalformedJson', `malformed JSON: ${reason}`)
  }
  if (!isObject(json)) return fail(line, 'ValidationFailed', `(root): expected an object { type, data, metadata }, got ${show(json)}`, '(root)')
  for (const key in json) {
    if (key !== 'type' && key !== 'data' && key !== 'metadata') return fail(line, 'ValidationFailed', `${key}: unknown field ${JSON.stringify(key)}`, key)
  }
  const meta = MetadataCodec.validate(json.metadata, root)
  if (meta._tag === 'Left') {
    const { path, message } = describeError(meta.left, 'metadata')
    const streamId = isObject(json.metadata) && typeof json.metadata.streamId === 'string' ? json.metadata.streamId : undefined
    return fail(line, 'ValidationFailed', message, path, streamId)
  }
  const metadata = meta.right
  const { streamId } = metadata
  const type = json.type
  if (typeof type !== 'string' || !eventTypes.has(type)) {
    return fail(line, 'UnknownEventType', `type: unknown event type ${show(type)}, expected one of ${[...eventTypes].join(', ')}`, 'type', streamId)
  }
  let version = metadata.schemaVersion
  if (version > currentSchemaVersion) {
    return fail(line, 'UnsupportedSchemaVersion', `metadata.schemaVersion: ${version} is newer than this reader (${currentSchemaVersion})`, 'metadata.schemaVersion', streamId)
  }
  let data = json.data
  for (; version < currentSchemaVersion; version++) {
    const upcaster = upcasters[version]?.[type as SessionEventType]
    if (upcaster === undefined) continue
    const old = upcaster.codec.validate(data, [...root, { key: type, type: upcaster.codec, actual: data }])
    if (old._tag === 'Left') {
      const { path, message } = describeError(old.left)
      return fail(line, 'ValidationFailed', `${message} (schema version ${version})`, path, streamId)
    }
    data = upcaster.up(old.right)
  }
  const decoded = SessionEventCodec.validate({ type, data }, root)
  if (decoded._tag === 'Left') {
    const { path, message } = describeError(decoded.left)
    return fail(line, 'ValidationFailed', message, path, streamId)
  }
  const event = decoded.right
  if (event.type === 'Created' && event.data.integrationId !== streamId) {
    return fail(line, 'ValidationFailed', `Created.integrationId: ${show(event.data.integrationId)} is not the stream's id ${show(streamId)}`, 'Created.integrationId', streamId)
  }
  return { event: { ...event, metadata: { ...metadata, schemaVersion: currentSchemaVersion } } as RecordedSessionEvent }
}
