import type { AnyEvent, RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.ts'

export interface SubscriptionDeps<E extends AnyEvent> {
  readonly readAll: (after: number, maxCount: number) => Promise<ReadonlyArray<RecordedEvent<E>>>
  /** longest wait between two reads when no notification arrives */
  readonly pollIntervalMs: number
  readonly batchSize: number
  /** a handler threw: the subscription has stopped at `event`, which was not acknowledged */
  readonly onHandlerError: (error: unknown, event: RecordedEvent<E>) => void
}

export interface RunningSubscription extends Subscription {
  /** something was appended: read again now rather than at the next poll */
  readonly wake: () => void
  /** settles once the loop has stopped (after an unsubscribe, the handler call in flight ends first) */
  readonly done: Promise<void>
}

/**
 * Catch-up then live delivery as one loop: read a batch after the last handled position, hand each
 * event to the handler and await it, advance the position, and when the batch was not full, sleep
 * until woken (a NOTIFY or a local append) or until the poll interval passes. The position only
 * moves after the handler returns, and only this loop moves it, so each event is delivered once,
 * in order. A failed read (the server is down) is retried at the poll interval.
 */
export const runSubscription = <E extends AnyEvent>(
  deps: SubscriptionDeps<E>,
  handler: SubscriptionHandler<E>,
  after: number,
): RunningSubscription => {
  let active = true
  let pending = false
  let release: (() => void) | undefined

  const wake = (): void => {
    pending = true
    release?.()
  }
  const sleep = (): Promise<void> =>
    pending
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => release?.(), deps.pollIntervalMs)
          release = () => {
            clearTimeout(timer)
            release = undefined
            resolve()
          }
        })

  const loop = async (): Promise<void> => {
    let position = after
    while (active) {
      pending = false
      let batch: ReadonlyArray<RecordedEvent<E>>
      try {
        batch = await deps.readAll(position, deps.batchSize)
      } catch {
        pending = false // back off for a full interval: the server may be down
        await sleep()
        continue
      }
      for (const event of batch) {
        if (!active) return
        try {
          await handler(event)
        } catch (error) {
          active = false
          deps.onHandlerError(error, event)
          return
        }
        position = event.metadata.globalPosition
      }
      if (batch.length < deps.batchSize) await sleep()
    }
  }

  const done = loop()
  return {
    wake,
    done,
    unsubscribe: () => {
      active = false
      wake()
    },
  }
}
