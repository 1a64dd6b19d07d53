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
