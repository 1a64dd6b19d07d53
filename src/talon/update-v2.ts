import * as E from 'fp-ts/lib/Either.js'
import { describeError } from '../domain/codec-kit.ts'
import type { CommandOf, SessionCommand } from '../domain/commands.ts'
import { uniqueCodes } from '../domain/cart-rules.ts'
import { changedDetails } from '../domain/decide/update.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionState } from '../domain/state.ts'
import { cartDiff } from './cart-diff.ts'
import { type NewCustomerSessionV2, type UpdateCustomerSessionV2Request, UpdateCustomerSessionV2RequestCodec } from './talon-payloads.ts'

/**
 * What the update request does not carry: the session is named in its URL, the application by its
 * API key.
 * @since 0.1.0
 * @category adapter
 */
export interface UpdateV2Options {
  readonly integrationId: string
  readonly applicationId: number
  /** the currency of a session this request creates (the decider's default otherwise) */
  readonly currency?: string
}

const action = 'updateCustomerSessionV2'

const invalid = (integrationId: string, path: string, message: string): E.Either<SessionError, never> =>
  E.left(sessionError('ValidationFailed', `${action} refused: ${message}`, { sessionId: integrationId, action, path }))

/** A new session: one `CreateSession` with everything sent (an empty string sets nothing). */
const create = (s: NewCustomerSessionV2, options: UpdateV2Options): E.Either<SessionError, SessionCommand[]> => {
  if (s.state === 'cancelled') {
    return invalid(options.integrationId, 'customerSession.state', 'customerSession.state: a session is created "open" or "closed", not "cancelled"')
  }
  const { state, cartItems, storeIntegrationId, referralCode, ...details } = s
  const data: CommandOf<'CreateSession'>['data'] = {
    integrationId: options.integrationId,
    applicationId: options.applicationId,
    ...(options.currency === undefined ? {} : { currency: options.currency }),
    ...details,
    ...(storeIntegrationId ? { storeIntegrationId } : {}),
    ...(referralCode ? { referralCode } : {}),
    ...(cartItems !== undefined && cartItems.length > 0 ? { cartItems } : {}),
    ...(state === 'closed' ? { state } : {}),
  }
  return E.right([{ type: 'CreateSession', data }])
}

/**
 * The details sent that differ from the session's (the decider's own rule): unchanged ones are
 * left out, so that a request repeating a closed session's details is not refused for "updating"
 * them.
 */
const detailsOf = (s: NewCustomerSessionV2, state: SessionState) =>
  changedDetails(state, {
    ...(s.profileId === undefined ? {} : { profileId: s.profileId }),
    ...(s.storeIntegrationId === undefined ? {} : { storeIntegrationId: s.storeIntegrationId }),
    ...(s.couponCodes === undefined ? {} : { couponCodes: uniqueCodes(s.couponCodes) }),
    ...(s.referralCode === undefined ? {} : { referralCode: s.referralCode }),
    ...(s.loyaltyCards === undefined ? {} : { loyaltyCards: s.loyaltyCards }),
    ...(s.identifiers === undefined ? {} : { identifiers: s.identifiers }),
    ...(s.attributes === undefined ? {} : { attributes: s.attributes }),
    ...(s.additionalCosts === undefined ? {} : { additionalCosts: s.additionalCosts }),
  })

/** The command that moves the session to the state sent, if it is not there yet. */
const stateChange = (s: NewCustomerSessionV2, state: SessionState): E.Either<SessionError, SessionCommand[]> => {
  if (s.state === undefined || s.state === state.state) return E.right([])
  switch (s.state) {
    case 'open':
      // Only a closed session can be reopened: decide refuses the others, as it would a direct command.
      return E.right([{ type: 'ReopenSession', data: {} }])
    case 'cancelled':
      return E.right([{ type: 'CancelSession', data: {} }])
    case 'closed':
      // Only an open session can be closed: decide refuses the others, as it would a direct command.
      return E.right([{ type: 'CloseSession', data: {} }])
  }
}

/**
 * A Talon.One "update customer session V2" body, decoded into a fresh value (the request as
 * `commandsFromRequest` takes it), or why it is refused.
 */
export const decodeUpdateV2 = (payload: unknown, integrationId: string): E.Either<SessionError, UpdateCustomerSessionV2Request> => {
  const decoded = UpdateCustomerSessionV2RequestCodec.decode(payload)
  if (E.isRight(decoded)) return decoded
  const { path, message } = describeError(decoded.left)
  return invalid(integrationId, path, message)
}

/** The commands for a decoded request (see `commandsFromUpdateV2`). */
export const commandsFromRequest = (
  state: SessionState,
  request: UpdateCustomerSessionV2Request,
  options: UpdateV2Options,
): E.Either<SessionError, SessionCommand[]> => {
  const s = request.customerSession
  if (state.state === 'none') return create(s, options)
  if (state.integrationId !== options.integrationId) {
    return invalid(options.integrationId, 'integrationId', `integrationId: the state given is the session ${JSON.stringify(state.integrationId)}`)
  }
  const change = stateChange(s, state)
  if (E.isLeft(change)) return change
  const commands: SessionCommand[] = []
  const reopening = s.state === 'open' && state.state !== 'open'
  if (reopening) commands.push(...change.right)
  if (s.cartItems !== undefined) {
    const { remove, add } = cartDiff(state.cartItems, s.cartItems)
    if (remove.length > 0) commands.push({ type: 'RemoveItems', data: { items: remove } })
    if (add.length > 0) commands.push({ type: 'AddItems', data: { cartItems: add } })
  }
  const details = detailsOf(s, state)
  if (Object.keys(details).length > 0) commands.push({ type: 'UpdateSession', data: details })
  if (!reopening) commands.push(...change.right)
  return E.right(commands)
}

/**
 * The commands that bring a session to the shape a Talon.One "update customer session V2" request
 * sends, in order: a `CreateSession` when the session does not exist; otherwise the cart
 * difference (`RemoveItems`, then `AddItems`), the changed details (`UpdateSession`), then the
 * state change (`CloseSession`, `CancelSession`), except that a reopen (`ReopenSession`) comes
 * first, so that the changes after it apply to the open session. Talon.One's rules: an omitted
 * field keeps its value, an empty list or string clears it, a sent cart replaces the whole cart.
 * Nothing is decided here: a command the session's state does not allow is returned all the same,
 * and `decide` refuses it with the error the same direct command would get.
 * @since 0.1.0
 * @category adapter
 */
export const commandsFromUpdateV2 = (
  state: SessionState,
  payload: unknown,
  options: UpdateV2Options,
): E.Either<SessionError, SessionCommand[]> =>
  E.flatMap(decodeUpdateV2(payload, options.integrationId), (request) => commandsFromRequest(state, request, options))
