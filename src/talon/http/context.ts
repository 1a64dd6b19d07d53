import * as O from 'fp-ts/lib/Option.js'
import type { DiscountPolicy } from '../../domain/discounts.ts'
import type { Effect } from '../../domain/effects.ts'
import type { SessionEvent } from '../../domain/events.ts'
import { fold } from '../../domain/evolve.ts'
import type { SessionProjection } from '../../domain/project.ts'
import { createSessionService } from '../../service/session-service.ts'
import type { SessionStore } from '../../service/session-store.ts'
import { type TalonSessionService, withTalonAdapter } from '../talon-service.ts'
import { createInMemoryEventStore } from '../../store/in-memory-event-store.ts'
import { authorizer, type Authorizer, type TalonKeys } from './keys.ts'

/**
 * What the Talon.One routes serve.
 * @since 0.1.0
 * @category http
 */
export interface TalonHttpOptions {
  /** an in-memory store by default; the routes never close it (it is the caller's) */
  readonly store?: SessionStore
  /** evaluated at close, and for the discount preview of open sessions */
  readonly policy?: DiscountPolicy
  /** the currency of the sessions the routes create (the service's default, `USD`, otherwise) */
  readonly currency?: string
  /** the accepted keys; without, a development server that accepts any key (see `docs/http.md`) */
  readonly keys?: TalonKeys
  /** the business time of decided events; the system clock by default */
  readonly clock?: () => Date
  /** where the service reports what its read models could not apply */
  readonly onWarning?: (message: string) => void
}

/** The service behind the routes, with what the routes need beside it. */
export interface TalonHttpContext {
  readonly store: SessionStore
  readonly policy: DiscountPolicy | undefined
  /** the Talon.One layer over the service, for the requests that create no session */
  readonly service: TalonSessionService
  readonly authorize: Authorizer
  /** the service answering one application's requests: the sessions it creates are that application's */
  readonly forApplication: (applicationId: number) => TalonSessionService
  /** the application a session belongs to; `undefined` when there is no such session */
  readonly applicationOf: (integrationId: string) => Promise<number | undefined>
  /** learns a session's application from an answer (a session never changes application) */
  readonly remember: (projection: Pick<SessionProjection, 'integrationId' | 'applicationId'>) => void
  /** the effects granted to a session as of a stream version: what a later roll-back refers to */
  readonly grantedAt: (integrationId: string, version: number) => Promise<ReadonlyArray<Effect>>
  readonly close: () => void
}

export const createTalonHttpContext = (options: TalonHttpOptions): TalonHttpContext => {
  const store = options.store ?? createInMemoryEventStore()
  const { policy, currency } = options
  const base = createSessionService({
    store,
    ...(policy === undefined ? {} : { policy }),
    ...(currency === undefined ? {} : { currency }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  })
  const service = withTalonAdapter(base)
  const adapters = new Map<number, TalonSessionService>()
  // Sessions never change application, so what was learnt stays true.
  const applications = new Map<string, number>()

  const forApplication = (applicationId: number): TalonSessionService => {
    let adapted = adapters.get(applicationId)
    if (adapted === undefined) {
      adapted = withTalonAdapter(base, { applicationId })
      adapters.set(applicationId, adapted)
    }
    return adapted
  }

  const remember: TalonHttpContext['remember'] = ({ integrationId, applicationId }) => {
    applications.set(integrationId, applicationId)
  }

  const applicationOf = async (integrationId: string): Promise<number | undefined> => {
    const known = applications.get(integrationId)
    if (known !== undefined) return known
    const found = await service.get(integrationId)
    if (O.isNone(found)) return undefined
    remember(found.value)
    return found.value.applicationId
  }

  const grantedAt = async (integrationId: string, version: number): Promise<ReadonlyArray<Effect>> => {
    if (version <= 0) return []
    const read = await store.readStream(integrationId, { to: version })
    return fold(read.events as ReadonlyArray<SessionEvent>).effects
  }

  return {
    store,
    policy,
    service,
    authorize: authorizer(options.keys),
    forApplication,
    applicationOf,
    remember,
    grantedAt,
    close: service.close,
  }
}
