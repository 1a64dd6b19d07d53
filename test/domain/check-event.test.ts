import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkEvent, fold, type SessionEvent } from '../../src/index.ts'

const test = suite('checkEvent on what is not a session event')

const at = '2026-03-01T10:00:00.000Z'
const open = fold([
  {
    type: 'Created',
    data: { at, integrationId: 's', applicationId: 1, profileId: '', currency: 'EUR', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true },
  },
])

/** The refusal of `event`, which checkEvent must return rather than throw. */
const refusal = (event: unknown) => {
  const r = checkEvent(open, event as SessionEvent)
  if (E.isRight(r)) return assert.unreachable(`expected a refusal of ${String(JSON.stringify(event))}`) as never
  assert.is(r.left.code, 'ValidationFailed', r.left.message)
  return r.left
}

test('null, an unknown type, a prototype property name: ValidationFailed naming the type', () => {
  assert.equal([refusal(null).path, refusal(null).message], ['event', 'checkEvent refused: event: expected an event { type, data }, got null'])
  assert.is(refusal({ type: 'Exploded', data: {} }).message, 'checkEvent refused: type: expected a session event type, got "Exploded"')
  assert.is(refusal({ type: 'toString', data: {} }).path, 'type')
  assert.is(refusal({ type: 'constructor', data: {} }).path, 'type')
  assert.is(refusal({ data: {} }).path, 'type')
})

test('a known type with data of the wrong shape, or that cannot be read, is refused too', () => {
  assert.match(refusal({ type: 'ItemsAdded', data: null }).message, 'the event could not be checked')
  assert.match(refusal({ type: 'ItemsAdded', get data(): never { throw Object.create(null) } }).message, 'an unprintable value')
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  refusal(proxy)
})

test.run()
