/**
 * Event data must be JSON-shaped, under the same rule as the in-memory store, so that both stores
 * accept and refuse the same events: plain objects, arrays, strings, finite numbers, booleans,
 * null (and undefined, which JSON drops from objects and writes as null in arrays). Anything else
 * (NaN, Infinity, a Date, a Map, a bigint, a function, a cycle) would not read back as written.
 */
export interface InvalidData {
  readonly reason: string
  /** where inside `data`, e.g. `.items[3].price` */
  readonly path: string
}

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const key = (k: string | number): string => (typeof k === 'number' ? `[${k}]` : `.${k}`)

const check = (value: unknown, ancestors: object[]): InvalidData | undefined => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined
    case 'number':
      return Number.isFinite(value) ? undefined : { reason: `expected a finite number, got ${value}`, path: '' }
    case 'object':
      break
    default:
      return { reason: `expected a JSON value, got a ${typeof value}`, path: '' }
  }
  if (value === null) return undefined
  if (ancestors.includes(value)) return { reason: 'expected a JSON value, got a cycle', path: '' }
  if (!Array.isArray(value) && !isPlainObject(value)) {
    return { reason: `expected a plain object, got ${Object.prototype.toString.call(value)}`, path: '' }
  }
  ancestors.push(value)
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value)
  for (const [k, item] of entries) {
    const invalid = check(item, ancestors)
    if (invalid !== undefined) return { reason: invalid.reason, path: `${key(k)}${invalid.path}` }
  }
  ancestors.pop()
  return undefined
}

/**
 * `data` as the JSON text to store, or why it cannot be stored. `undefined` becomes SQL NULL, so
 * that it reads back as `undefined` rather than `null`.
 */
export const toJsonText = (data: unknown): { readonly text: string | null } | { readonly invalid: InvalidData } => {
  const invalid = check(data, [])
  if (invalid !== undefined) return { invalid }
  return { text: data === undefined ? null : JSON.stringify(data) }
}
