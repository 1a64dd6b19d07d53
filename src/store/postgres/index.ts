export {
  createPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './store.ts'
export { migrations, type Migration } from './migrations.ts'
