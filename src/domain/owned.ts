/**
 * A value as a state keeps it: frozen all the way down, and never an object someone else can
 * change. A frozen value is taken as it is (what is frozen was frozen whole); any other is copied.
 */
export const owned = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) copy[i] = owned(value[i])
    return Object.freeze(copy) as T
  }
  const copy: Record<string, unknown> = {}
  for (const key in value) {
    // An own `__proto__` key (JSON.parse makes them) stays a key, not a prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: owned(value[key]), enumerable: true })
    else copy[key] = owned(value[key])
  }
  return Object.freeze(copy) as T
}
