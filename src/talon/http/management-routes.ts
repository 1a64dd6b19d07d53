import * as E from 'fp-ts/lib/Either.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type * as t from 'io-ts'
import { closed, describeError, isoTimestamp, oneOf, text } from '../../domain/codec-kit.ts'
import type { SessionProjection } from '../../domain/project.ts'
import type { ListQuery } from '../../service/list-query.ts'
import { toApplicationSession, type ApplicationSession } from '../application-session.ts'
import { answered, failed, send } from './answers.ts'
import type { TalonHttpContext } from './context.ts'
import { failure, fromSessionError, type TalonFailure } from './errors.ts'

const count = (max: number) => text(1, String(max).length, /^\d+$/, 'digits')

/** The query of Talon.One's "list application sessions", as the query string carries it. */
const SessionsQueryCodec = closed('ApplicationSessionsQuery', {}, {
  pageSize: count(1000),
  skip: count(Number.MAX_SAFE_INTEGER),
  sort: oneOf('created', '-created'),
  profile: text(0, 1000),
  state: oneOf('open', 'closed', 'partially_returned', 'cancelled'),
  createdBefore: isoTimestamp,
  createdAfter: isoTimestamp,
  coupon: text(1, 100),
  referral: text(1, 100),
  integrationId: text(1, 1000),
  storeIntegrationId: text(1, 1000),
})
type SessionsQuery = t.TypeOf<typeof SessionsQueryCodec>

const refusedParameter = (errors: t.Errors): TalonFailure => {
  const { path, message } = describeError(errors)
  return failure(400, 'ValidationFailed', message, { parameter: path })
}

const decodeQuery = (query: unknown): E.Either<TalonFailure, SessionsQuery & { page: number; from: number }> => {
  // Fastify's query object is not a plain one: decode a plain copy of its own fields.
  const decoded = SessionsQueryCodec.decode(typeof query === 'object' && query !== null ? { ...query } : {})
  if (E.isLeft(decoded)) return E.left(refusedParameter(decoded.left))
  const page = decoded.right.pageSize === undefined ? 1000 : Number(decoded.right.pageSize)
  if (page < 1 || page > 1000) return E.left(failure(400, 'ValidationFailed', `pageSize: expected 1..1000, got ${page}`, { parameter: 'pageSize' }))
  return E.right({ ...decoded.right, page, from: decoded.right.skip === undefined ? 0 : Number(decoded.right.skip) })
}

const applicationIdOf = (raw: string): E.Either<TalonFailure, number> =>
  /^[1-9]\d{0,14}$/.test(raw)
    ? E.right(Number(raw))
    : E.left(failure(400, 'ValidationFailed', `applicationId: expected a positive integer, got ${JSON.stringify(raw)}`, { parameter: 'applicationId' }))

/**
 * Every session of an application that matches, newest first. The service's list filters what it
 * can (state, profile, store, dates) and pages of 1000 are read until the end; the application,
 * coupon, referral and integration id are matched here. A session created while the pages are read
 * can shift a page: one seen twice is kept once.
 */
const matching = async (context: TalonHttpContext, applicationId: number, query: SessionsQuery): Promise<E.Either<TalonFailure, SessionProjection[]>> => {
  const filters: ListQuery = {
    ...(query.state === undefined ? {} : { state: query.state }),
    ...(query.profile === undefined ? {} : { profileId: query.profile }),
    ...(query.storeIntegrationId === undefined ? {} : { storeIntegrationId: query.storeIntegrationId }),
    ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
    ...(query.createdBefore === undefined ? {} : { createdBefore: query.createdBefore }),
  }
  const keep = (p: SessionProjection): boolean =>
    p.applicationId === applicationId &&
    (query.integrationId === undefined || p.integrationId === query.integrationId) &&
    (query.coupon === undefined || p.couponCodes.includes(query.coupon)) &&
    (query.referral === undefined || p.referralCode === query.referral)
  const seen = new Set<string>()
  const out: SessionProjection[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await context.service.list({ ...filters, pageSize: 1000, skip })
    if (page.error !== undefined) return E.left(fromSessionError(page.error, []))
    for (const p of page.items) {
      if (seen.has(p.integrationId) || !keep(p)) continue
      seen.add(p.integrationId)
      out.push(p)
    }
    if (page.items.length < 1000 || skip + 1000 >= page.total) return E.right(out)
  }
}

const views = (projections: ReadonlyArray<SessionProjection>): ApplicationSession[] =>
  projections.flatMap((p) => {
    const view = toApplicationSession(p)
    return E.isRight(view) ? [view.right] : []
  })

/** The Management API's session routes, with `ApplicationSession` views and Talon.One's page shape. */
export const managementRoutes = (app: FastifyInstance, context: TalonHttpContext): void => {
  const authorized = (request: FastifyRequest<{ Params: { applicationId: string } }>): E.Either<TalonFailure, number> =>
    E.flatMap(() => applicationIdOf(request.params.applicationId))(context.authorize.management(request.headers.authorization))

  app.get('/v1/applications/:applicationId/sessions', async (request: FastifyRequest<{ Params: { applicationId: string } }>, reply) => {
    const applicationId = authorized(request)
    if (E.isLeft(applicationId)) return send(reply, failed(applicationId.left))
    const query = decodeQuery(request.query)
    if (E.isLeft(query)) return send(reply, failed(query.left))
    const { page, from, sort } = query.right
    const all = await matching(context, applicationId.right, query.right)
    if (E.isLeft(all)) return send(reply, failed(all.left))
    const ordered = sort === 'created' ? all.right.reverse() : all.right
    return send(reply, answered({ hasMore: ordered.length > from + page, data: views(ordered.slice(from, from + page)) }))
  })

  app.get('/v1/applications/:applicationId/sessions/:sessionId', async (request: FastifyRequest<{ Params: { applicationId: string; sessionId: string } }>, reply) => {
    const applicationId = authorized(request)
    if (E.isLeft(applicationId)) return send(reply, failed(applicationId.left))
    const raw = request.params.sessionId
    if (!/^[1-9]\d{0,14}$/.test(raw)) {
      return send(reply, failed(failure(400, 'ValidationFailed', `sessionId: expected the session's id, a positive integer, got ${JSON.stringify(raw)}`, { parameter: 'sessionId' })))
    }
    const all = await matching(context, applicationId.right, {})
    if (E.isLeft(all)) return send(reply, failed(all.left))
    const found = views(all.right.filter((p) => p.id === Number(raw)))[0]
    return found === undefined
      ? send(reply, failed(failure(404, 'SessionNotFound', `no session ${raw} in application ${applicationId.right}`, { parameter: 'sessionId' })))
      : send(reply, answered(found))
  })
}
