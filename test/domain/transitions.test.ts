import { suite } from 'uvu'
import {
  cancelled as cancelledEvent,
  cartItem,
  closed as closedEvent,
  created,
  given,
  itemsAdded,
  itemsReturned as returned,
  now,
} from '../../src/testing/index.ts'

const closed = closedEvent()
const cancelled = cancelledEvent()
/** A cart of two lines: 1 x A at 60.00 and 2 x B at 20.00. */
const twoLines = itemsAdded([cartItem({ sku: 'A', price: 60 }), cartItem({ sku: 'B', quantity: 2, price: 20 })])

const create = suite('create')

create('creates an open session with defaults: USD, no cart, first session only for anonymous', () => {
  given([]).when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, profileId: 'p-1' } }).then([created()])
  given([])
    .when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1 } })
    .then([created({ profileId: '', firstSession: true })])
})

create('an anonymous session is a first session whatever the command says', () => {
  given([])
    .when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, profileId: '', firstSession: false } })
    .then([created({ profileId: '', firstSession: true })])
})

create('carries details, the id, the default currency of the context, and drops repeated coupon codes', () => {
  given([], { now, currency: 'EUR' })
    .when({
      type: 'CreateSession',
      data: {
        integrationId: 's-1',
        applicationId: 1,
        id: 7,
        profileId: 'p-1',
        storeIntegrationId: 'store-9',
        couponCodes: ['A', 'B', 'A'],
        referralCode: 'REF',
        loyaltyCards: ['card'],
        identifiers: ['d1'],
        attributes: { channel: 'web' },
        additionalCosts: { shipping: { price: 4.5 } },
        firstSession: true,
      },
    })
    .then([
      created({
        id: 7,
        storeIntegrationId: 'store-9',
        currency: 'EUR',
        couponCodes: ['A', 'B'],
        referralCode: 'REF',
        loyaltyCards: ['card'],
        identifiers: ['d1'],
        attributes: { channel: 'web' },
        additionalCosts: { shipping: { price: 4.5 } },
        firstSession: true,
      }),
    ])
})

create('with items: Created then ItemsAdded', () => {
  const cartItems = [{ sku: 'A', quantity: 1, price: 60 }]
  given([])
    .when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, profileId: 'p-1', cartItems } })
    .then([created(), itemsAdded(cartItems)])
})

create('as closed (a legacy order): Created, ItemsAdded and Closed at once', () => {
  const cartItems = [{ sku: 'A', quantity: 1, price: 60 }]
  given([])
    .when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, profileId: 'p-1', cartItems, state: 'closed' } })
    .then([created(), itemsAdded(cartItems), closed])
})

create('refuses a session that exists', () => {
  given([created()])
    .when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1 } })
    .thenRefuses('SessionAlreadyExists', 'session "s-1" (open) refuses CreateSession')
})

create('refuses an unknown currency', () => {
  given([]).when({ type: 'CreateSession', data: { integrationId: 's-1', applicationId: 1, currency: 'ZZZ' } }).thenRefuses('ValidationFailed', 'currency')
})

create.run()

const add = suite('add items')
const line = { sku: 'C', quantity: 3, price: 1.5, name: 'socks', category: 'apparel', additionalCosts: { wrap: { price: 0.5 } } }

add('appends lines while open; a SKU added twice is two lines', () => {
  given([created(), twoLines]).when({ type: 'AddItems', data: { cartItems: [line, line] } }).then([itemsAdded([line, line])])
})

for (const [state, history] of [
  ['closed', [created(), twoLines, closed]],
  ['partially_returned', [created(), twoLines, closed, returned([{ position: 0, quantity: 1 }])]],
  ['cancelled', [created(), cancelled]],
] as const) {
  add(`is refused when ${state}`, () => {
    given([...history])
      .when({ type: 'AddItems', data: { cartItems: [line] } })
      .thenRefuses('InvalidTransition', `session "s-1" (${state}) refuses AddItems`)
  })
}

add('is refused for a session that does not exist, naming it', () => {
  given([]).when({ type: 'AddItems', data: { cartItems: [line] } }).thenRefuses('SessionNotFound', 'session "s-1" (no session) refuses AddItems')
})

add('is refused with no entries, before the state is looked at', () => {
  given([]).when({ type: 'AddItems', data: { cartItems: [] } }).thenRefuses('ValidationFailed', 'AddItems.cartItems')
})

