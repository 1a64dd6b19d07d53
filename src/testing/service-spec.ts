import * as E from 'fp-ts/lib/Either.js'
import type { SessionError, SessionErrorCode } from '../domain/errors.ts'
import type { SessionEvent } from '../domain/events.ts'
import type { SessionProjection } from '../domain/project.ts'
import { createSessionService, type SessionServiceOptions } from '../service/session-service.ts'
import { createInMemoryEventStore } from '../store/in-memory-event-store.ts'
import { now } from './builders.ts'
import { expectRefusal } from './decider-spec.ts'
import { expectEqual, fail } from './expect-equal.ts'

/**
 * The service a spec runs: the session service's options, except the store (each spec has an
 * in-memory store of its own). The clock reads `now` unless another is given.
 * @since 0.1.0
 * @category testing
 */
export type ServiceSpecOptions = Omit<SessionServiceOptions, 'store'>

/** @since 0.1.0 @category testing */
export interface ServiceThen {
  /** every command is accepted, and the session is then exactly `expected` */
  readonly then: (expected: SessionProjection) => Promise<void>
  /** a command is refused with `code` (and a message containing or matching `message`) */
  readonly thenRefuses: (code: SessionErrorCode, message?: string | RegExp) => Promise<SessionError>
  /** the session after the commands, for checks of one's own; a refusal fails the test */
  readonly projection: () => Promise<SessionProjection>
}

/** @since 0.1.0 @category testing */
export interface ServiceGiven {
  /**
   * The session `integrationId` (`s-1`) as these events left it: they are stored as they are,
   * without being decided.
   */
  readonly given: (history: ReadonlyArray<SessionEvent>, integrationId?: string) => {
    /** the commands, executed one after another on the session; the first refusal ends the run */
    readonly when: (...commands: unknown[]) => ServiceThen
  }
}

/**
 * A spec of the session service: given a session's events, when commands are executed, then the
 * session's projection, or the refusal. Each run has a fresh in-memory store and service, built
 * with `options` (a policy, a clock, an id source, a default currency).
 *
 * @example
 * import { addItems, cartItem, created, serviceSpec } from 'cartfold/testing'
 *
 * const projection = await serviceSpec().given([created()]).when(addItems(cartItem({ price: 4.2 }))).projection()
 * console.log(projection.total) // 4.2
 *
 * @since 0.1.0
 * @category testing
 */
export const serviceSpec = (options: ServiceSpecOptions = {}): ServiceGiven => ({
  given: (history, integrationId = 's-1') => ({
    when: (...commands) => {
      const run = async (): Promise<E.Either<SessionError, SessionProjection>> => {
        const store = createInMemoryEventStore()
        if (history.length > 0) {
          const stored = await store.appendToStream(integrationId, history, { expectedStreamVersion: 'no_stream' })
          if (E.isLeft(stored)) fail(`the given events could not be stored: ${stored.left.message}`)
        }
        const service = createSessionService({ clock: () => new Date(now), ...options, store })
        try {
          let last: SessionProjection | undefined
          for (const command of commands) {
            const result = await service.execute(integrationId, command)
            if (E.isLeft(result)) return result
            last = result.right.projection
          }
          if (last !== undefined) return E.right(last)
          const session = await service.get(integrationId)
          return session._tag === 'Some' ? E.right(session.value) : fail(`session ${JSON.stringify(integrationId)} does not exist: no events, no commands`)
        } finally {
          service.close()
        }
      }
      const projection = async (): Promise<SessionProjection> => {
        const result = await run()
        return E.isRight(result) ? result.right : fail(`expected the commands to be accepted, got a refusal ${result.left.code}: ${result.left.message}`)
      }
      return {
        then: async (expected) => expectEqual(await projection(), expected, 'projection'),
        thenRefuses: async (code, message) => {
          const result = await run()
          return E.isLeft(result)
            ? expectRefusal(result.left, code, message)
            : fail(`expected a refusal ${code}, got the session:\n${JSON.stringify(result.right, null, 2)}`, { actual: result.right, expected: code })
        },
        projection,
      }
    },
  }),
})
