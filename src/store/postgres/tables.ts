/**
 * Where one store lives: every table name, the NOTIFY channel and the migration lock key are
 * derived from the schema name here, quoted once, so no other file builds an identifier.
 */
export interface Tables {
  readonly schemaName: string
  /** the quoted schema, e.g. `"cartfold"` */
  readonly schema: string
  readonly migrations: string
  readonly streams: string
  readonly events: string
  /** the single-row counter that hands out global positions */
  readonly position: string
  /** NOTIFY channel, passed as a value to pg_notify and quoted for LISTEN */
  readonly channel: string
}

const MAX_IDENTIFIER_BYTES = 63

/** Quotes an SQL identifier (doubling embedded quotes), so any schema name is safe. */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** @throws TypeError when the schema name is empty or longer than PostgreSQL keeps (63 bytes) */
export const tablesFor = (schemaName: string): Tables => {
  if (
    typeof schemaName !== 'string' ||
    schemaName.length === 0 ||
    Buffer.byteLength(schemaName) > MAX_IDENTIFIER_BYTES - 'cartfold:'.length
  ) {
    throw new TypeError(
      `createPostgresEventStore: schema must be a non-empty name of at most ${MAX_IDENTIFIER_BYTES - 9} bytes, got ${JSON.stringify(schemaName)}`,
    )
  }
  const schema = quoteIdentifier(schemaName)
  return {
    schemaName,
    schema,
    migrations: `${schema}.cartfold_migrations`,
    streams: `${schema}.streams`,
    events: `${schema}.events`,
    position: `${schema}.global_position`,
    channel: `cartfold:${schemaName}`,
  }
}
