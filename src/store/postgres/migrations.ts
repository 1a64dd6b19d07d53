import type { Pool } from 'pg'
import { inTransaction } from './connection.ts'
import type { Tables } from './tables.ts'

/**
 * One schema change. Applied migrations are recorded in `cartfold_migrations` and never edited:
 * a change to the schema is a new entry at the end of the list.
 */
export interface Migration {
  readonly version: number
  readonly name: string
  /** the SQL of the change, given the schema-qualified table names */
  readonly sql: (t: Tables) => string
}

/** The store's schema changes, in the order they are applied. @since 0.1.0 @category store */
export const migrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'streams, events and the global position counter',
    sql: (t) => `
      CREATE TABLE ${t.streams} (
        stream_id text PRIMARY KEY,
        version bigint NOT NULL CHECK (version > 0)
      );
      CREATE TABLE ${t.events} (
        global_position bigint PRIMARY KEY CHECK (global_position > 0),
        stream_id text NOT NULL,
        stream_version bigint NOT NULL CHECK (stream_version > 0),
        event_id text NOT NULL,
        type text NOT NULL,
        data json,
        schema_version integer NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      CREATE TABLE ${t.position} (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last_position bigint NOT NULL
      );
      INSERT INTO ${t.position} (id, last_position) VALUES (true, 0);
    `,
  },
]

/** Key space of the advisory lock that serialises migrators (any constant unlikely elsewhere). */
const MIGRATION_LOCK_CLASS = 0x63617274 // 'cart'

/**
 * Brings the schema up to the latest migration. Safe to run again, and from several processes at
 * once: everything happens in one transaction that first takes a transaction-scoped advisory lock
 * for this schema, so a second migrator waits, then finds the work done. DDL is transactional in
 * PostgreSQL, so a failed migration leaves nothing behind.
 * @returns the versions applied by this call (empty when the schema was already current)
 */
export const migrate = (pool: Pool, t: Tables): Promise<ReadonlyArray<number>> =>
  inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, t.schemaName])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.migrations} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    )
    const done = await client.query<{ version: number }>(`SELECT version FROM ${t.migrations}`)
    const applied = new Set(done.rows.map((r) => r.version))
    const pending = migrations.filter((m) => !applied.has(m.version))
    for (const m of pending) {
      await client.query(m.sql(t))
      await client.query(`INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`, [m.version, m.name])
    }
    return { commit: true, value: pending.map((m) => m.version) }
  })
