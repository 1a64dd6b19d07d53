import type { Pool } from 'pg'
import type { AnyEvent, ReadAllOptions, ReadStreamOptions, ReadStreamResult, RecordedEvent } from '../event-store.ts'
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded.ts'
import { afterOf, fromOf, limitOf, toOf } from '../read-bounds.ts'
import type { Tables } from './tables.ts'

/**
 * A stream's events and its current version from one statement, hence one snapshot: the version
 * reported always matches the events returned, even while others append.
 */
export const readStream = async <E extends AnyEvent>(
  pool: Pool,
  t: Tables,
  streamId: string,
  options: ReadStreamOptions | undefined,
): Promise<ReadStreamResult<E>> => {
  const { from, to, maxCount } = options ?? {} // `null` (from plain JavaScript) is no options
  const result = await pool.query<EventRow & { current_version: string | null }>(
    `SELECT s.version AS current_version, e.*
     FROM (SELECT 1) AS one
     LEFT JOIN ${t.streams} AS s ON s.stream_id = $1
     LEFT JOIN LATERAL (
       SELECT ${EVENT_COLUMNS} FROM ${t.events}
       WHERE stream_id = $1 AND stream_version >= $2::bigint AND stream_version <= $3::bigint
       ORDER BY stream_version
       LIMIT $4::bigint
     ) AS e ON s.version IS NOT NULL
     ORDER BY e.stream_version`,
    // the bounds of every store (read-bounds.ts): safe integers, so bigints as they are
    [streamId, fromOf(from), toOf(to), limitOf(maxCount)],
  )
  const version = Number(result.rows[0]?.current_version ?? 0)
  const events = result.rows.filter((row) => row.global_position !== null).map((row) => toRecordedEvent<E>(row))
  return Object.freeze({ events: Object.freeze(events), currentStreamVersion: version, streamExists: version > 0 })
}

/**
 * Events after a checkpoint, in global order. No high-water mark is needed: positions are handed
 * out in commit order (see append.ts), so every position below a visible one is already visible.
 */
export const readAll = async <E extends AnyEvent>(
  pool: Pool,
  t: Tables,
  options: ReadAllOptions | undefined,
): Promise<ReadonlyArray<RecordedEvent<E>>> => {
  const { after, maxCount } = options ?? {} // `null` is no options
  const result = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${t.events} WHERE global_position > $1::bigint ORDER BY global_position LIMIT $2::bigint`,
    [afterOf(after), limitOf(maxCount)],
  )
  return Object.freeze(result.rows.map((row) => toRecordedEvent<E>(row)))
}
