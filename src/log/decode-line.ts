import * as t from 'io-ts'
import { closed, type Codec, describeError, integer, isoTimestamp, text } from '../domain/codec-kit.ts'
import { eventDataCodecs, type EventOf, type SessionEvent, type SessionEventType } from '../domain/events.ts'
import { show } from '../domain/messages.ts'
import { sessionError, type SessionErrorCode } from '../domain/errors.ts'
import { currentSchemaVersion, type LogLineError, type RecordedSessionEvent } from './types.ts'
import { crockfordDigits } from './ulid-set.ts'
import { upcasters } from './upcasters.ts'
import { ownedDecoder } from './fast-check.ts'

const ulidDigits = new RegExp(`^[0-7][${crockfordDigits}]{25}$`)
const eventIdCodec = text(26, 26, ulidDigits, 'a ULID')
const metadataFields = {
  eventId: eventIdCodec,
  streamId: text(1, 1000),
  streamVersion: integer(1),
  globalPosition: integer(1),
  recordedAt: isoTimestamp,
  schemaVersion: integer(1),
}
/** A line's metadata: the store's envelope, closed like every codec. */
const MetadataCodec = closed('metadata', metadataFields)
const decodeMetadata = ownedDecoder(MetadataCodec)
const root: t.Context = [{ key: '', type: MetadataCodec, actual: undefined }]

/**
 * The codec of each event's `data` (the members of `SessionEventCodec`), called directly: the
 * type is checked first, and a constant context per type saves building one per line. Errors
 * read as the union's do: `ItemsAdded.cartItems[3].quantity`.
 */
const dataCodecs: { readonly [K in SessionEventType]: Codec<EventOf<K>['data']> } = eventDataCodecs
const eventTypes = Object.keys(dataCodecs) as SessionEventType[]
const isEventType = (u: unknown): u is SessionEventType =>
  typeof u === 'string' && Object.prototype.hasOwnProperty.call(dataCodecs, u)
/** Each type's decoder of a line's `data`, which keeps the parsed value when it is valid. */
const dataDecoders = Object.fromEntries(eventTypes.map((type) => [type, ownedDecoder<SessionEvent['data']>(dataCodecs[type] as Codec<SessionEvent['data']>)])) as Record<
  SessionEventType,
  (u: unknown, context: t.Context) => t.Validation<SessionEvent['data']>
>
const contexts = new Map<string, t.Context>(
  eventTypes.map((type) => [type, [{ key: '', type: t.unknown, actual: undefined }, { key: type, type: dataCodecs[type] as t.Decoder<unknown, unknown>, actual: undefined }]]),
)

type Metadata = t.TypeOf<typeof MetadataCodec>

/**
 * A line's event (already the log item the readers yield: no wrapper per line), or its error with
 * the metadata when that much could be read.
 */
export type Decoded =
  | { readonly line: number; readonly event: RecordedSessionEvent }
  | { readonly error: LogLineError; readonly metadata?: Metadata }

const fail = (line: number, code: SessionErrorCode, message: string, path?: string, streamId?: string): Decoded => ({
  error: {
    ...sessionError(code, `line ${line}: ${message}`, (path === undefined ? {} : { path }) as { path: string }),
    ...(streamId === undefined ? {} : { streamId }),
  },
})
const failAfter = (metadata: Metadata, line: number, code: SessionErrorCode, message: string, path: string): Decoded => ({
  ...fail(line, code, message, path, metadata.streamId),
  metadata,
})

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
  // The line was parsed here and is owned by nobody else: a value the codec accepts is kept as it
  // is rather than copied (see fast-check.ts); only a refused value is decoded, to say where and why.
  const meta = decodeMetadata(json.metadata, root)
  if (meta._tag === 'Left') {
    const { path, message } = describeError(meta.left, 'metadata')
    const streamId = isObject(json.metadata) && typeof json.metadata.streamId === 'string' ? json.metadata.streamId : undefined
    return fail(line, 'ValidationFailed', message, path, streamId)
  }
  const metadata = meta.right
  // After the metadata: a line refused for an unknown field still takes its stream and version.
  for (const key in json) {
    if (key !== 'type' && key !== 'data' && key !== 'metadata') return failAfter(metadata, line, 'ValidationFailed', `${key}: unknown field ${JSON.stringify(key)}`, key)
  }
  const { streamId } = metadata
  const type = json.type
  if (!isEventType(type)) {
    return failAfter(metadata, line, 'UnknownEventType', `type: unknown event type ${show(type)}, expected one of ${eventTypes.join(', ')}`, 'type')
  }
  let version = metadata.schemaVersion
  if (version > currentSchemaVersion) {
    return failAfter(metadata, line, 'UnsupportedSchemaVersion', `metadata.schemaVersion: ${version} is newer than this reader (${currentSchemaVersion})`, 'metadata.schemaVersion')
  }
  let data = json.data
  for (; version < currentSchemaVersion; version++) {
    const upcaster = upcasters[version]?.[type]
    if (upcaster === undefined) continue
    const old = upcaster.codec.validate(data, contexts.get(type)!)
    if (old._tag === 'Left') {
      const { path, message } = describeError(old.left)
      return failAfter(metadata, line, 'ValidationFailed', `${message} (schema version ${version})`, path)
    }
    data = upcaster.up(old.right)
  }
  const decoded = dataDecoders[type](data, contexts.get(type)!)
  if (decoded._tag === 'Left') {
    const { path, message } = describeError(decoded.left)
    return failAfter(metadata, line, 'ValidationFailed', message, path)
  }
  const checked = decoded.right
  const integrationId = type === 'Created' ? (checked as EventOf<'Created'>['data']).integrationId : streamId
  if (integrationId !== streamId) {
    return failAfter(metadata, line, 'ValidationFailed', `Created.integrationId: ${show(integrationId)} is not the stream's id ${show(streamId)}`, 'Created.integrationId')
  }
  if (metadata.schemaVersion !== currentSchemaVersion) metadata.schemaVersion = currentSchemaVersion
  // The data codec checked `data` against the codec of `type`: together they are a SessionEvent.
  return { line, event: { type, data: checked, metadata } as RecordedSessionEvent }
}
