import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify'
import { createTalonHttpContext, type TalonHttpOptions } from './context.ts'
import { failure } from './errors.ts'
import { integrationRoutes } from './integration-routes.ts'
import { managementRoutes } from './management-routes.ts'

/**
 * Talon.One's customer-session routes as a Fastify plugin, for embedding in a backend:
 * `app.register(talonRoutes, { store, policy, keys })`. The plugin makes its session service over
 * the store and stops it when the app closes; the store stays open (it is the caller's). Errors
 * from its routes, bad JSON included, are answered in Talon.One's error shape.
 * @since 0.1.0
 * @category http
 */
export const talonRoutes: FastifyPluginAsync<TalonHttpOptions> = async (app, options) => {
  const context = createTalonHttpContext(options)
  app.addHook('onClose', async () => context.close())
  app.setErrorHandler((error: { statusCode?: number; message?: string; code?: string }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) request.log.error(error)
    const f = failure(status, error.code ?? 'Error', status >= 500 ? 'the server could not answer the request' : (error.message ?? 'invalid request'), status === 400 ? { pointer: '' } : {})
    return reply.code(f.status).send(f.body)
  })
  app.get('/health', async () => ({ status: 'ok' }))
  integrationRoutes(app, context)
  managementRoutes(app, context)
}

/** @since 0.1.0 @category http */
export interface TalonServerOptions extends TalonHttpOptions {
  /** Fastify's logger: off by default; `cartfold serve` logs each request to stderr */
  readonly logger?: FastifyServerOptions['logger']
}

/**
 * A Fastify server with the Talon.One routes, ready (not yet listening: call `listen`). Unknown
 * routes are 404 in Talon.One's error shape; `close()` lets requests in flight finish (each is
 * stored whole or not at all) and answers new ones 503 meanwhile.
 * @since 0.1.0
 * @category http
 */
export const createTalonServer = async (options: TalonServerOptions = {}): Promise<FastifyInstance> => {
  const { logger = false, ...routes } = options
  const app = Fastify({ logger, return503OnClosing: true, forceCloseConnections: 'idle' })
  await app.register(talonRoutes, routes)
  app.setNotFoundHandler((request, reply) => {
    const f = failure(404, 'NotFound', `no route ${request.method} ${request.url.split('?')[0]}`)
    return reply.code(404).send(f.body)
  })
  await app.ready()
  return app
}
