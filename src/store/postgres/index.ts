/**
 * The PostgreSQL event store, with the contract of the in-memory one.
 * @module cartfold/postgres
 */
export {
  createPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './store.ts'
export { migrations, type Migration } from './migrations.ts'
