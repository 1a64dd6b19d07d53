import * as t from 'io-ts'
import { show } from '../messages.ts'

/**
 * The one reporter: renders the first io-ts error as `{ path, message }`, the path in the form
 * `Type.path[3].field` and the message `path: reason`. The reason is the error's own message when
 * the codec gave one, else `expected <the failing codec's name>, got <the value>`. A `t.union`
 * is reported as a whole, at its own path, rather than by the member that failed last.
 * @since 0.1.0
 * @category codecs
 */
export const describeError = (errors: t.Errors, root = ''): { path: string; message: string } => {
  const error = errors[0]
  let path = root
  let reason: string | undefined
  for (const [i, entry] of (error?.context ?? []).entries()) {
    if (i > 0) path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`
    if (entry.type instanceof t.UnionType) {
      reason = `expected ${entry.type.name}, got ${show(entry.actual)}`
      break
    }
  }
  if (path === '') path = '(root)'
  if (error === undefined) return { path, message: `${path}: invalid` }
  reason ??= error.message ?? `expected ${error.context[error.context.length - 1]?.type.name ?? 'a valid value'}, got ${show(error.value)}`
  return { path, message: `${path}: ${reason}` }
}
