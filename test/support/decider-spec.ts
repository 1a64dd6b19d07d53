import * as assert from 'uvu/assert'
import { type DecideContext, decide, type EventOf, fold, type SessionErrorCode, type SessionEvent } from '../../src/index.ts'

/** The business time every spec decides at unless it says otherwise. */
export const now = '2026-11-22T10:00:00.000Z'
export const defaultContext: DecideContext = { now, integrationId: 's-1' }

const describe = (events: readonly SessionEvent[]) => JSON.stringify(events, null, 2)

/**
 * Given / when / then for the decider: the events emitted are compared exactly and in order
 * (uvu prints a line diff on failure), and a refusal by its code and message.
 */
export const given = (history: readonly SessionEvent[], context: DecideContext = defaultContext) => ({
  when: (command: unknown) => {
    const result = decide(command, fold(history), context)
    return {
      then: (expected: readonly SessionEvent[]) => {
        if (result._tag === 'Left') {
          assert.unreachable(`expected events, got ${result.left.code}: ${result.left.message}\nexpected:\n${describe(expected)}`)
          return
        }
        assert.equal(result.right, expected)
      },
      thenRefuses: (code: SessionErrorCode, message?: string | RegExp) => {
        if (result._tag === 'Right') {
          assert.unreachable(`expected ${code}, got events:\n${describe(result.right)}`)
          return
        }
        assert.is(result.left.code, code, result.left.message)
        if (typeof message === 'string') assert.ok(result.left.message.includes(message), `message: ${result.left.message}`)
        if (message instanceof RegExp) assert.match(result.left.message, message)
      },
      events: (): SessionEvent[] => {
        if (result._tag === 'Left') throw new Error(`expected events, got ${result.left.code}: ${result.left.message}`)
        return result.right
      },
    }
  },
})

/** A plain `Created` event, for specs and for any test that needs a session's first event. */
export const created = (overrides: Partial<EventOf<'Created'>['data']> = {}): EventOf<'Created'> => ({
  type: 'Created',
  data: {
    at: now,
    integrationId: 's-1',
    applicationId: 1,
    profileId: 'p-1',
    currency: 'USD',
    couponCodes: [],
    loyaltyCards: [],
    identifiers: [],
    attributes: {},
    additionalCosts: {},
    firstSession: false,
    ...overrides,
  },
})

export const itemsAdded = (cartItems: Extract<SessionEvent, { type: 'ItemsAdded' }>['data']['cartItems']): SessionEvent => ({
  type: 'ItemsAdded',
  data: { at: now, cartItems },
})

export const closed: SessionEvent = { type: 'Closed', data: { at: now, effects: [] } }
export const cancelled: SessionEvent = { type: 'Cancelled', data: { at: now, rolledBack: [] } }
export const returned = (items: { position: number; quantity: number }[], returnId = 'return-1'): SessionEvent => ({
  type: 'ItemsReturned',
  data: { at: now, returnId, items, rolledBack: [] },
})

/** A cart of two lines: 1 x A at 60.00 and 2 x B at 20.00. */
export const twoLines = itemsAdded([
  { sku: 'A', quantity: 1, price: 60 },
  { sku: 'B', quantity: 2, price: 20 },
])
