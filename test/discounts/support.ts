import * as assert from 'uvu/assert'
import {
  decide,
  decodePolicy,
  type DiscountPolicy,
  type EventOf,
  fold,
  project,
  type SessionEvent,
  type SessionProjection,
} from '../../src/index.ts'
import { now } from '../../src/testing/index.ts'

export { now }

/** A policy from JSON, failing the test when it does not validate. */
export const policyOf = (json: unknown): DiscountPolicy => {
  const decoded = decodePolicy(json)
  if (decoded._tag === 'Left') throw new Error(decoded.left.message)
  return decoded.right
}

/** A session driven through `decide` and `fold`: every command must be accepted. */
export const session = (policy: DiscountPolicy | undefined, create: Record<string, unknown>) => {
  const events: SessionEvent[] = []
  const run = (command: unknown): SessionEvent[] => {
    const result = decide(command, fold(events), { now, ...(policy === undefined ? {} : { policy }) })
    if (result._tag === 'Left') throw new Error(`${result.left.code}: ${result.left.message}`)
    events.push(...result.right)
    return result.right
  }
  run({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, ...create } })
  return {
    events,
    run,
    close: () => only(run({ type: 'CloseSession', data: {} }), 'Closed'),
    returnItems: (...items: Array<{ position: number; quantity: number }>) =>
      only(run({ type: 'ReturnItems', data: { items } }), 'ItemsReturned'),
    cancel: () => only(run({ type: 'CancelSession', data: {} }), 'Cancelled'),
    reopen: () => only(run({ type: 'ReopenSession', data: {} }), 'Reopened'),
    project: (options: { policy?: DiscountPolicy } = {}): SessionProjection => project(fold(events), options),
  }
}

const only = <K extends SessionEvent['type']>(events: SessionEvent[], type: K): EventOf<K>['data'] => {
  assert.is(events.length, 1)
  assert.is(events[0]!.type, type)
  return events[0]!.data as EventOf<K>['data']
}
