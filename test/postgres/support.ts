import pg from 'pg'
import { suite } from 'uvu'
import { createPostgresEventStore, type PostgresEventStore, type PostgresEventStoreOptions } from '../../src/store/postgres/index.ts'

/** The server the PostgreSQL tests run against; unset means they are skipped. */
export const pgUrl: string | undefined = process.env.CARTFOLD_PG_URL || undefined

/**
 * Prints why a PostgreSQL test file is not running, so a skip is never silent, and counts the
 * file as one skipped test in uvu's summary (`Skipped: N`).
 */
export const skipNotice = (what: string, reason = 'CARTFOLD_PG_URL is not set'): void => {
  console.log(`\n  [skipped] ${what}: ${reason}. Run them with: scripts/with-postgres.sh npm test\n`)
  const skipped = suite(what)
  skipped.skip(reason, () => {})
  skipped.run()
}

let counter = 0
/** A schema name of its own for each store a test makes, so runs and tests never share data. */
export const freshSchema = (label: string): string =>
  `t_${label}_${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`

export const makeStore = (
  schema = freshSchema('store'),
  options: Partial<PostgresEventStoreOptions> = {},
): PostgresEventStore => createPostgresEventStore({ connectionString: pgUrl!, schema, pollIntervalMs: 50, ...options })

/** A bare client, for looking at the tables directly. */
export const rawClient = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: pgUrl })
  client.on('error', () => {})
  await client.connect()
  return client
}

export const dropSchema = async (schema: string): Promise<void> => {
  const client = await rawClient()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

/** Resolves once `predicate` holds, checking every 10 ms; fails after `timeoutMs`. */
export const eventually = async (predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
