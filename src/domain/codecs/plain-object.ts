/** What every object codec asks of its input: a plain object, read by its own string keys. */

/** Keys no object of ours may carry: they rewrite prototypes when merged naively. */
export const reservedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

/** An object literal or `Object.create(null)`: not an array, a class instance, a `Date` or a function. */
export const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}
