/**
 * What a thrown value says, for an error message: an Error's message, anything else as text. A
 * value that cannot be made text (`Object.create(null)`, a hostile `toString`) must not turn the
 * report of one failure into another failure, so it is named as such.
 * @since 0.1.0
 * @category errors
 */
export const describeThrown = (cause: unknown): string => {
  try {
    return cause instanceof Error ? cause.message : String(cause)
  } catch {
    return 'an unprintable value'
  }
}
