import type { SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { RecordedEvent } from '../store/event-store.ts'

/** A session event as a log holds it: the event and its store metadata. @since 0.1.0 @category event logs */
export type RecordedSessionEvent = RecordedEvent<SessionEvent>

/**
 * Why a line of a log was not used, or the log could not be read: a `SessionError` (the log's own
 * codes, such as `MalformedJson` or `StreamVersionGap`, are among its codes; replay adds the
 * domain's refusals and `StreamBroken`), with the line's stream when its metadata could be read.
 * @since 0.1.0
 * @category event logs
 */
export type LogLineError = SessionError & {
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
