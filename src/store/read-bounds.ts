// The bounds of a read, decided once for every store. Reads have no error channel, so odd
// numbers are clamped rather than refused: a missing or NaN bound is no bound, a negative start
// reads from the beginning, a non-positive count reads nothing, and +Infinity means "past the
// end" (`after: Infinity` is after everything, so it reads nothing). Every result is an integer
// in [0, Number.MAX_SAFE_INTEGER], which stands for "no limit": SQL takes it as a bigint as is,
// and no store holds that many events.

const NO_LIMIT = Number.MAX_SAFE_INTEGER

const given = (n: number | undefined): n is number => typeof n === 'number' && !Number.isNaN(n)

const clamp = (n: number, min: number): number => (n < min ? min : n > NO_LIMIT ? NO_LIMIT : n)

/** How many events of the global log to skip: `after` rounded down, 0 when missing, NaN or negative. */
export const afterOf = (after: number | undefined): number => (given(after) ? clamp(Math.floor(after), 0) : 0)

/** How many events to read at most: `maxCount` rounded down, no limit when missing or NaN. */
export const limitOf = (maxCount: number | undefined): number =>
  given(maxCount) ? clamp(Math.floor(maxCount), 0) : NO_LIMIT

/** The first stream version to read: `from` rounded up, 1 when missing, NaN or below 1. */
export const fromOf = (from: number | undefined): number => (given(from) ? clamp(Math.ceil(from), 1) : 1)

/** The last stream version to read: `to` rounded down, no limit when missing or NaN. */
export const toOf = (to: number | undefined): number => (given(to) ? clamp(Math.floor(to), 0) : NO_LIMIT)
