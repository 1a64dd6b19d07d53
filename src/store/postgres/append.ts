import * as E from 'fp-ts/lib/Either.js'
import type { ClientBase, Pool } from 'pg'
import type { SessionError } from '../../domain/errors.ts'
import type { AppendResult, ExpectedStreamVersion } from '../event-store.ts'
import { conflictError, matchesExpected } from '../expected-version.ts'
import type { Tables } from './tables.ts'
import type { ValidAppend } from './validate-append.ts'

interface AppendContext {
  readonly tables: Tables
  /** a monotonic ULID whose time part is the given epoch milliseconds */
  readonly newEventId: (millis: number) => string
}

/** The outcome of {@link appendEvents}: whether the caller must commit, and what to answer. */
interface AppendStep {
  readonly commit: boolean
  readonly value: E.Either<SessionError, AppendResult>
}

/**
 * An empty batch: checks the expected version and appends nothing, as the in-memory store does.
 * One statement, hence one snapshot: no transaction, no lock, no clock.
 */
export const appendNothing = async (
  pool: Pool,
  t: Tables,
  streamId: string,
  expected: ExpectedStreamVersion,
): Promise<E.Either<SessionError, AppendResult>> => {
  const current = await pool.query<{ version: string | null; last: string | null }>(
    `SELECT (SELECT version FROM ${t.streams} WHERE stream_id = $1) AS version,
            (SELECT global_position FROM ${t.events} WHERE stream_id = $1
             ORDER BY stream_version DESC LIMIT 1) AS last`,
    [streamId],
  )
  const row = current.rows[0]
  const actual = Number(row?.version ?? 0)
  if (!matchesExpected(expected, actual)) return E.left(conflictError(streamId, expected, actual))
  return E.right({ nextExpectedStreamVersion: actual, lastGlobalPosition: Number(row?.last ?? 0), createdNewStream: false })
}

/**
 * The body of one non-empty append (an empty one is {@link appendNothing}), run by the caller inside a transaction (BEGIN before, COMMIT or
 * ROLLBACK after, as `commit` says). Two statements, and the order is the design:
 *
 * 1. Upsert the stream's row, adding the batch size to its version. The row lock this takes is the
 *    compare-and-set: a concurrent append to the same stream waits here until we commit or roll
 *    back, then sees our version, so two appends expecting the same version can never both pass.
 *    A mismatch rolls the whole transaction back.
 * 2. Take the next global positions from the single-row counter and insert the events, in one
 *    statement. The counter's row lock is held until commit, so positions are handed out in commit
 *    order, and a rolled-back transaction gives its positions back: no gaps, and a reader can
 *    never see position n+1 before n is visible. The counter is locked last, as briefly as
 *    possible, and always after the stream row, so appends cannot deadlock each other.
 *
 * `pg_notify` in the same statement wakes subscribers in every process, and only on commit.
 */
export const appendEvents = async (
  client: ClientBase,
  ctx: AppendContext,
  input: ValidAppend,
  millis: number,
): Promise<AppendStep> => {
  const t = ctx.tables
  const { streamId, events, expected } = input
  const previous = await lockStream(client, t, streamId, events.length)
  if (!matchesExpected(expected, previous)) {
    return { commit: false, value: E.left(conflictError(streamId, expected, previous)) }
  }
  const lastGlobalPosition = await insertEvents(client, ctx, input, previous, millis)
  return {
    commit: true,
    value: E.right({
      nextExpectedStreamVersion: previous + events.length,
      lastGlobalPosition,
      createdNewStream: previous === 0,
    }),
  }
}

/**
 * Step 1 of an append: bumps the stream's version by `count` and returns the version it had,
 * holding the stream's row lock until the transaction ends.
 */
export const lockStream = async (client: ClientBase, t: Tables, streamId: string, count: number): Promise<number> => {
  const upserted = await client.query<{ previous: string }>(
    `INSERT INTO ${t.streams} AS s (stream_id, version) VALUES ($1, $2::bigint)
     ON CONFLICT (stream_id) DO UPDATE SET version = s.version + EXCLUDED.version
     RETURNING s.version - $2::bigint AS previous`,
    [streamId, count],
  )
  return Number(upserted.rows[0]?.previous)
}

/**
 * Step 2 of an append: takes global positions from the counter (its row lock is held until the
 * transaction ends) and inserts the events after stream version `previous`.
 * @returns the global position of the last event inserted
 */
export const insertEvents = async (
  client: ClientBase,
  ctx: AppendContext,
  input: ValidAppend,
  previous: number,
  millis: number,
): Promise<number> => {
  const t = ctx.tables
  const { streamId, events } = input
  const count = events.length
  const inserted = await client.query<{ last: string }>(
    `WITH pos AS (
       UPDATE ${t.position} SET last_position = last_position + $1::bigint WHERE id
       RETURNING last_position - $1::bigint AS base
     ), inserted AS (
       INSERT INTO ${t.events}
         (global_position, stream_id, stream_version, event_id, type, data, schema_version, recorded_at)
       SELECT pos.base + e.ord, $2, $3::bigint + e.ord, e.event_id, e.type, e.data, $7, $8::timestamptz
       FROM pos, unnest($4::text[], $5::text[], $6::json[]) WITH ORDINALITY AS e(event_id, type, data, ord)
     )
     SELECT pos.base + $1::bigint AS last, pg_notify($9, (pos.base + $1::bigint)::text) FROM pos`,
    [
      count,
      streamId,
      previous,
      events.map(() => ctx.newEventId(millis)),
      events.map((e) => e.type),
      events.map((e) => e.data),
      input.schemaVersion,
      new Date(millis).toISOString(),
      t.channel,
    ],
  )
  return Number(inserted.rows[0]?.last)
}
