import type { Decider, DefaultCommandMetadata } from '@event-driven-io/emmett'
import type { SessionCommand } from '../domain/commands.ts'
import { decide } from '../domain/decide/index.ts'
import type { DiscountPolicy } from '../domain/discounts.ts'
import { describeThrown } from '../domain/messages.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { evolve } from '../domain/evolve.ts'
import { initialState, isTerminal, type SessionState } from '../domain/state.ts'
import { copyBatch } from '../store/frozen-copy.ts'
import { toEmmettError } from './errors.ts'

/**
 * What an Emmett decider decides with: Emmett calls `decide(command, state)` with nothing else,
 * so the edges of the world are given once, here.
 * @since 0.1.0
 * @category emmett
 */
export interface EmmettDeciderOptions {
  /**
   * the business time of a command that carries no `metadata.now` (Emmett's
   * `DefaultCommandMetadata`); `() => new Date()` by default
   */
  readonly clock?: () => Date
  /** the discount policy evaluated at close */
  readonly policy?: DiscountPolicy
  /** ids for returns sent without a `returnId` */
  readonly newId?: () => string
  /** the currency of sessions created without one (`USD` by default) */
  readonly currency?: string
}

/**
 * A session command as Emmett sends it: optionally with Emmett's default metadata, whose `now`
 * is then the business time of the events decided.
 * @since 0.1.0
 * @category emmett
 */
export type EmmettSessionCommand = SessionCommand & { readonly metadata?: DefaultCommandMetadata; readonly kind?: 'Command' }

/**
 * The session decider in Emmett's shape, `isTerminal` included.
 * @since 0.1.0
 * @category emmett
 */
export type EmmettSessionDecider = Decider<SessionState, EmmettSessionCommand, SessionEvent> & {
  /** whether the session takes no more commands (it is cancelled) */
  readonly isTerminal: (state: SessionState) => boolean
}

const actionOf = (command: unknown): string => {
  const type = typeof command === 'object' && command !== null ? (command as { type?: unknown }).type : undefined
  return typeof type === 'string' ? type : 'the command'
}

/**
 * The session decider in Emmett's shape, for `DeciderSpecification.for` and
 * `DeciderCommandHandler`: `initialState` is a function, `decide(command, state)` returns the
 * events, and a refusal is thrown as Emmett's error type for it, carrying the `SessionError`
 * (see `toEmmettError`). The events are deep-frozen copies, sharing nothing with the command.
 *
 * @example
 * import { DeciderCommandHandler, getInMemoryEventStore } from '@event-driven-io/emmett'
 * import { emmettDecider } from 'cartfold/emmett'
 *
 * const handle = DeciderCommandHandler(emmettDecider({ clock: () => new Date() }))
 * await handle(getInMemoryEventStore(), 'cart-1', { type: 'CreateSession', data: { integrationId: 'cart-1', applicationId: 1 } })
 *
 * @since 0.1.0
 * @category emmett
 */
export const emmettDecider = (options: EmmettDeciderOptions = {}): EmmettSessionDecider => {
  const { policy, newId, currency } = options
  const clock = options.clock ?? (() => new Date())

  /**
   * The command without Emmett's envelope (`kind`, `metadata`: the command codec refuses fields it
   * does not know), and the business time: `metadata.now`, or the clock's reading. The one guard
   * around user code here.
   */
  const unwrap = (command: EmmettSessionCommand): { message: unknown; now: string } => {
    if (typeof command !== 'object' || command === null) return { message: command, now: new Date(0).toISOString() }
    let failed = { path: 'metadata', what: 'its metadata could not be read' }
    try {
      const { metadata, kind: _kind, ...message } = command
      const given = metadata?.now
      failed = given === undefined ? { path: 'clock', what: 'the clock gave no usable time' } : { path: 'metadata.now', what: 'metadata.now is no usable time' }
      return { message, now: (given ?? clock()).toISOString() }
    } catch (cause) {
      const action = actionOf(command)
      throw toEmmettError(sessionError('ValidationFailed', `${action} refused: ${failed.what}: ${describeThrown(cause)}`, { path: failed.path, action }))
    }
  }

  return {
    initialState: () => initialState,
    evolve,
    decide: (command, state) => {
      const { message, now } = unwrap(command)
      const decision = decide(message, state, { now, policy, newId, currency })
      if (decision._tag === 'Left') throw toEmmettError(decision.left)
      const events = copyBatch(decision.right, state.integrationId)
      if (!Array.isArray(events)) throw toEmmettError(events as SessionError)
      return events as SessionEvent[]
    },
    isTerminal,
  }
}
