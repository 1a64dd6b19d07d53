import type { SessionError } from '../domain/errors.ts'
import type { AnyEvent } from './event-store.ts'
import { hasOwn, isPlainObject } from '../domain/codecs/plain-object.ts'
import { show } from '../domain/messages.ts'
import { refuseAppend } from './append-refusal.ts'

// ---------------------------------------------------------------------------------------------
// Copy-and-freeze of the caller's data.
//
// One pass copies and freezes, so the caller keeps its own (mutable) object and history cannot
// change under it. Only JSON-shaped values are accepted: every store must read back what was
// written, and the PostgreSQL store keeps JSON text (a `json` column), which has no Date, Map,
// NaN or cycles. Where JS and JSON differ, the copy decides once, for every store:
// - an `undefined` object member is dropped (JSON.stringify drops it too);
// - an `undefined` array item (or a hole) is refused: JSON.stringify would turn it into `null`,
//   and a reader getting `null` where the writer had `undefined` is a silent change of type;
// - `-0` becomes `0` (JSON.stringify writes `0`);
// - `undefined` is accepted only as the whole `data` (stored as SQL NULL by PostgreSQL);
// - at most 32 levels of nesting, like the domain's JSON codec, so a hostile depth is a
//   ValidationFailed value rather than a stack overflow, and the cycle check stays short.
// A hand-written pass is several times faster than `structuredClone` followed by a freeze walk,
// and appends are on the hot path. Every store validates event data with this same pass (the
// PostgreSQL one serialises the copy), so both accept and refuse the same events.

/** `data` itself is level 1; a container deeper than this is refused. */
const MAX_DEPTH = 32

/** An invalid value found while copying; the path is assembled on the way back up. */
class Invalid {
  constructor(
    readonly reason: string,
    readonly path: Array<string | number>,
  ) {}
}

// Cycles are found by looking for a container among the containers above it. That list is only
// allocated once a container holds a non-empty container, so flat data, the common shape of an
// event, is copied with no allocation beyond the copy itself. An empty container holds nothing,
// so it cannot close a cycle.

/**
 * `above`: the containers holding `value`, outermost first; `undefined` when there are none.
 * `depth`: the level of `value`, 1 for `data` itself.
 */
const copyFrozen = (value: unknown, above: object[] | undefined, depth: number): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      // `-0` would read back as `0` from JSON: it is `0` in every store.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : new Invalid(`expected a finite number, got ${value}`, [])
    case 'object':
      break
    case 'undefined':
      return new Invalid('expected a JSON value, got undefined', [])
    default:
      return new Invalid(`expected a JSON value, got a ${typeof value}`, [])
  }
  if (value === null) return null
  if (depth > MAX_DEPTH) return new Invalid(`expected at most ${MAX_DEPTH} levels of nesting`, [])
  if (above !== undefined && above.includes(value)) return new Invalid('expected a JSON value, got a cycle', [])
  return Array.isArray(value) ? copyArray(value, above, depth) : copyObject(value, above, depth)
}

// Empty arrays are common in events (`effects: []`, `couponCodes: []`) and every stored copy
// stays on the heap: one shared frozen empty array saves an allocation, a freeze and about 32
// bytes per occurrence. Sharing is safe because nothing can be added to a frozen array.
const EMPTY_ARRAY: readonly unknown[] = Object.freeze([])

/** Whether copying `member` may meet a cycle, so needs the containers above it. */
const mayNest = (member: unknown): member is object =>
  typeof member === 'object' && member !== null && !(Array.isArray(member) && member.length === 0)

/** `above` extended with `value`: the list is shared down the walk and popped on the way back. */
const below = (above: object[] | undefined, value: object): object[] => {
  if (above === undefined) return [value]
  above.push(value)
  return above
}

const copyArray = (value: readonly unknown[], above: object[] | undefined, depth: number): unknown => {
  if (value.length === 0) return EMPTY_ARRAY
  const out = new Array<unknown>(value.length)
  let chain: object[] | undefined
  for (let i = 0; i < value.length; i++) {
    const member = value[i]
    const item = mayNest(member)
      ? copyFrozen(member, (chain ??= below(above, value)), depth + 1)
      : copyFrozen(member, undefined, depth + 1)
    if (item instanceof Invalid) {
      chain?.pop()
      item.path.unshift(i)
      return item
    }
    out[i] = item
  }
  chain?.pop()
  return Object.freeze(out)
}

const copyObject = (value: object, above: object[] | undefined, depth: number): unknown => {
  if (!isPlainObject(value)) {
    return new Invalid(`expected a plain object, got ${Object.prototype.toString.call(value)}`, [])
  }
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  let chain: object[] | undefined
  // `for...in` with an own-property check visits what `Object.keys` returns, in the same order,
  // without allocating the array of keys.
  for (const key in source) {
    if (!hasOwn(source, key)) continue
    const member = source[key]
    if (member === undefined) continue // dropped, as JSON.stringify drops it
    const item = mayNest(member)
      ? copyFrozen(member, (chain ??= below(above, source)), depth + 1)
      : copyFrozen(member, undefined, depth + 1)
    if (item instanceof Invalid) {
      chain?.pop()
      item.path.unshift(key)
      return item
    }
    // An own `__proto__` key (JSON.parse makes them) must stay data, not set the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true })
    else out[key] = item
  }
  chain?.pop()
  return Object.freeze(out)
}

/**
 * A deep-frozen copy of an event's `data`, or an {@link Invalid} saying where and why not. The
 * empty arrays of a copy are the one shared frozen array.
 */
const copyData = (data: unknown): unknown => (data === undefined ? undefined : copyFrozen(data, undefined, 1))

const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')

/** The refusal of event `index` of a batch, whose data was found {@link Invalid}. */
const refuseData = (streamId: string, index: number, invalid: Invalid): SessionError =>
  refuseAppend(streamId, `events[${index}].data${formatPath(invalid.path)}`, invalid.reason)

/** The refusal of `events` when it is not an array. */
const refuseEvents = (streamId: string, events: unknown): SessionError =>
  refuseAppend(streamId, 'events', `expected an array of events, got ${show(events)}`)

/** An event's `type`, or the refusal of event `index` when it is not an event with a string type. */
const eventTypeOrRefusal = (event: unknown, index: number, streamId: string): string | SessionError => {
  const type: unknown = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined
  if (typeof type === 'string') return type
  const reason =
    typeof event === 'object' && event !== null
      ? `expected a string, got ${show(type)}`
      : `expected an event { type: string, data }, got ${show(event)}`
  return refuseAppend(streamId, `events[${index}].type`, reason)
}

/**
 * Copies one batch; the first invalid event refuses the whole batch. Not an `Either`: the caller
 * wraps its whole result once, so the append hot path allocates one wrapper, not two.
 */
export const copyBatch = (events: unknown, streamId: string): ReadonlyArray<AnyEvent> | SessionError => {
  if (!Array.isArray(events)) return refuseEvents(streamId, events)
  const count = events.length
  const out = new Array<AnyEvent>(count)
  for (let i = 0; i < count; i++) {
    const event: unknown = events[i]
    const type = eventTypeOrRefusal(event, i, streamId)
    if (typeof type !== 'string') return type
    const data = copyData((event as AnyEvent).data)
    if (data instanceof Invalid) return refuseData(streamId, i, data)
    out[i] = { type, data }
  }
  return out
}
