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
// character on each new millisecond), which alone exceeded the store's append budget. Here the
// 26 digits live in a byte array and each id is one flat string built in a single call.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CROCKFORD_CODES = Array.from(CROCKFORD, (c) => c.charCodeAt(0))

export const createUlidFactory = (): ((millis: number) => string) => {
  const digits = new Uint8Array(26)
  const random = new Uint8Array(16)
  let lastTime = -1
  const setTime = (millis: number): void => {
    lastTime = millis
    let rest = millis
    for (let i = 9; i >= 0; i--) {
      digits[i] = rest % 32
      rest = Math.floor(rest / 32)
    }
  }
  const increment = (): void => {
    for (let i = 25; i >= 10; i--) {
      if (digits[i]! < 31) {
        digits[i]!++
        return
      }
      digits[i] = 0
    }
    // 2^80 ids in one millisecond: the spec says fail; moving to the next millisecond keeps
    // ids unique and ordered instead, and cannot happen in practice.
    setTime(lastTime + 1)
  }
  return (millis) => {
    if (millis > lastTime) {
      setTime(millis)
      randomFillSync(random)
      for (let i = 0; i < 16; i++) digits[10 + i] = random[i]! & 31
    } else {
      increment()
    }
    const c = CROCKFORD_CODES
    const d = digits
    return String.fromCharCode(
      c[d[0]!]!, c[d[1]!]!, c[d[2]!]!, c[d[3]!]!, c[d[4]!]!, c[d[5]!]!, c[d[6]!]!, c[d[7]!]!, c[d[8]!]!,
      c[d[9]!]!, c[d[10]!]!, c[d[11]!]!, c[d[12]!]!, c[d[13]!]!, c[d[14]!]!, c[d[15]!]!, c[d[16]!]!,
      c[d[17]!]!, c[d[18]!]!, c[d[19]!]!, c[d[20]!]!, c[d[21]!]!, c[d[22]!]!, c[d[23]!]!, c[d[24]!]!,
      c[d[25]!]!,
    )
  }
}

