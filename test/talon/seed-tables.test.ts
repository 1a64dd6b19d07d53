import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type SessionError, type SessionProjection } from '../../src/index.ts'
import { ApplicationSessionCodec, CustomerSessionCodec, CustomerSessionV2Codec, CustomerSessionV2LegacyCodec, toApplicationSession, toCustomerSession, toCustomerSessionV2, toCustomerSessionV2Legacy } from '../../src/talon/index.ts'
import type { Codec } from '../../src/domain/codec-kit.ts'
import { minimal, rich } from './fixtures.ts'

// The views are checked against the seed documents' field tables (the Talon.One SDK model pages),
// kept as fixtures in test/fixtures/seeds/: each page's "Properties" table as it lists it (the
// SDK's field name and type spelling, and whether it is marked optional), written once by
// scripts/seed-fixtures.ts. The SDK spellings are mapped to wire names and kinds here, so that the
// fixtures stay a plain copy of the tables.
const seedsDir = join(import.meta.dirname, '..', 'fixtures', 'seeds')

interface SeedField {
  /** the JSON wire name */
  name: string
  kind: Kind
  optional: boolean
}
interface Seed {
  file: string
  title: string
  fields: SeedField[]
}

type Kind = 'string' | 'datetime' | 'integer' | 'number' | 'boolean' | 'strings' | 'cartItems' | 'numberMap' | 'costMap' | 'object'

/** Each SDK's spelling of the seeds' types. */
const kinds: Record<string, Kind> = {
  String: 'string', string: 'string',
  DateTime: 'datetime', Date: 'datetime', 'time.Time': 'datetime',
  Integer: 'integer', int32: 'integer',
  Float: 'number', float32: 'number', Number: 'number',
  Boolean: 'boolean', bool: 'boolean',
  'Array<String>': 'strings', '[String]': 'strings', '[]string': 'strings',
  'Array<CartItem>': 'cartItems', '[CartItem]': 'cartItems', '[]CartItem': 'cartItems',
  'Hash<String, Float>': 'numberMap', 'map[string]float32': 'numberMap',
  'Hash<String, AdditionalCost>': 'costMap', '{String: AdditionalCost}': 'costMap',
  Object: 'object', '*interface{}': 'object',
}

/** snake_case (Ruby) and PascalCase (Go) to the camelCase wire name; `profileintegrationid` stays. */
const wireName = (sdkName: string): string =>
  sdkName.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase())

interface SeedFixture {
  title: string
  source: string
  fields: Array<{ name: string; type: string; optional: boolean }>
}

const parseSeed = (file: string): Seed => {
  const fixture = JSON.parse(readFileSync(join(seedsDir, file), 'utf8')) as SeedFixture
  const fields = fixture.fields.map((f): SeedField => {
    const kind = kinds[f.type]
    if (kind === undefined) throw new Error(`${file}: unknown seed type ${f.type} of ${f.name}`)
    return { name: wireName(f.name), kind, optional: f.optional }
  })
  return { file, title: fixture.title, fields }
}

const cartItemWireFields = new Set([
  'name', 'sku', 'quantity', 'returnedQuantity', 'remainingQuantity', 'price', 'category', 'product',
  'weight', 'height', 'width', 'length', 'position', 'attributes', 'additionalCosts',
])
const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)
const isCost = (u: unknown) => isObject(u) && Object.keys(u).length === 1 && typeof u.price === 'number'

const matches: Record<Kind, (u: unknown) => boolean> = {
  string: (u) => typeof u === 'string',
  datetime: (u) => typeof u === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(u) && !Number.isNaN(Date.parse(u)),
  integer: (u) => Number.isSafeInteger(u),
  number: (u) => typeof u === 'number' && Number.isFinite(u),
  boolean: (u) => typeof u === 'boolean',
  strings: (u) => Array.isArray(u) && u.every((s) => typeof s === 'string'),
  cartItems: (u) =>
    Array.isArray(u) &&
    u.every((item) => isObject(item) && typeof item.sku === 'string' && typeof item.quantity === 'number' && Object.keys(item).every((k) => cartItemWireFields.has(k))),
  numberMap: (u) => isObject(u) && Object.values(u).every((v) => typeof v === 'number'),
  costMap: (u) => isObject(u) && Object.values(u).every(isCost),
  object: isObject,
}

