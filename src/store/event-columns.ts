import type { AnyEvent, EventMetadata, RecordedEvent } from './event-store.ts'
import { deepFreeze } from './deep-freeze.ts'
import { addToUlidRandom, ULID_DIGITS, ulidText, writeUlidRandom, writeUlidTime } from './ulid.ts'

// ---------------------------------------------------------------------------------------------
// The in-memory store's events, as columns indexed by global position - 1.
//
// An event becomes a frozen `RecordedEvent` (its metadata object, its id and `recordedAt` as
// text, its data deep-frozen) the first time it is handed out, and every later read returns that
// same object. Until then the store keeps only what the envelope is made from, so an append
// allocates the copy of its data and freezes nothing. Building the envelope, the id and three
// frozen objects on every append cost more than the rest of the append together, for events that
// are mostly read much later, if ever; the copy is private to the store until it is handed out.
//
// Event ids, times and schema versions are kept per *run*: the events appended at one clock
// reading with one schema version. A run stores its time, its schema version and the digits of
// its first id; the ids of its events count up from there (the monotonic ULID rule), so the
// i-th event of a run has the run's first id + i. A run's first id has fresh random digits when
// the clock moved forward, or goes on from the run before it when the clock stood still or went
// back. At 100,000 appends a second a run holds about 100 events.

/** Events stored as columns, with the chain of each stream's events (newest first). */
export interface EventColumns<E extends AnyEvent> {
  /** the number of events, which is the global position of the last one */
  readonly count: () => number
  /**
   * Stores one event (its `data` a private copy, frozen when handed out) as the next position;
   * `previous` is the index of its stream's event before it, or -1.
   */
  readonly push: (
    stream: number,
    type: string,
    data: unknown,
    streamVersion: number,
    previous: number,
    millis: number,
    schemaVersion: number,
  ) => void
  /** the index of the event of the same stream before the event at `index`, or -1 */
  readonly previousOf: (index: number) => number
  /** the event at `index` as readers get it: built and deep-frozen the first time it is asked for */
  readonly eventAt: (index: number) => RecordedEvent<E>
}

/** Events per stream are found by `streamIdOf(stream)`, the store's stream numbers. */
export const createEventColumns = <E extends AnyEvent>(streamIdOf: (stream: number) => string): EventColumns<E> => {
  let count = 0
  /** by index: type and data, side by side */
  const typesAndData: unknown[] = []
  /** by index: stream, version in the stream, index of the stream's event before */
  let numbers = new Int32Array(3 * 1024)
  /** by index, as far as events have been handed out: the event as handed out */
  const handedOut: Array<RecordedEvent<E> | undefined> = []

  let runs = 0
  /** by run: the index of its first event */
  const runStarts: number[] = []
  /** by run: the clock reading of its events (their `recordedAt`) */
  const runMillis: number[] = []
  /** by run: the schema version of its events */
  const runSchemas: number[] = []
  /** by run: the time part of its first id (later than `runMillis` when the clock went back) */
  const runIdTimes: number[] = []
  /** by run: the digits of its first id */
  let runIds = new Uint8Array(ULID_DIGITS * 64)
  /** the time of the newest id: a run at a later clock reading starts from fresh random digits */
  let idTime = -1
  const scratch = new Uint8Array(ULID_DIGITS)

  /** The id of event `offset` of run `run`, into `into` at `at`; returns that id's time. */
  const idOf = (run: number, offset: number, into: Uint8Array, at: number): number => {
    into.set(runIds.subarray(run * ULID_DIGITS, (run + 1) * ULID_DIGITS), at)
    const carry = addToUlidRandom(into, at, offset)
    if (carry === 0) return runIdTimes[run]!
    const time = runIdTimes[run]! + carry
    writeUlidTime(into, at, time)
    return time
  }

  const startRun = (millis: number, schemaVersion: number): void => {
    if ((runs + 1) * ULID_DIGITS > runIds.length) {
      const grown = new Uint8Array(runIds.length * 2)
      grown.set(runIds)
      runIds = grown
    }
    const at = runs * ULID_DIGITS
    if (runs > 0) {
      // The last id so far: the previous run's first id plus its events after the first.
      const last = runs - 1
      const lastTime = idOf(last, count - 1 - runStarts[last]!, runIds, at)
      if (lastTime > idTime) idTime = lastTime
    }
    if (millis > idTime) {
      idTime = millis
      writeUlidTime(runIds, at, millis)
      writeUlidRandom(runIds, at)
    } else {
      // The clock stood still or went back: go on from the last id, which `idOf` left here.
      const carry = addToUlidRandom(runIds, at, 1)
      if (carry > 0) writeUlidTime(runIds, at, (idTime += carry))
    }
    runStarts.push(count)
    runMillis.push(millis)
    runSchemas.push(schemaVersion)
    runIdTimes.push(idTime)
    runs++
  }

  /** The run holding the event at `index`: the last run starting at or before it. */
  const runOf = (index: number): number => {
    let low = 0
    let high = runs - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (runStarts[mid]! <= index) low = mid
      else high = mid - 1
    }
    return low
  }

  // Events of one clock reading share one ISO string instead of formatting it again.
  let lastMillis = Number.NaN
  let lastIso = ''
  const isoAt = (millis: number): string => {
    if (millis !== lastMillis) {
      lastMillis = millis
      lastIso = new Date(millis).toISOString()
    }
    return lastIso
  }

  const build = (index: number): RecordedEvent<E> => {
    const run = runOf(index)
    idOf(run, index - runStarts[run]!, scratch, 0)
    const at = index * 3
    // One literal shape for every metadata object, so frozen events share hidden classes.
    const metadata: EventMetadata = Object.freeze({
      eventId: ulidText(scratch, 0),
      streamId: streamIdOf(numbers[at]!),
      streamVersion: numbers[at + 1]!,
      globalPosition: index + 1,
      recordedAt: isoAt(runMillis[run]!),
      schemaVersion: runSchemas[run]!,
    })
    const type = typesAndData[2 * index] as string
    const data = deepFreeze(typesAndData[2 * index + 1])
    // The caller's `type` and the copy of its `data`: an E with metadata.
    return Object.freeze({ type, data, metadata }) as RecordedEvent<E>
  }

  return {
    count: () => count,
    push: (stream, type, data, streamVersion, previous, millis, schemaVersion) => {
      if (count === 0 || millis !== runMillis[runs - 1] || schemaVersion !== runSchemas[runs - 1]) startRun(millis, schemaVersion)
      const at = count * 3
      if (at === numbers.length) {
        const grown = new Int32Array(numbers.length * 2)
        grown.set(numbers)
        numbers = grown
      }
      numbers[at] = stream
      numbers[at + 1] = streamVersion
      numbers[at + 2] = previous
      typesAndData.push(type, data)
      count++
    },
    previousOf: (index) => numbers[index * 3 + 2]!,
    eventAt: (index) => {
      const done = handedOut[index]
      if (done !== undefined) return done
      // Filled up to `index` first, so the array stays packed rather than becoming a dictionary.
      while (handedOut.length < index) handedOut.push(undefined)
      const event = build(index)
      handedOut[index] = event
      return event
    },
  }
}
