/**
 * A set of ULIDs, 16 bytes each in one typed array (open addressing, linear probing). Event ids
 * must be remembered to find duplicates: ids are not increasing in a log (the PostgreSQL store's
 * commit order is not its id order), so no smaller summary is exact. As strings in a `Set` they
 * would cost about five times as much and weigh on the garbage collector.
 */
export interface UlidSet {
  /** adds the id; false when it was already there */
  readonly add: (ulid: string) => boolean
  readonly size: () => number
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const digit = new Int8Array(128).fill(-1)
for (let i = 0; i < alphabet.length; i++) digit[alphabet.charCodeAt(i)] = i

/** Canonical ULID text: 26 Crockford base-32 digits, the first at most 7 (128 bits). */
export const ulidPattern = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/

export const createUlidSet = (initialCapacity = 1 << 12): UlidSet => {
  let capacity = initialCapacity
  let words = new Uint32Array(capacity * 4)
  let used = new Uint8Array(capacity)
  let size = 0

  const insert = (w0: number, w1: number, w2: number, w3: number): boolean => {
    const mask = capacity - 1
    let slot = (Math.imul(w3 ^ Math.imul(w2, 0x85ebca6b) ^ w1, 0x9e3779b1) >>> 0) & mask
    for (;;) {
      if (used[slot] === 0) {
        used[slot] = 1
        const o = slot * 4
        words[o] = w0
        words[o + 1] = w1
        words[o + 2] = w2
        words[o + 3] = w3
        return true
      }
      const o = slot * 4
      if (words[o + 3] === w3 && words[o + 2] === w2 && words[o + 1] === w1 && words[o] === w0) return false
      slot = (slot + 1) & mask
    }
  }

  const grow = () => {
    const oldWords = words
    const oldUsed = used
    const oldCapacity = capacity
    capacity *= 2
    words = new Uint32Array(capacity * 4)
    used = new Uint8Array(capacity)
    for (let s = 0; s < oldCapacity; s++) {
      if (oldUsed[s] === 1) insert(oldWords[s * 4]!, oldWords[s * 4 + 1]!, oldWords[s * 4 + 2]!, oldWords[s * 4 + 3]!)
    }
  }

  return {
    add: (ulid) => {
      // 26 digits of 5 bits, shifted into four 32-bit words (the top 2 bits are always 0).
      let w0 = 0
      let w1 = 0
      let w2 = 0
      let w3 = 0
      for (let i = 0; i < 26; i++) {
        const d = digit[ulid.charCodeAt(i) & 127]!
        w0 = ((w0 << 5) | (w1 >>> 27)) >>> 0
        w1 = ((w1 << 5) | (w2 >>> 27)) >>> 0
        w2 = ((w2 << 5) | (w3 >>> 27)) >>> 0
        w3 = ((w3 << 5) | d) >>> 0
      }
      if ((size + 1) * 2 > capacity) grow()
      const added = insert(w0, w1, w2, w3)
      if (added) size++
      return added
    },
    size: () => size,
  }
}
