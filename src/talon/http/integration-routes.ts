import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { toCustomerSessionV2 } from '../customer-session-v2.ts'
import { answered, dryOf, effectsOf, failed, integrationState, notFound, send, wantsSession } from './answers.ts'
import type { TalonHttpContext } from './context.ts'
import { failure, fromSessionError } from './errors.ts'

type SessionRequest = FastifyRequest<{ Params: { customerSessionId: string } }>

const updateRoots = ['customerSession', 'responseContent']
const returnRoots = ['return', 'responseContent']

/** The Integration API's customer-session routes (Talon.One's paths, bodies and answers). */
export const integrationRoutes = (app: FastifyInstance, context: TalonHttpContext): void => {
  /** The application the request's key stands for, and the session it names, if it is that application's. */
  const caller = async (request: SessionRequest, mustExist: boolean) => {
    const application = context.authorize.application(request.headers.authorization)
    if (E.isLeft(application)) return failed(application.left)
    const integrationId = request.params.customerSessionId
    const owner = await context.applicationOf(integrationId)
    if (owner === undefined ? mustExist : owner !== application.right) return failed(notFound(integrationId, application.right))
    return { applicationId: application.right, integrationId, exists: owner !== undefined }
  }

  app.put('/v2/customer_sessions/:customerSessionId', async (request: SessionRequest, reply) => {
    const who = await caller(request, false)
    if ('failure' in who) {
      // A session of another application: cartfold's integration ids are unique across applications.
      if (who.failure.status !== 404) return send(reply, who)
      return send(reply, failed(failure(400, 'ValidationFailed', `${who.failure.body.errors[0]!.details}: the id is another application's session`, { parameter: 'customerSessionId' })))
    }
    const dry = dryOf(request.query)
    if ('failure' in dry) return send(reply, dry)
    const updated = await context.forApplication(who.applicationId).executeUpdateV2(who.integrationId, request.body, { dry: dry.dry })
    if (E.isLeft(updated)) return send(reply, failed(fromSessionError(updated.left, updateRoots)))
    if (!dry.dry) context.remember(updated.right.customerSession)
    return send(reply, answered(await integrationState(context, who.integrationId, updated.right, wantsSession(request.body))))
  })

  app.get('/v2/customer_sessions/:customerSessionId', async (request: SessionRequest, reply) => {
    const who = await caller(request, true)
    if ('failure' in who) return send(reply, who)
    const found = await context.service.get(who.integrationId)
    const projection = O.isSome(found) ? found.value : undefined
    const view = projection === undefined ? undefined : toCustomerSessionV2(projection)
    if (projection === undefined || view === undefined || E.isLeft(view)) return send(reply, failed(notFound(who.integrationId, who.applicationId)))
    const effects = await effectsOf(context, who.integrationId, { events: [], nextExpectedStreamVersion: 0, couponCodes: projection.couponCodes }, projection.effects)
    return send(reply, answered({ customerSession: view.right, effects }))
  })

  app.post('/v2/customer_sessions/:customerSessionId/returns', async (request: SessionRequest, reply) => {
    const who = await caller(request, true)
    if ('failure' in who) return send(reply, who)
    const dry = dryOf(request.query)
    if ('failure' in dry) return send(reply, dry)
    const key = request.headers['idempotency-key']
    if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 200)) {
      return send(reply, failed(failure(400, 'ValidationFailed', 'Idempotency-Key: expected one key of 1..200 characters', { parameter: 'Idempotency-Key' })))
    }
    const returned = await context.service.executeReturn(who.integrationId, request.body, key, { dry: dry.dry })
    if (E.isLeft(returned)) return send(reply, failed(fromSessionError(returned.left, returnRoots)))
    return send(reply, answered(await integrationState(context, who.integrationId, returned.right, wantsSession(request.body))))
  })

  app.put('/v2/customer_sessions/:customerSessionId/reopen', async (request: SessionRequest, reply) => {
    const who = await caller(request, true)
    if ('failure' in who) return send(reply, who)
    const reopened = await context.service.execute(who.integrationId, { type: 'ReopenSession', data: {} })
    if (E.isLeft(reopened)) return send(reply, failed(fromSessionError(reopened.left, [])))
    const { events, nextExpectedStreamVersion, projection } = reopened.right
    // The reopen's answer is what it rolled back, not the preview of the reopened session.
    const effects = await effectsOf(context, who.integrationId, { events, nextExpectedStreamVersion, couponCodes: projection.couponCodes }, [])
    return send(reply, answered({ effects }))
  })
}
