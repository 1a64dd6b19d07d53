import { addItems, cartItem, cancelSession, closeSession, created, percentOff, policy, serviceSpec } from 'cartfold/testing'

// Each run gets a fresh in-memory store and session service, built with these options.
const spec = serviceSpec({ policy: policy(percentOff('spring', 10)) })
const cart = spec.given([created()])

const session = await cart.when(addItems(cartItem({ sku: 'TEA', price: 4.2, quantity: 5 })), closeSession()).projection()
console.log(`${session.state}, ${session.cartItemTotal}, discounts ${JSON.stringify(session.discounts)}`)

const refusal = await cart.when(cancelSession(), addItems(cartItem())).thenRefuses('InvalidTransition')
console.log(refusal.message)
