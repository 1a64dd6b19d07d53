import type { Pool, PoolClient } from 'pg'
import { describeThrown } from '../../domain/messages.ts'

const ignore = (): void => {}

/**
 * Runs `work` on a client checked out of the pool and gives it back. A checked-out client whose
 * connection dies between two queries emits 'error', which would crash the process without a
 * listener (node-postgres only listens on idle clients): one is attached for the loan. A client
 * that saw an error is destroyed rather than returned, so a broken connection (a server restart)
 * is never handed out again.
 */
const withClient = async <A>(pool: Pool, work: (client: PoolClient) => Promise<A>): Promise<A> => {
  const client = await pool.connect()
  client.on('error', ignore)
  try {
    const result = await work(client)
    client.off('error', ignore)
    client.release()
    return result
  } catch (error) {
    client.off('error', ignore)
    client.release(true)
    throw error
  }
}

/** A refused outcome whose ROLLBACK failed: thrown so that the broken client is destroyed. */
class RefusedOnBrokenClient {
  constructor(readonly value: unknown) {}
}

/**
 * Runs `work` inside one transaction. `work` returns `commit: false` to roll back (a refused
 * append) without throwing.
 */
export const inTransaction = <A>(
  pool: Pool,
  work: (client: PoolClient) => Promise<{ readonly commit: boolean; readonly value: A }>,
): Promise<A> =>
  withClient(pool, async (client): Promise<A> => {
    await client.query('BEGIN')
    let outcome: { readonly commit: boolean; readonly value: A }
    try {
      outcome = await work(client)
    } catch (error) {
      await client.query('ROLLBACK').catch(ignore)
      throw error
    }
    if (!outcome.commit) {
      // Nothing was written, so the refusal (a ConcurrencyConflict) stands even if the ROLLBACK
      // fails: the server ends a transaction whose connection breaks. Thrown past `withClient`
      // so that it destroys the client rather than lend a broken one again.
      await client.query('ROLLBACK').catch(() => {
        throw new RefusedOnBrokenClient(outcome.value)
      })
      return outcome.value
    }
    try {
      await client.query('COMMIT')
    } catch (error) {
      throw new CommitOutcomeUnknown(error)
    }
    return outcome.value
  }).catch((error: unknown) => {
    if (error instanceof RefusedOnBrokenClient) return error.value as A
    throw error
  })

/**
 * COMMIT was sent but its answer never came (the connection broke): the transaction may or may
 * not have been committed, and only reading the data again can tell.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(override readonly cause: unknown) {
    super(`the connection failed during COMMIT: ${describeThrown(cause)}`)
    this.name = 'CommitOutcomeUnknown'
  }
}
