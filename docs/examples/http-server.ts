import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createSessionService, type SessionErrorCode, type SessionService } from 'cartfold'

// Refusals are values with a code; the HTTP status is a property of the code.
const statusOf: Partial<Record<SessionErrorCode, number>> = {
  ValidationFailed: 400,
  SessionNotFound: 404,
  SessionAlreadyExists: 409,
  InvalidTransition: 409,
  ConcurrencyConflict: 412,
  CartLimitExceeded: 422,
  UnknownPosition: 422,
  ReturnExceedsRemaining: 422,
  AmountOutOfRange: 422,
  StoreUnavailable: 503,
  CallbackFailed: 500,
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return undefined // the service refuses it as a malformed command
  }
}

/**
 * The routes:
 *   POST /sessions/:id/commands  body: a command; `If-Match: <version>` checks the version,
 *                                `?dry=true` stores nothing, `Idempotency-Key` names a return
 *   GET  /sessions/:id           the session's projection
 *   GET  /sessions?state=&profileId=&storeIntegrationId=&createdAfter=&createdBefore=&pageSize=&skip=
 */
export const handler = (service: SessionService) => async (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const [, collection, id, action] = url.pathname.split('/').map(decodeURIComponent)
  if (collection !== 'sessions') return send(res, 404, { message: 'no such route' })

  if (req.method === 'POST' && id !== undefined && action === 'commands') {
    let command = await readJson(req)
    const key = req.headers['idempotency-key']
    if (typeof key === 'string' && (command as { type?: unknown })?.type === 'ReturnItems') {
      const data = (command as { data?: object }).data
      command = { type: 'ReturnItems', data: { returnId: key, ...data } } // the key is the return id
    }
    const ifMatch = req.headers['if-match']
    const result = await service.execute(id, command, {
      ...(ifMatch === undefined ? {} : { expectedStreamVersion: Number(ifMatch) }),
      dry: url.searchParams.get('dry') === 'true',
    })
    if (result._tag === 'Left') return send(res, statusOf[result.left.code] ?? 400, result.left)
    const { events, projection, nextExpectedStreamVersion } = result.right
    return send(res, 200, { events, session: projection }, { etag: String(nextExpectedStreamVersion) })
  }

  if (req.method === 'GET' && id !== undefined && action === undefined) {
    const session = await service.get(id)
    return session._tag === 'Some' ? send(res, 200, session.value) : send(res, 404, { code: 'SessionNotFound' })
  }

  if (req.method === 'GET' && id === undefined) {
    const query: Record<string, string | number> = {}
    for (const [name, value] of url.searchParams) query[name] = name === 'pageSize' || name === 'skip' ? Number(value) : value
    const page = await service.list(query)
    return page.error === undefined ? send(res, 200, page) : send(res, statusOf[page.error.code] ?? 400, page.error)
  }
  return send(res, 405, { message: `${req.method} is not allowed here` })
}

/** One service per process; every request goes through it, so its per-session queue applies. */
export const start = (port: number, service = createSessionService()): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      // The service never rejects; this only guards the handler's own code.
      handler(service)(req, res).catch((error: unknown) => send(res, 503, { message: String(error) }))
    })
    server.on('close', () => service.close())
    server.listen(port, () => resolve(server))
  })
