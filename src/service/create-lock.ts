import { createKeyedQueue, type KeyedQueue } from './keyed-queue.ts'

const locks = new WeakMap<object, KeyedQueue>()

/**
 * Creates take one session number each, in creation order, so they run one at a time: per
 * store object, so that service instances sharing a store in one process (tests, workers
 * with one in-memory store) take turns too. Across processes the store is the only judge; see
 * `docs/embedding.md`.
 */
export const createLockFor = (store: object): (<A>(task: () => Promise<A>) => Promise<A>) => {
  let queue = locks.get(store)
  if (queue === undefined) {
    queue = createKeyedQueue()
    locks.set(store, queue)
  }
  const shared = queue
  return (task) => shared.run('create', task)
}
