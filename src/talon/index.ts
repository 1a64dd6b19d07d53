// `cartfold/talon`: the Talon.One-shaped views of a projection and the Talon.One wire adapter.
// (The modules move from src/views/ to src/talon/; this entry names them wherever they are.)

// The Talon.One-shaped views of a projection.
export { CartItemViewCodec, type CartItemView } from '../views/cart-item-view.ts'
export { CustomerSessionV2Codec, toCustomerSessionV2, type CustomerSessionV2 } from '../views/customer-session-v2.ts'
export {
  CustomerSessionV2LegacyCodec,
  toCustomerSessionV2Legacy,
  type CustomerSessionV2Legacy,
} from '../views/customer-session-v2-legacy.ts'
export { CustomerSessionCodec, toCustomerSession, type CustomerSession } from '../views/customer-session.ts'
export { ApplicationSessionCodec, toApplicationSession, type ApplicationSession } from '../views/application-session.ts'

// The Talon.One wire adapter: integration requests in, session commands out.
export {
  NewCustomerSessionV2Codec,
  ReturnCartItemsRequestCodec,
  UpdateCustomerSessionV2RequestCodec,
  type NewCustomerSessionV2,
  type ReturnCartItemsRequest,
  type UpdateCustomerSessionV2Request,
} from '../views/talon-payloads.ts'
export { commandsFromUpdateV2, type UpdateV2Options } from '../views/update-v2.ts'
export { commandFromReturn } from '../views/return-v2.ts'
export { cartDiff, type CartDiff } from '../views/cart-diff.ts'
export { decideAll, type ApplyDecision } from '../views/decide-all.ts'
export {
  createTalonSessionService,
  withTalonAdapter,
  type TalonAdapterOptions,
  type TalonResponse,
  type TalonSessionService,
} from '../service/talon-adapter.ts'
