import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { arrayOf, closed, describeError, integer, recordOf, text } from '../../domain/codec-kit.ts'
import { describeThrown } from '../../domain/messages.ts'
import { failure, type TalonFailure } from './errors.ts'

/**
 * The keys a server accepts (the `--keys` file): each Integration API key and the application it
 * belongs to, and the Management API keys.
 *
 *     { "apiKeys": { "ak-shop-eu": 1, "ak-shop-us": 2 }, "managementKeys": ["mk-admin"] }
 *
 * @since 0.1.0
 * @category http
 */
export const TalonKeysCodec = closed('TalonKeys', {}, {
  apiKeys: recordOf(text(1, 500, /^[!-~]+$/, 'printable ASCII without spaces'), integer(1), 10_000),
  managementKeys: arrayOf(text(1, 500, /^[!-~]+$/, 'printable ASCII without spaces'), 10_000),
})
/** @since 0.1.0 @category http */
export type TalonKeys = t.TypeOf<typeof TalonKeysCodec>

/** Reads a keys file's text; the message names the field that is wrong. */
export const parseKeys = (text: string): E.Either<string, TalonKeys> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    return E.left(`not JSON: ${describeThrown(cause)}`)
  }
  return E.mapLeft((errors: t.Errors) => describeError(errors, 'keys').message)(TalonKeysCodec.decode(json))
}

type Scheme = 'ApiKey-v1' | 'ManagementKey-v1'

const unauthorized = (details: string): TalonFailure => failure(401, 'Unauthorized', details, { parameter: 'Authorization' })

/** The key sent with one scheme, or why there is none. */
const keyOf = (header: string | undefined, scheme: Scheme): E.Either<TalonFailure, string> => {
  if (header === undefined || header === '') return E.left(unauthorized(`an Authorization header "${scheme} <key>" is required`))
  const [given, key, ...rest] = header.trim().split(/\s+/)
  if (given !== scheme || key === undefined || rest.length > 0) {
    return E.left(unauthorized(`expected an Authorization header "${scheme} <key>", got the scheme ${JSON.stringify(given ?? '')}`))
  }
  return E.right(key)
}

/**
 * Who a request's `Authorization` header speaks for. With keys, an Integration API key stands for
 * its application and a Management API key for the management routes; without (a development
 * server), any `ApiKey-v1` key stands for application 1 and any `ManagementKey-v1` key is accepted.
 */
export interface Authorizer {
  readonly application: (header: string | undefined) => E.Either<TalonFailure, number>
  readonly management: (header: string | undefined) => E.Either<TalonFailure, true>
}

export const authorizer = (keys: TalonKeys | undefined): Authorizer => {
  const apiKeys = new Map(Object.entries(keys?.apiKeys ?? {}))
  const managementKeys = new Set(keys?.managementKeys ?? [])
  return {
    application: (header) =>
      E.flatMap((key: string) => {
        if (keys === undefined) return E.right(1)
        const application = apiKeys.get(key)
        return application === undefined ? E.left(unauthorized('unknown API key')) : E.right(application)
      })(keyOf(header, 'ApiKey-v1')),
    management: (header) =>
      E.flatMap((key: string) =>
        keys === undefined || managementKeys.has(key) ? E.right(true as const) : E.left(unauthorized('unknown management key')),
      )(keyOf(header, 'ManagementKey-v1')),
  }
}
