/**
 * Freezes `value` and everything in it that is not frozen yet; frozen parts are not walked (what
 * is frozen was frozen whole, by this function or by a copy that freezes as it goes). Meant for
 * plain data: states, events, rows parsed from JSON.
 */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i])
  } else {
    for (const key in value) deepFreeze(value[key])
  }
  return value
}