add.run()

const remove = suite('remove items')

remove('removes units; entries for one line add up and address the cart before the command', () => {
  given([created(), twoLines])
    .when({ type: 'RemoveItems', data: { items: [{ position: 1, quantity: 1 }, { position: 0, quantity: 1 }, { position: 1, quantity: 1 }] } })
    .then([{ type: 'ItemsRemoved', data: { at: now, items: [{ position: 0, quantity: 1 }, { position: 1, quantity: 2 }] } }])
})

remove('refuses a position not in the cart', () => {
  given([created(), twoLines])
    .when({ type: 'RemoveItems', data: { items: [{ position: 2, quantity: 1 }] } })
    .thenRefuses('UnknownPosition', 'RemoveItems.items[0].position')
})

remove('refuses more units than a line has', () => {
  given([created(), twoLines])
    .when({ type: 'RemoveItems', data: { items: [{ position: 1, quantity: 2 }, { position: 1, quantity: 1 }] } })
    .thenRefuses('ValidationFailed', 'removing 3 units from a line of 2')
})

remove('checks every position before any quantity', () => {
  given([created(), twoLines])
    .when({ type: 'RemoveItems', data: { items: [{ position: 0, quantity: 99 }, { position: 7, quantity: 1 }] } })
    .thenRefuses('UnknownPosition', 'RemoveItems.items[1].position')
})

remove('is refused once closed', () => {
  given([created(), twoLines, closed]).when({ type: 'RemoveItems', data: { items: [{ position: 0, quantity: 1 }] } }).thenRefuses('InvalidTransition')
})

remove.run()

const update = suite('update details')

update('records only what changed; a field sent replaces the old value whole', () => {
  given([created({ attributes: { a: 1, b: 2 }, couponCodes: ['X'] })])
    .when({ type: 'UpdateSession', data: { attributes: { c: 3 }, couponCodes: ['X'], profileId: 'p-2' } })
    .then([{ type: 'Updated', data: { at: now, profileId: 'p-2', attributes: { c: 3 } } }])
})

update('an empty list or string clears', () => {
  given([created({ couponCodes: ['X'], referralCode: 'R', storeIntegrationId: 'st' })])
    .when({ type: 'UpdateSession', data: { couponCodes: [], referralCode: '', storeIntegrationId: '' } })
    .then([{ type: 'Updated', data: { at: now, couponCodes: [], referralCode: '', storeIntegrationId: '' } }])
})

update('an update that changes nothing decides nothing, whatever the order of its keys', () => {
  given([created({ attributes: { a: 1, b: { c: 2, d: 3 } } })]).when({ type: 'UpdateSession', data: { attributes: { b: { d: 3, c: 2 }, a: 1 } } }).then([])
  given([created()]).when({ type: 'UpdateSession', data: { referralCode: '', couponCodes: [], profileId: 'p-1' } }).then([])
})

update('is refused once closed, and validates cost amounts', () => {
  given([created(), closed]).when({ type: 'UpdateSession', data: { profileId: 'x' } }).thenRefuses('InvalidTransition')
  given([created()])
    .when({ type: 'UpdateSession', data: { additionalCosts: { shipping: { price: 1.005 } } } })
    .thenRefuses('ValidationFailed', 'UpdateSession.additionalCosts.shipping.price')
})

update.run()

const lifecycle = suite('close, reopen, cancel')

lifecycle('close an open session', () => {
  given([created(), twoLines]).when({ type: 'CloseSession', data: {} }).then([closed])
})

lifecycle('close is refused unless open', () => {
  given([created(), closed]).when({ type: 'CloseSession', data: {} }).thenRefuses('InvalidTransition', '(closed) refuses CloseSession')
})

lifecycle('reopen a closed session', () => {
  given([created(), closed]).when({ type: 'ReopenSession', data: {} }).then([{ type: 'Reopened', data: { at: now, rolledBack: [] } }])
})

lifecycle('a partially returned session cannot be reopened', () => {
  given([created(), twoLines, closed, returned([{ position: 0, quantity: 1 }])])
    .when({ type: 'ReopenSession', data: {} })
    .thenRefuses('InvalidTransition', '(partially_returned) refuses ReopenSession')
})

