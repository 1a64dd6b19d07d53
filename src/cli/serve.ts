import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { describeThrown } from '../domain/messages.ts'
import type { DiscountPolicy } from '../domain/discounts.ts'
import type { SessionStore } from '../service/session-store.ts'
import { createTalonServer } from '../talon/http/plugin.ts'
import { parseKeys, type TalonKeys } from '../talon/http/keys.ts'
import { parse } from './options.ts'
import { usages } from './usage.ts'

export interface ServeIo {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  /** resolves when the server should stop: SIGTERM or SIGINT by default */
  readonly stopped?: Promise<unknown>
}

const signalled = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', stop)
      process.off('SIGINT', stop)
      resolve(signal)
    }
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  })

const readJsonFile = <A>(option: string, path: string, parse: (text: string) => E.Either<string, A>): E.Either<string, A> => {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    return E.left(`${option} ${path}: ${describeThrown(cause)}`)
  }
  return E.mapLeft((message: string) => `${option} ${path}: ${message}`)(parse(text))
}

/**
 * `cartfold serve`: 2 for bad usage, 1 when the server cannot start, 0 once stopped.
 * `readPolicy` is the CLI's one reading of a policy file (shared with `replay`).
 */
export const serveCommand = async (
  io: ServeIo,
  args: string[],
  readPolicy: (path: string) => E.Either<string, DiscountPolicy>,
  fail: (message: string) => 0 | 1 | 2 | 3,
): Promise<0 | 1 | 2 | 3> => {
  const parsed = parse(args, {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'database-url': { type: 'string' },
    policy: { type: 'string' },
    keys: { type: 'string' },
    currency: { type: 'string' },
  })
  if (E.isLeft(parsed)) return fail(parsed.left)
  const { values, positionals } = parsed.right
  if (values.help === true) return (io.stdout.write(usages.serve), 0)
  if (positionals.length > 0) return fail(`serve takes no arguments, got ${JSON.stringify(positionals[0])}`)
  const port = Number(values.port)
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) return fail(`--port: expected 0..65535, got ${JSON.stringify(values.port)}`)
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency)) return fail(`--currency: expected an ISO 4217 code, got ${JSON.stringify(values.currency)}`)
  let policy: DiscountPolicy | undefined
  if (values.policy !== undefined) {
    const read = readPolicy(values.policy)
    if (E.isLeft(read)) return fail(read.left)
    policy = read.right
  }
  let keys: TalonKeys | undefined
  if (values.keys !== undefined) {
    const read = readJsonFile('--keys', values.keys, parseKeys)
    if (E.isLeft(read)) return fail(read.left)
    keys = read.right
  }

  let store: (SessionStore & { close?: () => Promise<void> }) | undefined
  const url = values['database-url']
  try {
    if (url !== undefined) {
      // Loaded only when asked for: pg is an optional peer dependency.
      const { createPostgresEventStore } = await import('../store/postgres/index.ts')
      const postgres = createPostgresEventStore({ connectionString: url })
      store = postgres
      await postgres.migrate()
    }
    const app = await createTalonServer({
      ...(store === undefined ? {} : { store }),
      ...(policy === undefined ? {} : { policy }),
      ...(keys === undefined ? {} : { keys }),
      ...(values.currency === undefined ? {} : { currency: values.currency }),
      logger: { level: 'info', stream: io.stderr },
    })
    await app.listen({ host: values.host, port })
    const bound = app.server.address()
    const shown = typeof bound === 'object' && bound !== null ? bound.port : port
    const host = values.host.includes(':') ? `[${values.host}]` : values.host
    io.stdout.write(`listening on http://${host}:${shown}\n`)
    await (io.stopped ?? signalled())
    // In-flight requests finish (each is stored whole or not at all); new ones are answered 503.
    await app.close()
    await store?.close?.()
    return 0
  } catch (cause) {
    io.stderr.write(`cartfold serve: ${describeThrown(cause)}\n`)
    await store?.close?.().catch(() => undefined)
    return 1
  }
}
