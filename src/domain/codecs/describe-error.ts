import type * as t from 'io-ts'
import { show } from '../money.ts'

/**
 * Renders the first io-ts error as `Type.path[3].field: reason`, the form every refusal uses.
 * @since 0.1.0
 * @category codecs
 */
export const describeError = (errors: t.Errors, root = ''): { path: string; message: string } => {
  const error = errors[0]
  let path = root
  for (const entry of error?.context.slice(1) ?? []) {
    path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`
  }
  if (path === '') path = '(root)'
  if (error === undefined) return { path, message: `${path}: invalid` }
  const reason = error.message ?? `expected ${error.context[error.context.length - 1]?.type.name ?? 'a valid value'}, got ${show(error.value)}`
  return { path, message: `${path}: ${reason}` }
}
