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

/** The projector's bookkeeping. */
interface Progress {
  readonly store: SessionStore
  readonly sessions: SessionReadModel
  readonly warn: (message: string) => void
  /** the global position of the last event applied */
  checkpoint: number
  /** streams with an append in flight, and the subscription's deliveries waiting for it (if any) */
  readonly inFlight: Map<string, Array<() => void> | null>
  /** the read under way, and the one queued behind it */
  running: Promise<void> | undefined
  queued: Promise<void> | undefined
}

/** Applies the part of a contiguous run that is new. */
const applyRun = (p: Progress, events: ReadonlyArray<RecordedEvent<AnyEvent>>): void => {
  let start = 0
  while (start < events.length && events[start]!.metadata.globalPosition <= p.checkpoint) start++
  if (start === events.length) return
  const fresh = start === 0 ? events : events.slice(start)
  p.sessions.applyRecorded(fresh)
  p.checkpoint = fresh[fresh.length - 1]!.metadata.globalPosition
}

const readOnce = async (p: Progress): Promise<void> => {
  for (;;) {
    const page: ReadonlyArray<RecordedEvent<AnyEvent>> = await p.store.readAll({ after: p.checkpoint, maxCount: PAGE })
    applyRun(p, page)
    if (page.length < PAGE) return
  }
}

/**
 * One read at a time; a caller arriving during a read waits for the next one, which starts
 * after it arrived and so sees everything appended before its call.
 */
const catchUp = (p: Progress): Promise<void> => {
  if (p.running === undefined) {
    p.running = readOnce(p).finally(() => {
      p.running = undefined
    })
    return p.running
  }
  const next = () => {
    p.queued = undefined
    return catchUp(p)
  }
  p.queued ??= p.running.then(next, next)
  return p.queued
}

/** The subscription's delivery: waits for the stream's append in flight, if any. */
const onEvent = (p: Progress, event: RecordedEvent<AnyEvent>): void | Promise<void> => {
  const position = event.metadata.globalPosition
  if (position <= p.checkpoint) return
  const streamId = event.metadata.streamId
  const pending = p.inFlight.get(streamId)
  if (pending !== undefined) {
    const waiters = pending ?? []
    if (pending === null) p.inFlight.set(streamId, waiters)
    return new Promise<void>((resolve) => waiters.push(resolve)).then(() => onEvent(p, event))
  }
  if (position === p.checkpoint + 1) applyRun(p, [event])
  // A gap cannot come from an in-order subscription; if a store misbehaves, read instead.
  else return catchUp(p).catch((error: unknown) => p.warn(`cartfold: read model catch-up failed: ${describeThrown(error)}`))
}

const settle = async (
  p: Progress,
  streamId: string,
  fromVersion: number,
  events: ReadonlyArray<SessionEvent>,
  state: SessionState,
  result: AppendResult,
): Promise<void> => {
  const last = result.lastGlobalPosition
  if (p.checkpoint >= last) return
  if (p.checkpoint === last - events.length && (p.sessions.entry(streamId)?.version ?? 0) === fromVersion) {
    p.sessions.adopt(streamId, events, state, last)
    p.checkpoint = last
    return
  }
  // A catch-up started now reads past `last`: the append has committed.
  await catchUp(p)
}

/** @since 0.1.0 @category service */
export const createProjector = (
  store: SessionStore,
  sessions: SessionReadModel,
  warn: (message: string) => void,
): Projector => {
  const p: Progress = { store, sessions, warn, checkpoint: 0, inFlight: new Map(), running: undefined, queued: undefined }
  const subscription = store.subscribe((event) => onEvent(p, event), {
    after: 0,
    // The read models still catch up before every read; the warning says live updates stopped.
    onError: (error, event) => warn(`cartfold: the read models' subscription stopped at global position ${event.metadata.globalPosition}: ${describeThrown(error)}`),
  })
  return {
    catchUp: () => catchUp(p),
    // No promise unless a delivery actually has to wait: most appends settle before their events
    // reach the subscription.
    beginAppend: (streamId) => {
      p.inFlight.set(streamId, null)
    },
    endAppend: (streamId) => {
      const waiters = p.inFlight.get(streamId)
      p.inFlight.delete(streamId)
      if (waiters) for (const resolve of waiters) resolve()
    },
    settle: (...args) => settle(p, ...args),
    stop: () => subscription.unsubscribe(),
  }
}
