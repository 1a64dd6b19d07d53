import type { FastifyInstance } from 'fastify'
import * as Talon4 from 'talon_one'
import * as Talon5 from 'talon_one_5'
import type { DiscountPolicy } from '../../src/index.ts'
import { createTalonServer, type TalonServerOptions } from '../../src/talon/index.ts'

/** Talon.One's SDK in the two generations the server is verified with. */
export const sdks = { '4.3.0': Talon4, '5.0.1-rc': Talon5 } as const
export type Sdk = (typeof sdks)[keyof typeof sdks]

/** A clock that moves one minute on every reading, from 2026-01-01T10:00Z. */
export const tickingClock = (start = Date.parse('2026-01-01T10:00:00.000Z')): (() => Date) => {
  let minutes = 0
  return () => new Date(start + 60_000 * minutes++)
}

/** 10% off the cart with the coupon SAVE; 1 off each mug; 2 off shipping. */
export const policy: DiscountPolicy = {
  rules: [
    { name: 'ten', target: { type: 'session', scope: 'cartItems' }, percent: 10, when: { coupon: 'SAVE' } },
    { name: 'mug', target: { type: 'item', scope: 'price', skus: ['MUG'] }, amount: 1 },
    { name: 'ship', target: { type: 'additionalCost', name: 'shipping' }, amount: 2 },
  ],
}

/** Runs `test` against a server on a loopback port, then closes it. */
export const withServer = async (options: TalonServerOptions, test: (basePath: string, app: FastifyInstance) => Promise<void>): Promise<void> => {
  const app = await createTalonServer({ clock: tickingClock(), ...options })
  const basePath = await app.listen({ host: '127.0.0.1', port: 0 })
  try {
    await test(basePath, app)
  } finally {
    await app.close()
  }
}

/** The SDK's clients for a server, with the keys given (any key will do on a development server). */
export const clientsFor = <S extends Sdk>(sdk: S, basePath: string, keys: { api?: string; management?: string } = {}) => {
  const client = new sdk.ApiClient()
  client.basePath = basePath
  const auth = client.authentications as unknown as Record<string, { apiKey?: string; apiKeyPrefix?: string }>
  auth.api_key_v1!.apiKey = keys.api ?? 'dev-key'
  auth.api_key_v1!.apiKeyPrefix = 'ApiKey-v1'
  // 5.x has a `management_key` scheme; 4.3.0 only `manager_auth`, which takes the same header.
  const management = auth.management_key ?? auth.manager_auth!
  management.apiKey = keys.management ?? 'dev-management-key'
  management.apiKeyPrefix = 'ManagementKey-v1'
  return {
    client: client as InstanceType<S['ApiClient']>,
    integration: new sdk.IntegrationApi(client as never) as InstanceType<S['IntegrationApi']>,
    management: new sdk.ManagementApi(client as never) as InstanceType<S['ManagementApi']>,
  }
}

/** The fields of the SDK's models the tests read (its typings leave most of them `any`). */
export interface EffectModel {
  readonly campaignId: number
  readonly rulesetId: number
  readonly ruleIndex: number
  readonly ruleName: string
  readonly effectType: string
  readonly triggeredByCoupon?: number
  readonly props: { readonly value: number; readonly [key: string]: unknown }
}
export interface CartItemModel {
  readonly sku: string
  readonly quantity: number
  readonly returnedQuantity?: number
  readonly remainingQuantity?: number
  readonly position?: number
}

/** What the SDK rejects with when the server refuses: the status and Talon.One's error body. */
export interface Refusal {
  readonly status: number
  readonly body: { message: string; errors: Array<{ title: string; details: string; source: { pointer?: string; parameter?: string } }> }
}

export const refusal = async (request: Promise<unknown>): Promise<Refusal> => {
  try {
    await request
  } catch (error) {
    return error as Refusal
  }
  throw new Error('expected the server to refuse the request')
}

export const tea = { sku: 'TEA', quantity: 2, price: 4.5 }
export const mug = { sku: 'MUG', quantity: 2, price: 12 }

/** Sums amounts exactly enough for assertions on cents. */
export const sum = (values: ReadonlyArray<number>): number => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100
