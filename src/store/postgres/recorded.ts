import { deepFreeze } from '../deep-freeze.ts'
import type { AnyEvent, RecordedEvent } from '../event-store.ts'

/** One row of the events table, as node-postgres returns it (bigint columns arrive as strings). */
export interface EventRow {
  readonly global_position: string
  readonly stream_id: string
  readonly stream_version: string
  readonly event_id: string
  readonly type: string
  /** the JSON text as stored; null when the event was appended with `data: undefined` */
  readonly data: string | null
  readonly schema_version: number
  readonly recorded_at: Date
}

/** The columns of {@link EventRow}, for every query that reads events. */
export const EVENT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, data::text AS data, schema_version, recorded_at'

/**
 * A row as the recorded event the contract describes, deep-frozen like the in-memory store's.
 * `data` is SQL NULL only when the event was appended with `data: undefined`.
 */
export const toRecordedEvent = <E extends AnyEvent>(row: EventRow): RecordedEvent<E> =>
  deepFreeze({
    type: row.type,
    data: row.data === null ? undefined : (JSON.parse(row.data) as unknown),
    metadata: {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      globalPosition: Number(row.global_position),
      recordedAt: row.recorded_at.toISOString(),
      schemaVersion: row.schema_version,
    },
  }) as RecordedEvent<E>
