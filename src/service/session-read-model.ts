import { describeThrown } from '../domain/describe-thrown.ts'
import type { SessionEvent } from '../domain/events.ts'
import { initialState, type SessionState } from '../domain/state.ts'
import type { AnyEvent, RecordedEvent } from '../store/event-store.ts'
import { isObject } from './arguments.ts'
import { fold } from '../domain/evolve.ts'
import type { ProfileReadModel } from '../domain/profiles.ts'

/**
 * One session as the read model holds it: its folded state and the stream version it is at. The
 * state never changes once folded (`fold` writes only into its own copy): results computed from it later see it as it was.
 */
export interface SessionEntry {
  readonly streamId: string
  state: SessionState
  /** the stream version `state` is the fold of */
  version: number
  /** ordering keys for `list`, fixed by `Created` */
  createdMs: number
  createdPosition: number
}

/**
 * The sessions read model: every session's state and stream version, an index in creation order
 * for `list`, and the count of `Created` events that numbers new sessions. It is fed in global
 * order by the projector (catch-up, subscription) or, for the service's own appends, handed the
 * state the service already folded, so that a command is folded once.
 * @since 0.1.0
 * @category service
 */
export interface SessionReadModel {
  readonly entry: (streamId: string) => SessionEntry | undefined
  /** sessions in creation order (oldest first): `created`, then `id`, then global position */
  readonly inCreationOrder: () => ReadonlyArray<SessionEntry>
  /** the id the next session gets: one more than the `Created` events seen (or the highest id) */
  readonly nextSessionId: () => number
  /** applies recorded events, contiguous and in global order */
  readonly applyRecorded: (events: ReadonlyArray<RecordedEvent<AnyEvent>>) => void
  /**
   * Takes the result of the service's own append: `events` were appended to `streamId` after
   * version `fromVersion`, ending at global position `lastGlobalPosition`, and fold into `state`.
   */
  readonly adopt: (streamId: string, events: ReadonlyArray<SessionEvent>, state: SessionState, lastGlobalPosition: number) => void
}

/**
 * The store holds what the service (or a validated log import) wrote: its events are trusted to be
 * session events rather than decoded again, and the fold is total over anything else.
 */
const asSessionEvent = (event: AnyEvent): SessionEvent => event as SessionEvent

const createdMsOf = (at: unknown): number => {
  const ms = typeof at === 'string' ? Date.parse(at) : NaN
  return Number.isNaN(ms) ? 0 : ms
}

const before = (a: SessionEntry, b: SessionEntry): boolean =>
  a.createdMs !== b.createdMs
    ? a.createdMs < b.createdMs
    : a.state.id !== b.state.id
      ? a.state.id < b.state.id
      : a.createdPosition < b.createdPosition

/** The read model's tables and counters. */
interface Model {
  readonly profiles: ProfileReadModel
  readonly warn: (message: string) => void
  readonly entries: Map<string, SessionEntry>
  /** in creation order */
  readonly ordered: SessionEntry[]
  createdCount: number
  maxId: number
}

const entryFor = ({ entries }: Model, streamId: string): SessionEntry => {
  let entry = entries.get(streamId)
  if (entry === undefined) {
    entry = { streamId, state: initialState, version: 0, createdMs: 0, createdPosition: 0 }
    entries.set(streamId, entry)
  }
  return entry
}

// Sessions are mostly created in clock order, so the insertion point is almost always the end.
const insertOrdered = ({ ordered }: Model, entry: SessionEntry): void => {
  let lo = 0
  let hi = ordered.length
  if (hi === 0 || before(ordered[hi - 1]!, entry)) {
    ordered.push(entry)
    return
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(ordered[mid]!, entry)) lo = mid + 1
    else hi = mid
  }
  ordered.splice(lo, 0, entry)
}

