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

/** One key's waiting jobs: a plain array with a read index, no promise chain that grows with it. */
interface Jobs {
  readonly jobs: Array<() => Promise<void>>
  next: number
}

/** Runs the jobs of one key in turn, then forgets the key. */
const drain = async (queues: Map<string, Jobs>, key: string, queue: Jobs): Promise<void> => {
  while (queue.next < queue.jobs.length) {
    const job = queue.jobs[queue.next]!
    queue.jobs[queue.next] = undefined as never
    queue.next++
    // A busy key may never empty: drop the run part once it is half the array, so the array
    // stays as long as the jobs waiting (twice at most), not as long as every job ever queued.
    if (queue.next > 32 && queue.next * 2 >= queue.jobs.length) {
      queue.jobs.splice(0, queue.next)
      queue.next = 0
    }
    await job()
  }
  queues.delete(key)
}

/** @since 0.1.0 @category service */
export const createKeyedQueue = (): KeyedQueue => {
  const queues = new Map<string, Jobs>()
  const run = <A>(key: string, task: () => Promise<A>): Promise<A> => {
    const queue = queues.get(key)
    if (queue === undefined) {
      // Nobody waiting on this key: run now, and drain whatever queues up behind it afterwards.
      const fresh: Jobs = { jobs: [], next: 0 }
      queues.set(key, fresh)
      const result = task()
      const next = (): Promise<void> => drain(queues, key, fresh)
      result.then(next, next)
      return result
    }
    return new Promise<A>((resolve, reject) => {
      queue.jobs.push(() => task().then(resolve, reject))
    })
  }
  return { run }
}
