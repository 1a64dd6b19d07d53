/**
 * JSON with object keys sorted: key order carries no meaning in a cart line or a session detail,
 * so two values are the same detail exactly when their canonical texts are equal.
 * @since 0.1.0
 * @category model
 */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
