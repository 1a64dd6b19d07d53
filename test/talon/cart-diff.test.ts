import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fold, type CartItem, type SessionEvent } from '../../src/index.ts'
import { commandsFromUpdateV2 } from '../../src/talon/index.ts'
import { decideAll } from '../../src/domain/decide/decide-all.ts'
import { cartDiff } from '../../src/talon/cart-diff.ts'

const now = '2026-11-22T10:00:00.000Z'
// A small alphabet, so that the sent cart often shares lines with the current one.
const line: fc.Arbitrary<CartItem> = fc
  .record({ sku: fc.constantFrom('A', 'B', 'C'), quantity: fc.integer({ min: 1, max: 4 }), price: fc.constantFrom(1, 2.5), name: fc.option(fc.constant('n'), { nil: undefined }) })
  .map(({ name, ...rest }) => (name === undefined ? rest : { ...rest, name }))
const cart = fc.array(line, { maxLength: 8 })

const openWith = (cartItems: CartItem[]) =>
  fold([
    { type: 'Created', data: { at: now, integrationId: 's', applicationId: 1, profileId: '', currency: 'USD', couponCodes: [], loyaltyCards: [], identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true } },
    ...(cartItems.length > 0 ? [{ type: 'ItemsAdded', data: { at: now, cartItems } } as SessionEvent] : []),
  ])

test('whatever the carts, the commands leave exactly the cart sent, in order; sending it again changes nothing', () => {
  fc.assert(
    fc.property(cart, cart, (current, sent) => {
      const state = openWith(current)
      const commands = commandsFromUpdateV2(state, { customerSession: { cartItems: sent } }, { integrationId: 's', applicationId: 1 })
      const applied = E.flatMap(commands, (cs) => decideAll(cs, state, { now }))
      if (E.isLeft(applied)) throw new Error(applied.left.message)
      assert.equal(applied.right.state.cartItems.map(({ returnedQuantity: _, ...l }) => l), sent)
      assert.equal(commandsFromUpdateV2(applied.right.state, { customerSession: { cartItems: sent } }, { integrationId: 's', applicationId: 1 }), E.right([]))
    }),
  )
})

test('the longest prefix of the sent cart that the current lines can give is kept', () => {
  let keptSome = 0
  fc.assert(
    fc.property(cart, cart, (current, sent) => {
      const { add } = cartDiff(current, sent)
      if (add.length < sent.length) keptSome++
      const kept = sent.length - add.length
      // No longer prefix is a subsequence of the current lines (identical but for a quantity at least as large).
      const next = sent.slice(0, kept + 1)
      if (next.length === kept) return
      let from = 0
      const id = (l: CartItem) => JSON.stringify([l.sku, l.price, l.name])
      const fits = next.every((wanted) => {
        const at = current.findIndex((have, p) => p >= from && have.quantity >= wanted.quantity && id(have) === id(wanted))
        from = at + 1
        return at >= 0
      })
      assert.not.ok(fits)
    }),
  )
  assert.ok(keptSome > 10, `only ${keptSome} runs kept a line`)
})

test('a shrunk line is kept; a grown one is sent again with every line after it', () => {
  const a = { sku: 'A', quantity: 3, price: 1 }
  const b = { sku: 'B', quantity: 1, price: 1 }
  assert.equal(cartDiff([a, b], [{ ...a, quantity: 1 }, b]), { remove: [{ position: 0, quantity: 2 }], add: [] })
  assert.equal(cartDiff([a, b], [{ ...a, quantity: 4 }, b]), { remove: [{ position: 0, quantity: 3 }, { position: 1, quantity: 1 }], add: [{ ...a, quantity: 4 }, b] })
  assert.equal(cartDiff([a, b], [b]), { remove: [{ position: 0, quantity: 3 }], add: [] })
})

test.run()
