/**
 * Runs tasks one after another per key, in arrival order; tasks of different keys run
 * concurrently. A task that rejects does not stop the queue: its caller gets the rejection and
 * the next task runs. A key's queue is dropped when it empties, so idle sessions cost nothing.
 * @since 0.1.0
 * @category service
 */
export interface KeyedQueue {
  readonly run: <A>(key: string, task: () => Promise<A>) => Promise<A>
}

/** @since 0.1.0 @category service */
export const createKeyedQueue = (): KeyedQueue => {
  // A plain array per key with a read index: no promise chain that grows with the queue.
  const queues = new Map<string, { jobs: Array<() => Promise<void>>; next: number }>()

  const drain = async (key: string, queue: { jobs: Array<() => Promise<void>>; next: number }): Promise<void> => {
    while (queue.next < queue.jobs.length) {
      const job = queue.jobs[queue.next]!
      queue.jobs[queue.next] = undefined as never
      queue.next++
      await job()
    }
    queues.delete(key)
  }

  const run = <A>(key: string, task: () => Promise<A>): Promise<A> =>
    new Promise<A>((resolve, reject) => {
      const job = async (): Promise<void> => {
        try {
          resolve(await task())
        } catch (error) {
          reject(error)
        }
      }
      const queue = queues.get(key)
      if (queue !== undefined) queue.jobs.push(job)
      else {
        const fresh = { jobs: [job], next: 0 }
        queues.set(key, fresh)
        void drain(key, fresh)
      }
    })

  return { run }
}
