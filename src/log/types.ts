import type { SessionErrorCode } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { RecordedEvent } from '../store/event-store.ts'

/** A session event as a log holds it: the event and its store metadata. @since 0.1.0 @category event logs */
export type RecordedSessionEvent = RecordedEvent<SessionEvent>

/**
 * Why a line of a log was not used. The log-level codes come from reading the line; replay adds
 * the domain's refusals (`InvalidTransition`, `UnknownPosition`, ...) and `StreamBroken`.
 * @since 0.1.0
 * @category event logs
 */
export type LogErrorCode =
  | 'MalformedJson'
  | 'InvalidUtf8'
  | 'LineTooLong'
  | 'ValidationFailed'
  | 'UnknownEventType'
  | 'UnsupportedSchemaVersion'
  | 'StreamVersionGap'
  | 'StreamVersionRepeated'
  | 'DuplicateEventId'
  | 'StreamBroken'
  | 'ReadFailed'
  | 'WriteFailed'
  | SessionErrorCode

/** Why a line of a log was not used, or the log could not be read or written. @since 0.1.0 @category event logs */
export interface LogLineError {
  readonly code: LogErrorCode
  /** `line N: ...`, with the field path when there is one */
  readonly message: string
  /** the offending field, e.g. `ItemsAdded.cartItems[3].quantity` or `metadata.streamVersion` */
  readonly path?: string
  /** the stream of the line, when its metadata could be read */
  readonly streamId?: string
}

/**
 * One line of a log: its event, in the current shape, or why it is unusable (with the raw text).
 * A source that fails to be read (a missing file, a truncated gzip) ends with an item whose
 * error code is `ReadFailed`; that item is not a line of the log.
 * @since 0.1.0
 * @category event logs
 */
export type LogItem =
  | { readonly line: number; readonly event: RecordedSessionEvent }
  | { readonly line: number; readonly error: LogLineError; readonly text: string }

export { currentSchemaVersion } from '../domain/events.ts'
