/**
 * Shared helpers for the service tests: a stepping clock, command builders, and a store wrapper
 * that lets a test act between the service's read and its append (another process's write).
 */
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { createSessionService, type AnyEvent, type AppendOptions, type EventStore, type SessionError, type SessionPage } from '../../src/index.ts'
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store.ts'

export { createInMemoryEventStore }

/** A clock that moves one second per reading, from 2024-05-01. */
export const steppingClock = (start = Date.parse('2024-05-01T10:00:00.000Z'), stepMs = 1000): (() => Date) => {
  let t = start - stepMs
  return () => new Date((t += stepMs))
}

export const fixedClock = (iso = '2024-05-01T10:00:00.000Z'): (() => Date) => () => new Date(iso)

export const create = (integrationId: string, data: Record<string, unknown> = {}) => ({
  type: 'CreateSession',
  data: { integrationId, applicationId: 1, ...data },
})

export const item = (sku: string, price = 10, quantity = 1) => ({ sku, price, quantity })

export const addItems = (...cartItems: ReturnType<typeof item>[]) => ({ type: 'AddItems', data: { cartItems } })

export const right = <A>(result: E.Either<SessionError, A>, what = 'execute'): A => {
  if (E.isLeft(result)) assert.unreachable(`${what} failed: ${result.left.code}: ${result.left.message}`)
  return (result as E.Right<A>).right
}

export const left = <A>(result: E.Either<SessionError, A>, code: SessionError['code']): SessionError => {
  if (E.isRight(result)) assert.unreachable(`expected ${code}, got a success`)
  const error = (result as E.Left<SessionError>).left
  assert.is(error.code, code, error.message)
  return error
}

/** A page of `list` that was served as asked: no `error`. */
export const served = (page: SessionPage, what = 'list'): SessionPage => {
  if (page.error !== undefined) assert.unreachable(`${what} failed: ${page.error.code}: ${page.error.message}`)
  assert.is('error' in page, false, 'a page served as asked has no error field')
  return page
}

/**
 * Wraps a store: `beforeAppend` runs after the service has read and decided, just before its
 * append reaches the store, as a writer in another process would.
 */
export const interceptAppends = (
  store: EventStore<AnyEvent>,
  beforeAppend: (streamId: string, call: number) => Promise<void> | void,
): EventStore<AnyEvent> & { appends: () => number } => {
  let calls = 0
  return {
    ...store,
    appendToStream: async (streamId: string, events: ReadonlyArray<AnyEvent>, options?: AppendOptions) => {
      calls++
      await beforeAppend(streamId, calls)
      return store.appendToStream(streamId, events, options)
    },
    appends: () => calls,
  }
}

/**
 * An in-memory store with another writer on it (a second service, as another process would be).
 * Once `interfere` is called, that writer adds a line of `sku` to the stream between this
 * service's decision and its append: on the next append only (`'once'`), or on every one
 * (`'always'`) until `interfere('off')`.
 */
export const withOtherWriter = (sku: string) => {
  const base = createInMemoryEventStore()
  const other = createSessionService({ store: base, clock: fixedClock() })
  let mode: 'off' | 'once' | 'always' = 'off'
  const store = interceptAppends(base, async (streamId) => {
    if (mode === 'off') return
    if (mode === 'once') mode = 'off'
    right(await other.execute(streamId, addItems(item(sku))))
  })
  return {
    base,
    store,
    interfere: (how: 'once' | 'always' | 'off' = 'once') => {
      mode = how
    },
    closeOther: () => other.close(),
  }
}