/** What `Created` and `Updated` tell the profiles and the numbering, in global order. */
const noteEvent = (m: Model, streamId: string, event: AnyEvent, position: number): SessionEntry | undefined => {
  const data = event.data
  if (!isObject(data)) return undefined
  if (event.type === 'Created') {
    m.createdCount++
    const id = data.id
    if (typeof id === 'number') {
      // Two service processes deciding creates at the same moment can both take the same
      // number (the store checks versions per stream only): say so rather than stay silent.
      if (id <= m.maxId) m.warn(`cartfold: session ${JSON.stringify(streamId)} was created with id ${id}, not above the highest id so far (${m.maxId})`)
      else m.maxId = id
    }
    if (typeof data.profileId === 'string') m.profiles.appear(data.profileId)
    const entry = entryFor(m, streamId)
    // A second `Created` in one stream (not written by a decider) must not list it twice.
    if (entry.createdPosition !== 0) return undefined
    entry.createdMs = createdMsOf(data.at)
    entry.createdPosition = position
    return entry
  }
  if (event.type === 'Updated' && typeof data.profileId === 'string') m.profiles.appear(data.profileId)
  return undefined
}

/**
 * The slow path, for a batch holding an event that cannot be folded: the store may hold events
 * another process or tool wrote, and one bad event must not stop the read models.
 */
const foldSkippingBad = (m: Model, streamId: string, events: ReadonlyArray<SessionEvent>, state: SessionState): SessionState => {
  let current = state
  for (const event of events) {
    try {
      current = fold([event], current)
    } catch (error) {
      const version = (event as Partial<RecordedEvent<AnyEvent>>).metadata?.streamVersion
      m.warn(`cartfold: the read model could not fold stream ${JSON.stringify(streamId)} at version ${String(version)}, and skipped the event: ${describeThrown(error)}`)
    }
  }
  return current
}

/** Bookkeeping in global order, then one fold per stream for the whole batch. */
const applyRecorded = (m: Model, events: ReadonlyArray<RecordedEvent<AnyEvent>>): void => {
  const byStream = new Map<string, { events: SessionEvent[]; version: number }>()
  const created: SessionEntry[] = []
  for (const event of events) {
    const { streamId, streamVersion, globalPosition } = event.metadata
    const entry = noteEvent(m, streamId, event, globalPosition)
    if (entry !== undefined) created.push(entry)
    const run = byStream.get(streamId)
    if (run === undefined) byStream.set(streamId, { events: [asSessionEvent(event)], version: streamVersion })
    else {
      run.events.push(asSessionEvent(event))
      run.version = streamVersion
    }
  }
  for (const [streamId, run] of byStream) {
    const entry = entryFor(m, streamId)
    try {
      entry.state = fold(run.events, entry.state)
    } catch {
      entry.state = foldSkippingBad(m, streamId, run.events, entry.state)
    }
    entry.version = run.version
  }
  // Indexed after the fold, which sets the `id` the order compares.
  for (const entry of created) insertOrdered(m, entry)
}

const adopt = (m: Model, streamId: string, events: ReadonlyArray<SessionEvent>, state: SessionState, lastGlobalPosition: number): void => {
  const first = lastGlobalPosition - events.length + 1
  let createdEntry: SessionEntry | undefined
  events.forEach((event, i) => {
    createdEntry = noteEvent(m, streamId, event, first + i) ?? createdEntry
  })
  const entry = entryFor(m, streamId)
  entry.state = state
  entry.version += events.length
  if (createdEntry !== undefined) insertOrdered(m, createdEntry)
}

/** @since 0.1.0 @category service */
export const createSessionReadModel = (profiles: ProfileReadModel, warn: (message: string) => void): SessionReadModel => {
  const m: Model = { profiles, warn, entries: new Map(), ordered: [], createdCount: 0, maxId: 0 }
  return {
    entry: (streamId) => m.entries.get(streamId),
    inCreationOrder: () => m.ordered,
    nextSessionId: () => Math.max(m.createdCount, m.maxId) + 1,
    applyRecorded: (events) => applyRecorded(m, events),
    adopt: (streamId, events, state, lastGlobalPosition) => adopt(m, streamId, events, state, lastGlobalPosition),
  }
}