type View = (p: SessionProjection) => E.Either<SessionError, object>
const views: Record<string, { title: string; render: View; codec: Codec<any> }> = {
  'CustomerSessionV2 (JavaScript SDK)': { title: 'TalonOne.CustomerSessionV2', render: toCustomerSessionV2, codec: CustomerSessionV2Codec },
  'CustomerSessionV2 (Ruby SDK, legacy)': { title: 'TalonOne::CustomerSessionV2', render: toCustomerSessionV2Legacy, codec: CustomerSessionV2LegacyCodec },
  'CustomerSession V1 (Ruby SDK)': { title: 'TalonOne::CustomerSession', render: toCustomerSession, codec: CustomerSessionCodec },
  'ApplicationSession (Ruby SDK)': { title: 'TalonOne::ApplicationSession', render: toApplicationSession, codec: ApplicationSessionCodec },
}

const rendered = (render: View, p: SessionProjection): Record<string, unknown> => {
  const r = render(p)
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right as Record<string, unknown>
}

{
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.json')).map(parseSeed)
  const seedTitled = (title: string): Seed => {
    const found = seeds.filter((s) => s.title === title)
    assert.is(found.length, 1, `exactly one seed titled ${title}`)
    return found[0]!
  }

  test('the five seeds are parsed: each has its table of fields', () => {
    assert.is(seeds.length, 5)
    for (const seed of seeds) assert.ok(seed.fields.length >= 13, `${seed.file} (${seed.title}): ${seed.fields.length} fields`)
    assert.equal(seeds.map((s) => s.title).sort(), [
      'CustomerSession', 'TalonOne.CustomerSessionV2', 'TalonOne::ApplicationSession', 'TalonOne::CustomerSession', 'TalonOne::CustomerSessionV2',
    ])
  })

  for (const [label, { title, render, codec }] of Object.entries(views)) {
    test(`${label}: with every detail set, the fields are exactly the seed's, each of the seed's type`, () => {
      const seed = seedTitled(title)
      const view = rendered(render, rich())
      assert.equal(Object.keys(view).sort(), seed.fields.map((f) => f.name).sort(), `${seed.file}`)
      for (const field of seed.fields) {
        assert.ok(matches[field.kind](view[field.name]), `${seed.file}: ${field.name} should be ${field.kind}, is ${JSON.stringify(view[field.name])}`)
      }
    })

    test(`${label}: with nothing optional set, every required field is there, nothing the seed does not list`, () => {
      const seed = seedTitled(title)
      const view = rendered(render, minimal())
      const listed = new Map(seed.fields.map((f) => [f.name, f]))
      for (const key of Object.keys(view)) assert.ok(listed.has(key), `${seed.file} does not list ${key}`)
      for (const field of seed.fields) {
        if (!field.optional) assert.ok(field.name in view, `${seed.file}: required ${field.name} is missing`)
        if (field.name in view) assert.ok(matches[field.kind](view[field.name]), `${seed.file}: ${field.name} should be ${field.kind}`)
      }
    })

    test(`${label}: its codec accepts the view and refuses a field the seed does not list`, () => {
      for (const p of [rich(), minimal()]) {
        const view = rendered(render, p)
        const decoded = codec.decode(view)
        assert.ok(E.isRight(decoded), JSON.stringify(decoded))
        if (E.isRight(decoded)) assert.equal(decoded.right, view)
        assert.ok(E.isLeft(codec.decode({ ...view, cartItemAdditionalCostTotal: 0 })))
      }
      const seed = seedTitled(title)
      // What the seed requires, the codec requires (a view may always show a field the seed marks optional).
      const view = rendered(render, rich())
      for (const field of seed.fields.filter((f) => !f.optional)) {
        const { [field.name]: _, ...without } = view
        assert.ok(E.isLeft(codec.decode(without)), `${seed.file}: ${field.name} is required`)
      }
    })
  }

  test('the Go seed is the V1 shape without updated: the V1 view minus updated matches it field by field', () => {
    const seed = seedTitled('CustomerSession')
    const { updated: _, ...view } = rendered(toCustomerSession, rich())
    assert.equal(Object.keys(view).sort(), seed.fields.map((f) => f.name).sort())
    for (const field of seed.fields) assert.ok(matches[field.kind](view[field.name]), `${field.name} should be ${field.kind}`)
  })
}

test.run()
