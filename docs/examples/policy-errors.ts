import { decodePolicy, parsePolicy } from 'cartfold'

// A policy is decoded once, where it comes in: from a value, or from a file's text.
const decoded = decodePolicy({ rules: [{ name: 'x', target: { type: 'basket' }, percent: 5 }] })
if (decoded._tag === 'Left') console.log(`${decoded.left.code} at ${decoded.left.path}:\n  ${decoded.left.message}`)

const parsed = parsePolicy('{ "rules": [') // text that is not JSON is refused too
if (parsed._tag === 'Left') console.log(parsed.left.code, parsed.left.message.startsWith('invalid discount policy: not JSON'))

const valid = parsePolicy('{ "rules": [{ "name": "tenOff", "target": { "type": "session", "scope": "cartItems" }, "percent": 10 }] }')
if (valid._tag === 'Right') console.log(`${valid.right.rules.length} rule, rounding ${valid.right.rounding ?? 'halfUp (the default)'}`)
