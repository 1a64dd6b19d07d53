import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { describeThrown } from '../../domain/messages.ts'
import { sessionError, type SessionError } from '../../domain/errors.ts'
import { unusableClock } from '../append-refusal.ts'
import type { AnyEvent, EventStore } from '../event-store.ts'
import { subscribeOptionsOf } from '../handler-failure.ts'
import { createUlidFactory, isUlidTime } from '../ulid.ts'
import { appendEvents, appendNothing } from './append.ts'
import { CommitOutcomeUnknown, inTransaction } from './connection.ts'
import { migrate } from './migrations.ts'
import { startNotifier, type Notifier } from './notifier.ts'
import { readAll, readStream } from './read.ts'
import { runSubscription, type RunningSubscription } from './subscription.ts'
import { tablesFor } from './tables.ts'
import { validateAppend } from './validate-append.ts'

/**
 * Options of `createPostgresEventStore`: a pool or a connection string, and the schema.
 * @since 0.1.0
 * @category store
 */
export interface PostgresEventStoreOptions {
  /** a pool to borrow: the store never ends it (`close` leaves it open) */
  readonly pool?: pg.Pool
  /** used when no `pool` is given: the store creates its own pool and ends it on `close` */
  readonly connectionString?: string
  /** size of the pool the store creates (10 by default) */
  readonly maxConnections?: number
  /** the PostgreSQL schema holding the store's tables, created on first use ('cartfold' by default) */
  readonly schema?: string
  /** the source of `recordedAt` (the system clock by default) */
  readonly clock?: () => Date
  /** longest wait of a subscription between two reads when no notification arrives (500 ms) */
  readonly pollIntervalMs?: number
  /** events a subscription reads per query (500) */
  readonly subscriptionBatchSize?: number
}

/**
 * The PostgreSQL event store: the `EventStore` contract, plus `migrate` and `close`.
 * @since 0.1.0
 * @category store
 */
export interface PostgresEventStore<E extends AnyEvent = AnyEvent> extends EventStore<E> {
  /** creates or upgrades the schema now (otherwise done on first use); returns the versions applied */
  readonly migrate: () => Promise<ReadonlyArray<number>>
  /** stops subscriptions and the LISTEN connection, and ends the pool if the store created it */
  readonly close: () => Promise<void>
}

const unavailable = (streamId: string, error: unknown): SessionError =>
  sessionError(
    'StoreUnavailable',
    error instanceof CommitOutcomeUnknown
      ? `appendToStream for stream ${streamId}: ${error.message}; the events may or may not have been appended, read the stream before retrying`
      : `appendToStream for stream ${streamId} failed and nothing was appended: ${describeThrown(error)}`,
    { sessionId: streamId, action: 'appendToStream' },
  )

/**
 * An {@link EventStore} on PostgreSQL, for several processes sharing one log. Same contract as
 * the in-memory store; see docs/postgres.md for the schema and why the global log cannot skip.
 *
 * @example
 * const store = createPostgresEventStore({ connectionString: process.env.DATABASE_URL })
 * await store.appendToStream('session-1', [{ type: 'Created', data: { at: '2024-01-01T00:00:00Z' } }])
 * await store.close()
 * @since 0.1.0
 * @category store
 */
export const createPostgresEventStore = <E extends AnyEvent = AnyEvent>(
  options: PostgresEventStoreOptions,
): PostgresEventStore<E> => {
  const tables = tablesFor(options.schema ?? 'cartfold')
  if (options.pool === undefined && typeof options.connectionString !== 'string') {
    throw new TypeError('createPostgresEventStore: give either `pool` or `connectionString`')
  }
  const ownsPool = options.pool === undefined
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      // an unreachable (not refusing) server must become StoreUnavailable, not a hang
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    })
  // an idle connection closed by the server (a restart) is dropped by the pool; without a
  // listener its 'error' event would crash the process
  if (ownsPool) pool.on('error', () => {})
  const clock = options.clock ?? (() => new Date())
  const pollIntervalMs = options.pollIntervalMs ?? 500
  const batchSize = options.subscriptionBatchSize ?? 500
  const ctx = { tables, newEventId: createUlidFactory() }

  let closed = false
  let migration: Promise<ReadonlyArray<number>> | undefined
  const ready = (): Promise<ReadonlyArray<number>> => {
    if (closed) return Promise.reject(new Error('the PostgreSQL event store is closed'))
    migration ??= migrate(pool, tables).catch((error: unknown) => {
      migration = undefined // try again on next use: the server may be back
      throw error
    })
    return migration
  }

  const subscriptions = new Set<RunningSubscription>()
  let notifier: Notifier | undefined
  const wakeAll = (): void => subscriptions.forEach((s) => s.wake())

  const readAllAfter = async (after: number, maxCount: number) => {
    await ready()
    return readAll<E>(pool, tables, { after, maxCount })
  }

  const store: PostgresEventStore<E> = {
    migrate: ready,

    appendToStream: async (streamId, events, appendOptions) => {
      const valid = validateAppend(streamId, events, appendOptions)
      if (E.isLeft(valid)) return valid
      if (valid.right.events.length === 0) {
        try {
          await ready()
          return await appendNothing(pool, tables, streamId, valid.right.expected)
        } catch (error) {
          return E.left(unavailable(streamId, error))
        }
      }
      const millis = clock().getTime()
      if (!isUlidTime(millis)) return E.left(unusableClock(streamId, millis))
      try {
        await ready()
        const result = await inTransaction(pool, (client) => appendEvents(client, ctx, valid.right, millis))
        if (E.isRight(result)) wakeAll()
        return result
      } catch (error) {
        return E.left(unavailable(streamId, error))
      }
    },

    readStream: async (streamId, readOptions) => {
      await ready()
      return readStream<E>(pool, tables, streamId, readOptions)
    },

    aggregateStream: async (streamId, { initialState, evolve, read }) => {
      const { events, currentStreamVersion, streamExists } = await store.readStream(streamId, read)
      let state = initialState
      for (const event of events) state = evolve(state, event)
      return { state, currentStreamVersion, streamExists }
    },

    readAll: async (readOptions) => {
      await ready()
      return readAll<E>(pool, tables, readOptions)
    },

    subscribe: (handler, subscribeOptions) => {
      if (closed) throw new Error('the PostgreSQL event store is closed')
      const options = subscribeOptionsOf(subscribeOptions)
      if (options === undefined) return { unsubscribe: () => {} }
      const subscription = runSubscription<E>(
        { readAll: readAllAfter, pollIntervalMs, batchSize, onHandlerError: options.report },
        handler,
        options.after,
      )
      subscriptions.add(subscription)
      notifier ??= startNotifier(pool, tables.channel, wakeAll, pollIntervalMs)
      const forget = (): void => {
        if (!subscriptions.delete(subscription) || subscriptions.size > 0) return
        const stopping = notifier
        notifier = undefined
        void stopping?.stop()
      }
      void subscription.done.then(forget)
      return {
        unsubscribe: () => {
          subscription.unsubscribe()
          forget()
        },
      }
    },

    close: async () => {
      if (closed) return
      closed = true
      const running = [...subscriptions]
      running.forEach((s) => s.unsubscribe())
      await Promise.all(running.map((s) => s.done))
      subscriptions.clear()
      await notifier?.stop()
      notifier = undefined
      await migration?.catch(() => undefined)
      if (ownsPool) await pool.end()
    },
  }
  return store
}
