import type { SessionErrorCode } from './errors.ts'
import type { SessionState } from './state.ts'

/**
 * The states each command and each event is allowed in (domain.md section 3): `decide` refuses a
 * command outside them, and `checkEvent` refuses an event a log applies outside them.
 */
export const allowedIn = {
  CreateSession: ['none'],
  AddItems: ['open'],
  RemoveItems: ['open'],
  UpdateSession: ['open'],
  CloseSession: ['open'],
  ReopenSession: ['closed'],
  ReturnItems: ['closed', 'partially_returned'],
  CancelSession: ['open', 'closed', 'partially_returned'],
  Created: ['none'],
  ItemsAdded: ['open'],
  ItemsRemoved: ['open'],
  Updated: ['open'],
  Closed: ['open'],
  Reopened: ['closed'],
  ItemsReturned: ['closed', 'partially_returned'],
  Cancelled: ['open', 'closed', 'partially_returned'],
} as const satisfies Record<string, ReadonlyArray<SessionState['state']>>

/** Whether a command or an event is allowed in a state. */
export const isAllowedIn = (action: keyof typeof allowedIn, state: SessionState['state']): boolean =>
  (allowedIn[action] as ReadonlyArray<SessionState['state']>).includes(state)

/**
 * Why a command or an event is refused in a state, or nothing when it is allowed: creating what
 * exists, acting on what does not, or a transition domain.md section 3 does not have.
 */
export const refusalOf = (
  action: keyof typeof allowedIn,
  state: SessionState['state'],
): { readonly code: SessionErrorCode; readonly reason: string } | undefined => {
  if (isAllowedIn(action, state)) return undefined
  if (action === 'CreateSession' || action === 'Created') return { code: 'SessionAlreadyExists', reason: 'the session already exists' }
  if (state === 'none') return { code: 'SessionNotFound', reason: 'the session does not exist' }
  return { code: 'InvalidTransition', reason: `allowed only when the session is ${allowedIn[action].join(' or ')}` }
}
