import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { created, now } from '../../src/testing/index.ts'

/**
 * Inputs for the codec properties: valid messages of every kind, values JSON cannot hold (holes,
 * undefined, -0, NaN, BigInt, symbols as values and as keys, class instances), and valid messages
 * with one of those put somewhere. Getters that throw and proxies are out of scope (issue 12).
 */
const item = { sku: 'A', quantity: 2, price: 1.5, category: 'c', attributes: { a: [1, { b: null }] }, additionalCosts: { wrap: { price: 1 } } }
export const validSamples: readonly unknown[] = [
  created(),
  { type: 'ItemsAdded', data: { at: now, cartItems: [item] } },
  { type: 'ItemsReturned', data: { at: now, returnId: 'r', items: [{ position: 0, quantity: 1 }], rolledBack: [{ effectId: 0, value: 1 }] } },
  { type: 'Closed', data: { at: now, effects: [{ effectId: 0, ruleName: 'r', type: 'setDiscount', value: 1, shares: [{ cell: 'unitPrice', value: 1, position: 0, subPosition: 0 }] }] } },
  { type: 'CreateSession', data: { integrationId: 's', applicationId: 1, couponCodes: ['X'], cartItems: [item], attributes: { deep: { er: [true] } } } },
  { type: 'ReturnItems', data: { items: [{ sku: 'A', quantity: 1 }, { position: 0, quantity: 1 }] } },
  { type: 'UpdateSession', data: { attributes: { tags: ['a', 'b'] }, additionalCosts: { shipping: { price: 4 } } } },
  item,
  JSON.parse(readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8')),
  { customerSession: { cartItems: [item], attributes: { x: 1 }, state: 'closed' }, responseContent: ['customerSession'] },
  { return: { returnedCartItems: [{ position: 0, quantity: 1 }] } },
  { state: 'open', pageSize: 10, createdAfter: now },
  { eventId: '01J00000000000000000000001', streamId: 's-1', streamVersion: 1, globalPosition: 1, recordedAt: now, schemaVersion: 2 },
]

/** What a value may be beside JSON. */
export const oddValue = fc.oneof(
  fc.constantFrom<unknown>(undefined, -0, Number.NaN, Number.POSITIVE_INFINITY, 10n, Symbol('value'), null, [], {}, Object.create(null), new Date(0), () => 1),
  fc.constant(null).map(() => ['a', , 'c']), // eslint-disable-line no-sparse-arrays
  fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withObjectString: true }),
)
const oddKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'type', 'data', '0', ''), fc.string())

type Mutation = { pick: number; kind: number; value: unknown; key: string }
/** A copy of `sample` with one slot replaced, deleted (a hole in an array), added, or made sparse. */
const mutate = (sample: unknown, { pick, kind, value, key }: Mutation): unknown => {
  const copy = structuredClone(sample) as object
  const slots: Array<[Record<string | symbol, unknown>, string]> = []
  const walk = (o: unknown) => {
    if (typeof o !== 'object' || o === null) return
    for (const k of Object.keys(o)) {
      slots.push([o as Record<string, unknown>, k])
      walk((o as Record<string, unknown>)[k])
    }
  }
  walk(copy)
  const [target, at] = slots[pick % slots.length] ?? [copy as Record<string | symbol, unknown>, 'x']
  switch (kind % 6) {
    case 0:
      target[at] = value
      break
    case 1:
      delete target[at]
      break
    case 2:
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true })
      break
    case 3:
      target[Symbol('key')] = value
      break
    case 4:
      if (Array.isArray(target)) target.length += 2
      else target[at] = [target[at], , value] // eslint-disable-line no-sparse-arrays
      break
    default:
      return value
  }
  return copy
}
const mutation = fc.record({ pick: fc.nat(), kind: fc.nat(), value: oddValue, key: oddKey })
/** A valid message with one odd value put in it, or with one field given any JSON value. */
export const mutatedSample = fc.oneof(
  fc.tuple(fc.constantFrom(...validSamples), mutation).map(([sample, m]) => mutate(sample, m)),
  fc.tuple(fc.constantFrom(...validSamples), mutation, fc.jsonValue()).map(([sample, m, json]) => mutate(sample, { ...m, kind: m.kind % 3, value: json })),
)
/** Anything a codec may be given. */
export const anyInput = fc.oneof(oddValue, fc.jsonValue(), mutatedSample, mutatedSample)
