import fc from 'fast-check'
import type { CartItem } from '../domain/cart-item.ts'
import type { CommandOf, SessionCommand } from '../domain/commands.ts'

// fast-check arbitraries of commands the codecs accept, for property tests of one's own flows.
// This is the only module of cartfold that imports fast-check (an optional peer dependency): only
// `cartfold/testing` loads it.

/** Amounts in minor units of a 2-digit currency, as the major-unit numbers commands carry. */
const price = fc.integer({ min: 0, max: 100_000 }).map((minor) => minor / 100)

/**
 * A cart line the codec accepts in a USD (or any 2-digit) session: one of a few SKUs, 1..5
 * units, a price of 0.00..1000.00, sometimes a category and a per-unit additional cost.
 * @since 0.1.0
 * @category testing
 */
export const cartItemArbitrary = (): fc.Arbitrary<CartItem> =>
  fc.record(
    {
      sku: fc.constantFrom('TEA', 'MUG', 'PEN', 'BAG'),
      quantity: fc.integer({ min: 1, max: 5 }),
      price,
      category: fc.constantFrom('food', 'home'),
      additionalCosts: fc.dictionary(fc.constantFrom('wrap', 'deposit'), fc.record({ price }), { maxKeys: 2 }),
    },
    { requiredKeys: ['sku', 'quantity', 'price'] },
  )

/** @since 0.1.0 @category testing */
export const createSessionArbitrary = (integrationId = 's-1'): fc.Arbitrary<CommandOf<'CreateSession'>> =>
  fc.record({
    type: fc.constant('CreateSession' as const),
    data: fc.record(
      {
        integrationId: fc.constant(integrationId),
        applicationId: fc.constant(1),
        profileId: fc.constantFrom('', 'alice', 'bob'),
        couponCodes: fc.uniqueArray(fc.constantFrom('SPRING', 'VIP', 'WELCOME'), { maxLength: 2 }),
        cartItems: fc.array(cartItemArbitrary(), { maxLength: 3 }),
        additionalCosts: fc.dictionary(fc.constantFrom('shipping'), fc.record({ price }), { maxKeys: 1 }),
      },
      { requiredKeys: ['integrationId', 'applicationId'] },
    ),
  })

const entry = fc.record({ position: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 2 }) })

/** Every command but `CreateSession`, on a session that exists. */
const commandOnSession = (): fc.Arbitrary<SessionCommand> =>
  fc.oneof(
    { arbitrary: fc.record({ type: fc.constant('AddItems' as const), data: fc.record({ cartItems: fc.array(cartItemArbitrary(), { minLength: 1, maxLength: 3 }) }) }), weight: 3 },
    { arbitrary: fc.record({ type: fc.constant('RemoveItems' as const), data: fc.record({ items: fc.array(entry, { minLength: 1, maxLength: 2 }) }) }), weight: 1 },
    {
      arbitrary: fc.record({
        type: fc.constant('UpdateSession' as const),
        data: fc.record(
          { profileId: fc.constantFrom('', 'alice'), couponCodes: fc.uniqueArray(fc.constantFrom('SPRING', 'VIP'), { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
      }),
      weight: 1,
    },
    { arbitrary: fc.constant({ type: 'CloseSession' as const, data: {} }), weight: 2 },
    { arbitrary: fc.constant({ type: 'ReopenSession' as const, data: {} }), weight: 1 },
    {
      arbitrary: fc.record(
        { type: fc.constant('ReturnItems' as const), data: fc.record({ items: fc.array(entry, { minLength: 1, maxLength: 2 }) }) },
      ),
      weight: 2,
    },
    { arbitrary: fc.constant({ type: 'CancelSession' as const, data: {} }), weight: 1 },
  )

/**
 * Any one command the codecs accept, of any of the eight types. Whether the decider accepts it
 * depends on the state it meets.
 * @since 0.1.0
 * @category testing
 */
export const commandArbitrary = (integrationId = 's-1'): fc.Arbitrary<SessionCommand> =>
  fc.oneof({ arbitrary: createSessionArbitrary(integrationId), weight: 1 }, { arbitrary: commandOnSession(), weight: 7 })

/**
 * A session's flow: a `CreateSession`, then up to `maxLength` (12) more commands the codecs
 * accept, as traffic arrives. Some meet a state that refuses them (a return before the close, a
 * position past the cart's end): a property holds over the accepted ones and the refusals alike.
 * @since 0.1.0
 * @category testing
 */
export const commandSequenceArbitrary = (
  options: { readonly integrationId?: string; readonly maxLength?: number } = {},
): fc.Arbitrary<SessionCommand[]> =>
  fc
    .tuple(createSessionArbitrary(options.integrationId), fc.array(commandOnSession(), { maxLength: options.maxLength ?? 12 }))
    .map(([create, rest]) => [create, ...rest])