for (const [state, history] of [
  ['open', [created()]],
  ['closed', [created(), closed]],
  ['partially_returned', [created(), twoLines, closed, returned([{ position: 0, quantity: 1 }])]],
] as const) {
  lifecycle(`cancel from ${state}`, () => {
    given([...history]).when({ type: 'CancelSession', data: {} }).then([cancelled])
  })
}

lifecycle('cancelled is terminal', () => {
  for (const type of ['CancelSession', 'CloseSession', 'ReopenSession'] as const) {
    given([created(), cancelled]).when({ type, data: {} }).thenRefuses('InvalidTransition', '(cancelled)')
  }
})

lifecycle.run()

const returns = suite('returns')
const history = [created(), twoLines, closed]

returns('returns units by position; the return id comes from the context id source', () => {
  given(history, { now, newId: () => 'r-42' })
    .when({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 1 }] } })
    .then([returned([{ position: 1, quantity: 1 }], 'r-42')])
})

returns('by SKU, summing repeated entries', () => {
  given(history)
    .when({ type: 'ReturnItems', data: { returnId: 'x', items: [{ sku: 'B', quantity: 1 }, { position: 1, quantity: 1 }] } })
    .then([returned([{ position: 1, quantity: 2 }], 'x')])
})

returns('without an id source, return ids number the returns', () => {
  given([...history, returned([{ position: 0, quantity: 1 }])])
    .when({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 1 }] } })
    .then([returned([{ position: 1, quantity: 1 }], 'return-2')])
})

returns('a made-up return id never collides with one a client chose', () => {
  given([...history, returned([{ position: 1, quantity: 1 }], 'return-2')])
    .when({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 1 }] } })
    .then([returned([{ position: 1, quantity: 1 }], 'return-3')])
  given([...history, returned([{ position: 1, quantity: 1 }], 'r-1')], { now, newId: () => 'r-1' })
    .when({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 1 }] } })
    .thenRefuses('ValidationFailed', 'context.newId')
})

returns('refuses more than remains', () => {
  given([...history, returned([{ position: 1, quantity: 1 }])])
    .when({ type: 'ReturnItems', data: { items: [{ position: 1, quantity: 2 }] } })
    .thenRefuses('ReturnExceedsRemaining', 'returning 2 units of line 1 (B), 1 remain')
})

returns('a SKU must name exactly one line', () => {
  given([created(), twoLines, itemsAdded([{ sku: 'B', quantity: 1, price: 20 }]), closed])
    .when({ type: 'ReturnItems', data: { items: [{ sku: 'B', quantity: 1 }] } })
    .thenRefuses('ValidationFailed', 'names 2 lines')
  given(history).when({ type: 'ReturnItems', data: { items: [{ sku: 'Z', quantity: 1 }] } }).thenRefuses('UnknownPosition', 'no line has SKU "Z"')
})

returns('refuses an unknown position, and an entry naming both position and SKU', () => {
  given(history).when({ type: 'ReturnItems', data: { items: [{ position: 5, quantity: 1 }] } }).thenRefuses('UnknownPosition')
  given(history)
    .when({ type: 'ReturnItems', data: { items: [{ position: 0, sku: 'A', quantity: 1 }] } })
    .thenRefuses('ValidationFailed', 'ReturnItems.items[0]: expected either position or sku, got both')
})

returns('the same return id with the same items decides nothing; with other items it is refused', () => {
  const done = [...history, returned([{ position: 1, quantity: 2 }], 'r-1')]
  given(done).when({ type: 'ReturnItems', data: { returnId: 'r-1', items: [{ position: 1, quantity: 2 }] } }).then([])
  given(done)
    .when({ type: 'ReturnItems', data: { returnId: 'r-1', items: [{ position: 0, quantity: 1 }] } })
    .thenRefuses('ValidationFailed', 'already used')
})

returns('is refused while open and after cancel', () => {
  given([created(), twoLines]).when({ type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }).thenRefuses('InvalidTransition')
  given([...history, cancelled]).when({ type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }] } }).thenRefuses('InvalidTransition')
})

returns('returning every unit leaves the session partially returned', () => {
  const events = given(history)
    .when({ type: 'ReturnItems', data: { items: [{ position: 0, quantity: 1 }, { position: 1, quantity: 2 }] } })
    .events()
  given([...history, ...events]).when({ type: 'CancelSession', data: {} }).then([cancelled])
})

returns.run()
