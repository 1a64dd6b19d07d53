import * as E from 'fp-ts/lib/Either.js'
import type { SessionError } from '../../domain/errors.ts'
import type { AnyEvent, AppendOptions } from '../event-store.ts'
import { appendArgumentsOrRefusal, isRefusal, type AppendArguments } from '../append-arguments.ts'

/** An event ready for the database: its `data` already serialised (null for `undefined`). */
interface PreparedEvent {
  readonly type: string
  readonly data: string | null
}

export interface ValidAppend extends Omit<AppendArguments, 'events'> {
  readonly events: ReadonlyArray<PreparedEvent>
}

// JSON has no `undefined`: a top-level `undefined` is stored as SQL NULL so that it reads back as
// `undefined` rather than `null`. Below the top, the shared copy has already dropped `undefined`
// object members, refused `undefined` array items, turned `-0` into `0` and capped the depth, so
// `JSON.stringify` cannot throw here, and what it writes reads back equal to the copy the
// in-memory store keeps.
const prepare = ({ type, data }: AnyEvent): PreparedEvent => ({
  type,
  data: data === undefined ? null : JSON.stringify(data),
})

/**
 * Checks an append's arguments before any database work, with the rules and messages of every
 * store ({@link appendArgumentsOrRefusal}), and serialises the events' data.
 */
export const validateAppend = (
  streamId: string,
  events: ReadonlyArray<AnyEvent>,
  options: AppendOptions | undefined,
): E.Either<SessionError, ValidAppend> => {
  const checked = appendArgumentsOrRefusal(streamId, events, options)
  return isRefusal(checked) ? E.left(checked) : E.right({ ...checked, events: checked.events.map(prepare) })
}
