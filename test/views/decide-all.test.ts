import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fold, initialState, sessionError } from '../../src/index.ts'
import { decideAll } from '../../src/talon/index.ts'

const now = '2024-05-01T10:00:00.000Z'
const commands = [
  { type: 'CreateSession', data: { integrationId: 's', applicationId: 1 } },
  { type: 'AddItems', data: { cartItems: [{ sku: 'A', quantity: 1, price: 2 }] } },
]

test('decideAll: the fold by default; a given apply decides what is kept, and may refuse', () => {
  const folded = decideAll(commands, initialState, { now, integrationId: 's' })
  assert.ok(E.isRight(folded) && folded.right.state.cartItems.length === 1)
  const seen: string[] = []
  const refused = decideAll(commands, initialState, { now, integrationId: 's' }, (events, state) => {
    seen.push(...events.map((e) => e.type))
    return events[0]!.type === 'ItemsAdded' ? E.left(sessionError('ValidationFailed', 'not kept')) : E.right({ events, state: fold(events, state) })
  })
  assert.equal(seen, ['Created', 'ItemsAdded'])
  assert.ok(E.isLeft(refused) && refused.left.message === 'not kept')
})

test.run()
