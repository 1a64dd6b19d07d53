import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fold, initialState, type SessionCommand } from '../../src/index.ts'
import { decideAll } from '../../src/domain/decide/decide-all.ts'

const now = '2024-05-01T10:00:00.000Z'
const create: SessionCommand = { type: 'CreateSession', data: { integrationId: 's', applicationId: 1 } }
const add: SessionCommand = { type: 'AddItems', data: { cartItems: [{ sku: 'A', quantity: 1, price: 2 }] } }

test('decideAll: each command on the state the ones before it left; all the events, folded', () => {
  const decided = decideAll([create, add, add], initialState, { now, integrationId: 's' })
  if (E.isLeft(decided)) return assert.unreachable(decided.left.message)
  const { events, state } = decided.right
  assert.equal(events.map((e) => e.type), ['Created', 'ItemsAdded', 'ItemsAdded'])
  assert.equal(state, fold(events, initialState))
  assert.is(state.cartItems.length, 2)
})

test('decideAll: the first refusal refuses them all', () => {
  const refused = decideAll([create, add, create, add], initialState, { now, integrationId: 's' })
  assert.ok(E.isLeft(refused) && refused.left.code === 'SessionAlreadyExists', JSON.stringify(refused))
})

test.run()
