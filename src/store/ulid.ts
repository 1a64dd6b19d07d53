import { randomFillSync } from 'node:crypto'

/** ULIDs cannot encode a time past this (2^48 - 1 ms). */
const ULID_TIME_MAX = 281474976710655

/** Whether a clock reading can be an event's time: whole milliseconds a ULID can encode. */
export const isUlidTime = (millis: number): boolean => millis >= 0 && millis <= ULID_TIME_MAX && Number.isInteger(millis)

// ---------------------------------------------------------------------------------------------
// Monotonic ULIDs (https://github.com/ulid/spec), the same algorithm as the `ulid` package's
// `monotonicFactory`: a new millisecond gets fresh random bits, the same (or an earlier) one
// increments the previous random part by one. Written out here because the package's version
// costs about 300 ns and 100 bytes of intermediate strings per id (and one crypto call per
// character on each new millisecond), which alone exceeded the store's append budget. An id is
// 26 base-32 digits in a byte array (10 of time, then 16 random), made a string in one call.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CROCKFORD_CODES = Array.from(CROCKFORD, (c) => c.charCodeAt(0))

/** The digits of an id: 26 bytes at `at` in a byte array. */
const ULID_DIGITS = 26

/** Writes the time digits of the id at `at`. */
const writeUlidTime = (digits: Uint8Array, at: number, millis: number): void => {
  let rest = millis
  for (let i = at + 9; i >= at; i--) {
    digits[i] = rest % 32
    rest = Math.floor(rest / 32)
  }
}

/** Writes fresh random digits into the id at `at`. */
const writeUlidRandom = (digits: Uint8Array, at: number): void => {
  const random = digits.subarray(at + 10, at + ULID_DIGITS)
  randomFillSync(random)
  for (let i = 0; i < random.length; i++) random[i]! &= 31
}

/**
 * Adds `n` (a safe integer >= 0) to the random part of the id at `at`; returns what carried out
 * of it, for the caller to add to the time (the spec fails there; moving to a later millisecond
 * keeps ids unique and ordered instead, and cannot happen in practice).
 */
const addToUlidRandom = (digits: Uint8Array, at: number, n: number): number => {
  let carry = n
  for (let i = at + ULID_DIGITS - 1; i >= at + 10 && carry > 0; i--) {
    const sum = digits[i]! + carry
    digits[i] = sum % 32
    carry = Math.floor(sum / 32)
  }
  return carry
}

/** The id at `at` as text. */
const ulidText = (digits: Uint8Array, at: number): string => {
  const c = CROCKFORD_CODES
  const d = digits
  const a = at
  return String.fromCharCode(
    c[d[a]!]!, c[d[a + 1]!]!, c[d[a + 2]!]!, c[d[a + 3]!]!, c[d[a + 4]!]!, c[d[a + 5]!]!, c[d[a + 6]!]!,
    c[d[a + 7]!]!, c[d[a + 8]!]!, c[d[a + 9]!]!, c[d[a + 10]!]!, c[d[a + 11]!]!, c[d[a + 12]!]!,
    c[d[a + 13]!]!, c[d[a + 14]!]!, c[d[a + 15]!]!, c[d[a + 16]!]!, c[d[a + 17]!]!, c[d[a + 18]!]!,
    c[d[a + 19]!]!, c[d[a + 20]!]!, c[d[a + 21]!]!, c[d[a + 22]!]!, c[d[a + 23]!]!, c[d[a + 24]!]!,
    c[d[a + 25]!]!,
  )
}

/**
 * A source of monotonic ULIDs: each call gives an id later than the one before, at `millis` (a
 * time for which {@link isUlidTime} holds) or, when the clock stood still or went back, at the
 * last id's time.
 */
export const createUlidFactory = (): ((millis: number) => string) => {
  const digits = new Uint8Array(ULID_DIGITS)
  let lastTime = -1
  return (millis) => {
    if (millis > lastTime) {
      lastTime = millis
      writeUlidTime(digits, 0, millis)
      writeUlidRandom(digits, 0)
    } else {
      const carry = addToUlidRandom(digits, 0, 1)
      if (carry > 0) writeUlidTime(digits, 0, (lastTime += carry))
    }
    return ulidText(digits, 0)
  }
}
