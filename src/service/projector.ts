import { describeThrown } from '../domain/describe-thrown.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { SessionState } from '../domain/state.ts'
import type { AnyEvent, AppendResult, RecordedEvent } from '../store/event-store.ts'
import type { SessionReadModel } from './session-read-model.ts'
import type { SessionStore } from './session-store.ts'

/**
 * Keeps the read models in step with the store, in global order, each event applied once.
 *
 * - A subscription from position 0 applies other writers' events as they arrive.
 * - `catchUp` reads everything after the checkpoint with `readAll` and applies it in one batch:
 *   it is what makes a read, or a decision, as fresh as the store.
 * - The service's own appends are applied by `settle`, with the state the service already folded
 *   (no second fold), before `execute` returns: read-your-writes. While such an append is in
 *   flight, the subscription waits for it instead of folding the same events itself.
 *
 * The checkpoint only moves by whole contiguous runs, so whichever path applies an event first,
 * the others skip it. `settle` relies on an append's events having consecutive global positions
 * (they are written in one commit, and positions have no gaps, in commit order).
 * @since 0.1.0
 * @category service
 */
export interface Projector {
  /** applies everything the store held when called */
  readonly catchUp: () => Promise<void>
  /** marks an append to `streamId` as in flight (one at a time per stream: the service queues them) */
  readonly beginAppend: (streamId: string) => void
  /** the append to `streamId` has settled: the subscription may go on with that stream */
  readonly endAppend: (streamId: string) => void
  /** applies the service's own successful append (catching up first when others came between) */
  readonly settle: (
    streamId: string,
    fromVersion: number,
    events: ReadonlyArray<SessionEvent>,
    state: SessionState,
    result: AppendResult,
  ) => Promise<void>
  readonly stop: () => void
}

const PAGE = 10_000

/** @since 0.1.0 @category service */
export const createProjector = (
  store: SessionStore,
  sessions: SessionReadModel,
  warn: (message: string) => void,
): Projector => {
  let checkpoint = 0
  /** streams with an append in flight, and the subscription's deliveries waiting for it (if any) */
  const inFlight = new Map<string, Array<() => void> | null>()

  /** Applies the part of a contiguous run that is new. */
  const applyRun = (events: ReadonlyArray<RecordedEvent<AnyEvent>>): void => {
    let start = 0
    while (start < events.length && events[start]!.metadata.globalPosition <= checkpoint) start++
    if (start === events.length) return
    const fresh = start === 0 ? events : events.slice(start)
    sessions.applyRecorded(fresh)
    checkpoint = fresh[fresh.length - 1]!.metadata.globalPosition
  }

  const readOnce = async (): Promise<void> => {
    for (;;) {
      const page: ReadonlyArray<RecordedEvent<AnyEvent>> = await store.readAll({ after: checkpoint, maxCount: PAGE })
      applyRun(page)
      if (page.length < PAGE) return
    }
  }

  // One read at a time; a caller arriving during a read waits for the next one, which starts
  // after it arrived and so sees everything appended before its call.
  let running: Promise<void> | undefined
  let queued: Promise<void> | undefined
  const catchUp = (): Promise<void> => {
    if (running === undefined) {
      running = readOnce().finally(() => {
        running = undefined
      })
      return running
    }
    queued ??= running.then(
      () => {
        queued = undefined
        return catchUp()
      },
      () => {
        queued = undefined
        return catchUp()
      },
    )
    return queued
  }

  const onEvent = (event: RecordedEvent<AnyEvent>): void | Promise<void> => {
    const position = event.metadata.globalPosition
    if (position <= checkpoint) return
    const streamId = event.metadata.streamId
    const pending = inFlight.get(streamId)
    if (pending !== undefined) {
      const waiters = pending ?? []
      if (pending === null) inFlight.set(streamId, waiters)
      return new Promise<void>((resolve) => waiters.push(resolve)).then(() => onEvent(event))
    }
    if (position === checkpoint + 1) applyRun([event])
    // A gap cannot come from an in-order subscription; if a store misbehaves, read instead.
    else return catchUp().catch((error: unknown) => warn(`cartfold: read model catch-up failed: ${describeThrown(error)}`))
  }
  const subscription = store.subscribe(onEvent, {
    after: 0,
    // The read models still catch up before every read; the warning says live updates stopped.
    onError: (error, event) => warn(`cartfold: the read models' subscription stopped at global position ${event.metadata.globalPosition}: ${describeThrown(error)}`),
  })

  // No promise unless a delivery actually has to wait: most appends settle before their events
  // reach the subscription.
  const beginAppend = (streamId: string): void => {
    inFlight.set(streamId, null)
  }
  const endAppend = (streamId: string): void => {
    const waiters = inFlight.get(streamId)
    inFlight.delete(streamId)
    if (waiters) for (const resolve of waiters) resolve()
  }

  const settle = async (
    streamId: string,
    fromVersion: number,
    events: ReadonlyArray<SessionEvent>,
    state: SessionState,
    result: AppendResult,
  ): Promise<void> => {
    const last = result.lastGlobalPosition
    if (checkpoint >= last) return
    if (checkpoint === last - events.length && (sessions.entry(streamId)?.version ?? 0) === fromVersion) {
      sessions.adopt(streamId, events, state, last)
      checkpoint = last
      return
    }
    // A catch-up started now reads past `last`: the append has committed.
    await catchUp()
  }

  return { catchUp, beginAppend, endAppend, settle, stop: () => subscription.unsubscribe() }
}
