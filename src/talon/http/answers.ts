import type { FastifyReply } from 'fastify'
import type { RollBack } from '../../domain/effects.ts'
import type { SessionEvent } from '../../domain/events.ts'
import type { TalonResponse } from '../talon-service.ts'
import { toTalonEffects, type TalonEffect } from '../effects-envelope.ts'
import type { TalonHttpContext } from './context.ts'
import { failure, type TalonFailure } from './errors.ts'

/** Sends an answer, or a failure in Talon.One's error shape. */
export const send = (reply: FastifyReply, answer: { readonly failure: TalonFailure } | { readonly body: unknown }): FastifyReply =>
  'failure' in answer ? reply.code(answer.failure.status).send(answer.failure.body) : reply.code(200).send(answer.body)

export const failed = (f: TalonFailure) => ({ failure: f })
export const answered = (body: unknown) => ({ body })

/** The roll-backs the events record (a reopen, a return, a cancel). */
export const rolledBackBy = (events: ReadonlyArray<SessionEvent>): RollBack[] => {
  const out: RollBack[] = []
  for (const event of events) {
    if (event.type === 'Reopened' || event.type === 'ItemsReturned' || event.type === 'Cancelled') out.push(...event.data.rolledBack)
  }
  return out
}

/**
 * A request's effects in Talon.One's envelope: what it rolled back (looked up among the effects
 * granted before it, in the store), then what is still granted (a preview while open).
 */
export const effectsOf = async (
  context: TalonHttpContext,
  integrationId: string,
  answer: { readonly events: ReadonlyArray<SessionEvent>; readonly nextExpectedStreamVersion: number; readonly couponCodes: ReadonlyArray<string> },
  effects: TalonResponse['effects'],
): Promise<TalonEffect[]> => {
  const rolledBack = rolledBackBy(answer.events)
  const granted = rolledBack.length === 0 ? [] : await context.grantedAt(integrationId, answer.nextExpectedStreamVersion - answer.events.length)
  const policy = context.policy === undefined ? {} : { policy: context.policy }
  return toTalonEffects({ effects, rolledBack, granted }, { ...policy, couponCodes: answer.couponCodes })
}

/** Whether the request's `responseContent` asks for the session (the service has decoded it by now). */
export const wantsSession = (body: unknown): boolean => {
  const asked = typeof body === 'object' && body !== null ? (body as { responseContent?: unknown }).responseContent : undefined
  return Array.isArray(asked) && asked.includes('customerSession')
}

/** Talon.One's `IntegrationStateV2`, with the session when `responseContent` asked for it. */
export const integrationState = async (context: TalonHttpContext, integrationId: string, response: TalonResponse, withSession: boolean) => ({
  ...(withSession ? { customerSession: response.customerSession } : {}),
  effects: await effectsOf(context, integrationId, { ...response, couponCodes: response.customerSession.couponCodes }, response.effects),
  createdCoupons: [],
  createdReferrals: [],
})

/** `?dry=true|false`; any other query parameter is refused, by name. */
export const dryOf = (query: unknown): { readonly dry: boolean } | { readonly failure: TalonFailure } => {
  const given = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {}
  for (const key of Object.keys(given)) {
    if (key !== 'dry') return { failure: failure(400, 'ValidationFailed', `unknown query parameter ${JSON.stringify(key)}`, { parameter: key }) }
  }
  const dry = given.dry
  if (dry === undefined || dry === 'false') return { dry: false }
  if (dry === 'true') return { dry: true }
  return { failure: failure(400, 'ValidationFailed', `dry: expected true or false, got ${JSON.stringify(dry)}`, { parameter: 'dry' }) }
}

export const notFound = (integrationId: string, applicationId: number): TalonFailure =>
  failure(404, 'SessionNotFound', `no customer session ${JSON.stringify(integrationId)} in application ${applicationId}`, { parameter: 'customerSessionId' })
