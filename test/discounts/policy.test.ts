import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodePolicy, DiscountPolicyCodec, parsePolicy } from '../../src/index.ts'
import { policyOf, session } from './support.ts'

const codec = suite('discounts: the policy codec')

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'r',
  target: { type: 'session', scope: 'cartItems' },
  percent: 10,
  ...overrides,
})
const refused = (json: unknown, path: string, message: string | RegExp) => {
  const decoded = decodePolicy(json)
  if (decoded._tag === 'Right') return assert.unreachable(`expected a refusal at ${path}`)
  assert.is(decoded.left.code, 'ValidationFailed')
  assert.is(decoded.left.path, path)
  if (typeof message === 'string') assert.is(decoded.left.message, `invalid discount policy: ${path}: ${message}`)
  else assert.match(decoded.left.message, message)
}

codec('the example policy decodes, and the codec is its identity', () => {
  const json = JSON.parse(readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8'))
  const decoded = decodePolicy(json)
  assert.ok(decoded._tag === 'Right')
  if (decoded._tag === 'Right') assert.equal(decoded.right, json)
  assert.ok(DiscountPolicyCodec.is(json))
  assert.equal(decodePolicy({ rules: [] }), { _tag: 'Right', right: { rules: [] } })
})

codec('docs/discounts.md shows the example policy whole, as shipped', () => {
  const doc = readFileSync(new URL('../../docs/discounts.md', import.meta.url), 'utf8')
  const shown = doc.split('shown whole:')[1]?.split('```json\n')[1]?.split('```')[0]
  const shipped = readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8')
  assert.equal(JSON.parse(shown ?? 'null'), JSON.parse(shipped))
})

codec('an unknown target, duplicate names, a percent outside 0..100, a negative amount', () => {
  refused({ rules: [rule({ target: { type: 'basket' } })] }, 'policy.rules[0].target.type', 'unknown target "basket", expected one of session, item, additionalCost')
  refused({ rules: [rule({ target: 'session' })] }, 'policy.rules[0].target.type', /unknown target undefined/)
  refused({ rules: [rule(), rule({ name: 's' }), rule({ name: 'r' })] }, 'policy.rules[2].name', 'duplicate rule name "r" (also rules[0])')
  refused({ rules: [rule({ percent: 100.5 })] }, 'policy.rules[0].percent', 'expected a percentage in 0..100, got 100.5')
  refused({ rules: [rule({ percent: -1 })] }, 'policy.rules[0].percent', 'expected a percentage in 0..100, got -1')
  refused({ rules: [rule({ percent: '10' })] }, 'policy.rules[0].percent', 'expected a percentage in 0..100, got "10"')
  refused({ rules: [rule({ percent: 12.34567 })] }, 'policy.rules[0].percent', 'expected at most 4 fraction digits, got 12.34567')
  refused({ rules: [rule({ percent: undefined, amount: -0.01 })] }, 'policy.rules[0].amount', 'expected a non-negative amount, got -0.01')
  refused({ rules: [rule({ percent: undefined, amount: Number.NaN })] }, 'policy.rules[0].amount', 'expected a finite number, got NaN')
  refused({ rules: [rule({ percent: undefined, amount: 1.0001 })] }, 'policy.rules[0].amount', /at most 3 fraction digits/)
})

codec('a rule has exactly one of percent or amount, one match list, a name without "#", known fields only', () => {
  refused({ rules: [rule({ amount: 5 })] }, 'policy.rules[0]', 'expected exactly one of "percent" or "amount"')
  refused({ rules: [rule({ percent: undefined })] }, 'policy.rules[0]', 'expected exactly one of "percent" or "amount"')
  refused(
    { rules: [rule({ target: { type: 'item', scope: 'price', skus: ['a'], categories: ['b'] } })] },
    'policy.rules[0].target',
    'an item target matches by skus or by categories, not both',
  )
  refused({ rules: [rule({ target: { type: 'item', scope: 'cartItems' } })] }, 'policy.rules[0].target.scope', /expected "price" \| "additionalCosts" \| "itemTotal"/)
  refused({ rules: [rule({ target: { type: 'item', scope: 'price', skus: [] } })] }, 'policy.rules[0].target.skus', /expected 1\.\.1000 entries, got 0/)
  refused({ rules: [rule({ target: { type: 'additionalCost', name: '1st' } })] }, 'policy.rules[0].target.name', /a cost name/)
  refused({ rules: [rule({ name: 'a#1' })] }, 'policy.rules[0].name', /without "#"/)
  refused({ rules: [rule({ discount: 5 })] }, 'policy.rules[0].discount', 'unknown field "discount"')
  refused({ rules: [rule({ when: { coupon: false } })] }, 'policy.rules[0].when.coupon', /expected true \(any code\) or a code/)
  refused({ rules: [rule({ when: { attributes: { tier: ['gold'] } } })] }, 'policy.rules[0].when.attributes.tier', /expected a string, finite number, boolean or null/)
  refused({ rules: [rule({ when: { minCartItemTotal: -5 } })] }, 'policy.rules[0].when.minCartItemTotal', /non-negative/)
  refused({ rules: [], rounding: 'up' }, 'policy.rounding', /expected "halfUp" \| "halfEven" \| "down"/)
  refused({ rule: [] }, 'policy.rules', /required/)
  refused(null, 'policy', /expected an object/)
})

codec('parsePolicy reads a file\'s text', () => {
  assert.equal(parsePolicy('{"rules":[]}'), { _tag: 'Right', right: { rules: [] } })
  const notJson = parsePolicy('{ rules: [] }')
  assert.ok(notJson._tag === 'Left' && notJson.left.code === 'ValidationFailed' && /not JSON/.test(notJson.left.message))
})

codec('a decoded policy is a fresh object: changing the input afterwards changes nothing', () => {
  const json = { rules: [rule()] }
  const policy = policyOf(json)
  json.rules[0]!.percent = 90
  const s = session(policy, { cartItems: [{ sku: 'a', quantity: 1, price: 10 }] })
  assert.equal(s.close().effects.map((e) => e.value), [1])
})

codec.run()
