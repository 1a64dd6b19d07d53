// The main job (`npm start`): decode the example session history, fold it and print its projection.
import { readFileSync } from 'node:fs'
import { describeError, fold, project, SessionEventCodec, type SessionEvent } from 'cartfold'

const raw: unknown = JSON.parse(readFileSync(new URL('./history.json', import.meta.url), 'utf8'))
const events: SessionEvent[] = []
for (const [index, item] of (Array.isArray(raw) ? raw : []).entries()) {
  const decoded = SessionEventCodec.decode(item)
  if (decoded._tag === 'Left') {
    console.error(`event ${index}: ${describeError(decoded.left).message}`)
    process.exit(1)
  }
  events.push(decoded.right)
}
const session = project(fold(events))
console.log(`${session.integrationId} (${session.state}) after ${session.updateCount} events`)
console.table(
  session.cartItems.map(({ position, sku, price, quantity, returnedQuantity, remainingQuantity }) => ({
    position,
    sku,
    price,
    quantity,
    returnedQuantity,
    remainingQuantity,
  })),
)
const { cartItemTotal, additionalCostTotal, cartItemAdditionalCostTotal, total, returns } = session
console.log(JSON.stringify({ cartItemTotal, additionalCostTotal, cartItemAdditionalCostTotal, total, returns }, null, 2))
