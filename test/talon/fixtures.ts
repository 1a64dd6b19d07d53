import { fold, project, type SessionEvent, type SessionProjection } from '../../src/index.ts'
import { created } from '../../src/testing/index.ts'

export const t0 = '2026-11-22T10:00:00.000Z'
export const t1 = '2026-11-22T10:30:00.000Z'

/** Every optional detail set, a line with every optional CartItem field, a per-item discount at close. */
export const richHistory: SessionEvent[] = [
  {
    type: 'Created',
    data: {
      at: t0,
      id: 42,
      integrationId: 'cart-rich',
      applicationId: 322,
      profileId: 'alice',
      storeIntegrationId: 'STORE-001',
      currency: 'EUR',
      couponCodes: ['XMAS-2021', 'WELCOME'],
      referralCode: '2740-tbjua-6720',
      loyaltyCards: ['card-1'],
      identifiers: ['91.11.156.141'],
      attributes: { shippingCity: 'Berlin' },
      additionalCosts: { shipping: { price: 4.99 } },
      firstSession: true,
    },
  },
  {
    type: 'ItemsAdded',
    data: {
      at: t0,
      cartItems: [
        {
          name: 'Green tea',
          sku: 'TEA',
          quantity: 3,
          price: 4.2,
          category: 'drinks',
          product: { name: 'Tea' },
          weight: 250,
          height: 100,
          width: 60,
          length: 60,
          attributes: { organic: true },
          additionalCosts: { wrap: { price: 0.5 } },
        },
        { sku: 'MUG', quantity: 1, price: 12 },
      ],
    },
  },
  {
    type: 'Closed',
    data: {
      at: t1,
      effects: [{ effectId: 0, ruleName: 'mugs', type: 'setDiscountPerItem', scope: 'price', position: 1, subPosition: 0, value: 2 }],
    },
  },
]

/** A projection as a runtime returns it, with the profile's internal number. */
export const rich = (): SessionProjection => ({ ...project(fold(richHistory)), profileInternalId: 7 })

/** An anonymous open session with nothing optional set. */
export const minimal = (): SessionProjection =>
  project(fold([created({ at: t0, integrationId: 'cart-min', profileId: '', firstSession: true })]))
