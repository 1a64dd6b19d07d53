import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createKeyedQueue } from '../../src/service/keyed-queue.ts'

const test = suite('keyed queue')

test('a key kept busy (jobs queued while others run, compacted as it goes) runs every job once, in order', async () => {
  const queue = createKeyedQueue()
  const ran: number[] = []
  const results: Array<Promise<number>> = []
  let n = 0
  const enqueue = (): void => {
    const i = n++
    results.push(
      queue.run('k', async () => {
        ran.push(i)
        // while this one runs, two more arrive: the queue never empties until the end
        if (n < 5000) {
          enqueue()
          enqueue()
        }
        await Promise.resolve()
        if (i % 7 === 0) throw new Error(`job ${i}`)
        return i
      }),
    )
  }
  enqueue()
  // jobs queued while others settle: wait until none is left unsettled
  let settled: PromiseSettledResult<number>[] = []
  while (settled.length < results.length) settled = await Promise.allSettled([...results])
  assert.is(ran.length, n)
  assert.equal(ran, Array.from({ length: n }, (_, i) => i))
  assert.is(settled.filter((r) => r.status === 'rejected').length, settled.filter((_, i) => i % 7 === 0).length)
})

test.run()
