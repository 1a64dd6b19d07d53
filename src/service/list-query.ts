import * as E from 'fp-ts/lib/Either.js'
import { describeError, integer, isoTimestamp, oneOf, closed, text } from '../domain/codec-kit.ts'
import { sessionError, type SessionError } from '../domain/errors.ts'
import type * as t from 'io-ts'
import type { SessionEntry } from './session-read-model.ts'

/**
 * The filters of Talon.One's session list. Dates are ISO-8601 UTC and exclusive; `pageSize` is
 * 1..1000 (1000 by default), `skip` 0 by default. Unknown fields are refused.
 * @since 0.1.0
 * @category service
 */
export const ListQueryCodec = closed(
  'ListQuery',
  {},
  {
    state: oneOf('open', 'closed', 'partially_returned', 'cancelled'),
    profileId: text(0, 1000),
    storeIntegrationId: text(1, 1000),
    createdAfter: isoTimestamp,
    createdBefore: isoTimestamp,
    pageSize: integer(1, 1000),
    skip: integer(0),
  },
)
/** The filters and page of `list`. @since 0.1.0 @category service */
export type ListQuery = t.TypeOf<typeof ListQueryCodec>

/** The largest page `list` returns. @since 0.1.0 @category service */
export const maxPageSize = 1000

/** Decodes a query; `undefined` is the empty query. @since 0.1.0 @category service */
export const decodeListQuery = (u: unknown): E.Either<SessionError, ListQuery> => {
  const decoded = ListQueryCodec.decode(u === undefined ? {} : u)
  if (E.isRight(decoded)) return decoded
  const { path, message } = describeError(decoded.left, 'ListQuery')
  return E.left(sessionError('ValidationFailed', `list refused: ${message}`, { action: 'list', path }))
}

/**
 * Selects one page of sessions, newest `created` first (then higher `id`), from the sessions in
 * creation order; `total` counts every match.
 */
export const selectPage = (
  ordered: ReadonlyArray<SessionEntry>,
  query: ListQuery,
): { entries: SessionEntry[]; total: number } => {
  const after = query.createdAfter === undefined ? -Infinity : Date.parse(query.createdAfter)
  const before = query.createdBefore === undefined ? Infinity : Date.parse(query.createdBefore)
  const skip = query.skip ?? 0
  const end = skip + (query.pageSize ?? maxPageSize)
  const entries: SessionEntry[] = []
  let total = 0
  for (let i = ordered.length - 1; i >= 0; i--) {
    const entry = ordered[i]!
    const { state } = entry
    if (entry.createdMs <= after) break // older than the window, and so is everything before it
    if (entry.createdMs >= before) continue
    if (query.state !== undefined && state.state !== query.state) continue
    if (query.profileId !== undefined && state.profileId !== query.profileId) continue
    if (query.storeIntegrationId !== undefined && state.storeIntegrationId !== query.storeIntegrationId) continue
    if (total >= skip && total < end) entries.push(entry)
    total++
  }
  return { entries, total }
}
