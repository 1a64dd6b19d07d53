/**
 * Profiles as the sessions reveal them. A profile gets its internal number (from 1) when it first
 * appears, at creation or by an update that sets `profileId`, in global event order; the
 * anonymous profile `""` is 0. Every runtime that reads the same store in global order (another
 * service instance, a replay) therefore numbers profiles the same way.
 * @since 0.1.0
 * @category service
 */
export interface ProfileReadModel {
  /** records that a session is (now) attached to `profileId`; returns its internal number */
  readonly appear: (profileId: string) => number
  /** the number `profileId` has, or would get if it appeared now */
  readonly peekInternalId: (profileId: string) => number
  /** true when no session has been attached to `profileId` yet (always true for `""`) */
  readonly isFirstSession: (profileId: string) => boolean
}

/** @since 0.1.0 @category service */
export const createProfileReadModel = (): ProfileReadModel => {
  const numbers = new Map<string, number>()
  const internalIdOf = (profileId: string): number | undefined => (profileId === '' ? 0 : numbers.get(profileId))
  return {
    appear: (profileId) => {
      if (profileId === '') return 0
      const known = numbers.get(profileId)
      if (known !== undefined) return known
      const assigned = numbers.size + 1
      numbers.set(profileId, assigned)
      return assigned
    },
    peekInternalId: (profileId) => internalIdOf(profileId) ?? numbers.size + 1,
    isFirstSession: (profileId) => profileId === '' || !numbers.has(profileId),
  }
}
