/**
 * A caught value as text for an error message: an `Error`'s message, anything else as `String`
 * makes it. Never throws, so a catch block that reports with it cannot throw in turn: a value
 * that has no string form (`Object.create(null)`, a revoked proxy, a `toString` that throws) is
 * 'an unprintable value'.
 */
export const describeThrown = (cause: unknown): string => {
  try {
    return cause instanceof Error ? cause.message : String(cause)
  } catch {
    return 'an unprintable value'
  }
}
