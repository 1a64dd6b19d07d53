import type { DecideContext } from '../domain/decide/context.ts'
import { decide } from '../domain/decide/index.ts'
import type { SessionError, SessionErrorCode } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import { fold } from '../domain/evolve.ts'
import { defaultContext } from './builders.ts'
import { expectEqual, fail } from './expect-equal.ts'

/**
 * The outcome a spec expects of one command.
 * @since 0.1.0
 * @category testing
 */
export interface DeciderThen {
  /** the command is accepted and emits exactly these events, in this order */
  readonly then: (expected: ReadonlyArray<SessionEvent>) => void
  /**
   * the command is refused with `code`; a string `message` must occur in the refusal's message,
   * a RegExp match it. Returns the refusal, for further checks.
   */
  readonly thenRefuses: (code: SessionErrorCode, message?: string | RegExp) => SessionError
  /** the events emitted, for checks of one's own; a refusal fails the test */
  readonly events: () => SessionEvent[]
}

/** @since 0.1.0 @category testing */
export interface DeciderWhen {
  /** the command decided on the state the given events left */
  readonly when: (command: unknown) => DeciderThen
}

const listed = (events: ReadonlyArray<SessionEvent>): string => JSON.stringify(events, null, 2)

/** Checks a refusal's code and message: shared with the service spec. */
export const expectRefusal = (error: SessionError, code: SessionErrorCode, message?: string | RegExp): SessionError => {
  if (error.code !== code) fail(`expected a refusal ${code}, got ${error.code}: ${error.message}`, { actual: error.code, expected: code })
  const matches = message === undefined || (typeof message === 'string' ? error.message.includes(message) : message.test(error.message))
  if (!matches) fail(`the ${code} refusal's message ${JSON.stringify(error.message)} does not ${typeof message === 'string' ? 'contain' : 'match'} ${String(message)}`)
  return error
}

/**
 * Given / when / then for the decider: `history` is folded into the state, `command` decided in
 * `context`, and the emitted events compared with the expected ones exactly and in order. A
 * mismatch throws node's `AssertionError` naming the first difference and showing a diff, so any
 * test runner reports it.
 *
 * @example
 * import { addItems, cartItem, created, given, itemsAdded } from 'cartfold/testing'
 *
 * given([created()]).when(addItems(cartItem({ sku: 'TEA' }))).then([itemsAdded([cartItem({ sku: 'TEA' })])])
 * given([]).when(addItems(cartItem())).thenRefuses('SessionNotFound')
 *
 * @since 0.1.0
 * @category testing
 */
export const given = (history: ReadonlyArray<SessionEvent>, context: DecideContext = defaultContext): DeciderWhen => ({
  when: (command) => {
    const result = decide(command, fold(history), context)
    const events = (): SessionEvent[] =>
      result._tag === 'Right' ? result.right : fail(`expected events, got a refusal ${result.left.code}: ${result.left.message}`)
    return {
      then: (expected) => {
        if (result._tag === 'Left') {
          fail(`expected events, got a refusal ${result.left.code}: ${result.left.message}\nexpected:\n${listed(expected)}`, {
            actual: result.left,
            expected,
          })
        }
        expectEqual(events(), expected, 'events')
      },
      thenRefuses: (code, message) =>
        result._tag === 'Left'
          ? expectRefusal(result.left, code, message)
          : fail(`expected a refusal ${code}, got events:\n${listed(result.right)}`, { actual: result.right, expected: code }),
      events,
    }
  },
})
