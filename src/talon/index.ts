/**
 * `cartfold/talon`: the Talon.One-shaped views of a projection, the Talon.One wire adapter, and the
 * Talon.One layer over the session service.
 * @module cartfold/talon
 */

// The Talon.One-shaped views of a projection.
export { CartItemViewCodec, type CartItemView } from './cart-item-view.ts'
export { CustomerSessionV2Codec, toCustomerSessionV2, type CustomerSessionV2 } from './customer-session-v2.ts'
export {
  CustomerSessionV2LegacyCodec,
  toCustomerSessionV2Legacy,
  type CustomerSessionV2Legacy,
} from './customer-session-v2-legacy.ts'
export { CustomerSessionCodec, toCustomerSession, type CustomerSession } from './customer-session.ts'
export { ApplicationSessionCodec, toApplicationSession, type ApplicationSession } from './application-session.ts'

// The Talon.One wire adapter: integration requests in, session commands out.
export {
  NewCustomerSessionV2Codec,
  ReturnCartItemsRequestCodec,
  UpdateCustomerSessionV2RequestCodec,
  type NewCustomerSessionV2,
  type ReturnCartItemsRequest,
  type ReturnedCartItem,
  type UpdateCustomerSessionV2Request,
} from './talon-payloads.ts'
export { commandsFromUpdateV2, type UpdateV2Options } from './update-v2.ts'
export { commandFromReturn } from './return-v2.ts'
export { withTalonAdapter, type TalonAdapterOptions, type TalonResponse, type TalonSessionService } from './talon-service.ts'

// Talon.One's effect envelope, and the HTTP API (see docs/http.md).
export { toTalonEffects, type TalonEffect, type TalonEffectsContext, type TalonEffectsInput } from './effects-envelope.ts'
export { createTalonServer, talonRoutes, type TalonServerOptions } from './http/plugin.ts'
export type { TalonHttpOptions } from './http/context.ts'
export { TalonKeysCodec, type TalonKeys } from './http/keys.ts'
export type { TalonErrorBody } from './http/errors.ts'
