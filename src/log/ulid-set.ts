/**
 * A set of ULIDs in typed arrays (open addressing, linear probing). Each slot holds an id as five
 * 32-bit words plus a used byte (21 bytes) and the table is at most half full, so an id costs 42
 * bytes at the fullest, up to 84 just after the table doubles. Event ids must be remembered to
 * find duplicates: ids are not increasing in a log (the PostgreSQL store's commit order is not its
 * id order), so no smaller summary is exact. As strings in a `Set` they would cost several times
 * as much and weigh on the garbage collector.
 */
export interface UlidSet {
  /** adds the id (26 Crockford base-32 digits, already validated); false when it was there */
  readonly add: (ulid: string) => boolean
}

/** Crockford's base 32, the digits of a ULID (no I, L, O, U): the one spelling of the alphabet. */
export const crockfordDigits = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

const digit = new Uint8Array(128)
for (let i = 0; i < crockfordDigits.length; i++) digit[crockfordDigits.charCodeAt(i)] = i

const W = 5 // words per id: digits 0-1, then four groups of six digits (30 bits each)

export const createUlidSet = (initialCapacity = 1 << 12): UlidSet => {
  let capacity = initialCapacity
  let words = new Uint32Array(capacity * W)
  let used = new Uint8Array(capacity)
  let size = 0
  const key = new Uint32Array(W)

  const insert = (k: Uint32Array): boolean => {
    const mask = capacity - 1
    // Every word goes through murmur3's finaliser: a plain multiply leaves the low bits (the slot)
    // to the low digits alone, and ids that differ only in a few digits then pile up in one run.
    let h = k[0]! ^ Math.imul(k[1]!, 0x9e3779b1) ^ Math.imul(k[2]!, 0x85ebca6b) ^ Math.imul(k[3]!, 0xc2b2ae35) ^ k[4]!
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    let slot = (h >>> 0) & mask
    for (;;) {
      const o = slot * W
      if (used[slot] === 0) {
        used[slot] = 1
        // Five stores: TypedArray.prototype.set costs more than it saves on five words.
        words[o] = k[0]!
        words[o + 1] = k[1]!
        words[o + 2] = k[2]!
        words[o + 3] = k[3]!
        words[o + 4] = k[4]!
        return true
      }
      if (words[o + 4] === k[4] && words[o + 3] === k[3] && words[o + 2] === k[2] && words[o + 1] === k[1] && words[o] === k[0]) return false
      slot = (slot + 1) & mask
    }
  }

  const grow = () => {
    const oldWords = words
    const oldUsed = used
    capacity *= 2
    words = new Uint32Array(capacity * W)
    used = new Uint8Array(capacity)
    const moved = new Uint32Array(W)
    for (let s = 0; s < oldUsed.length; s++) {
      if (oldUsed[s] !== 1) continue
      for (let w = 0; w < W; w++) moved[w] = oldWords[s * W + w]!
      insert(moved)
    }
  }

  return {
    add: (ulid) => {
      key[0] = digit[ulid.charCodeAt(0) & 127]! * 32 + digit[ulid.charCodeAt(1) & 127]!
      for (let w = 1, i = 2; w < W; w++) {
        let v = 0
        for (const end = i + 6; i < end; i++) v = v * 32 + digit[ulid.charCodeAt(i) & 127]!
        key[w] = v
      }
      if ((size + 1) * 2 > capacity) grow()
      const added = insert(key)
      if (added) size++
      return added
    },
  }
}
