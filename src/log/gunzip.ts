import { crc32, createInflateRaw } from 'node:zlib'

/** gzip's magic bytes and its one compression method (deflate). */
const isMemberStart = (b: Buffer) => b[0] === 0x1f && b[1] === 0x8b && b[2] === 8

/** Whether `b` starts with gzip's magic bytes: the log is gunzipped. */
export const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b

/** Bytes after the last member that are padding, not garbage: NULs and whitespace (a final newline). */
const isPadding = (b: Buffer) => b.every((x) => x === 0 || x === 10 || x === 13 || x === 32 || x === 9)

/** The length of a member's header starting `b`, or undefined when `b` does not hold all of it yet. */
const headerLength = (b: Buffer): number | undefined => {
  if (b.length < 10) return undefined
  const flags = b[3]!
  let at = 10
  if (flags & 4) {
    if (b.length < at + 2) return undefined
    at += 2 + b.readUInt16LE(at)
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const end = b.indexOf(0, at)
      if (end < 0) return undefined
      at = end + 1
    }
  }
  if (flags & 2) at += 2
  return at <= b.length ? at : undefined
}

/**
 * Gunzips a byte stream as `gzip -dc` does: member after member, each checked against its CRC
 * and size. After the last complete member, NULs and whitespace are ignored; other bytes are
 * trailing garbage, thrown as an error only once every complete member has been yielded. (Node's
 * `Gunzip` drops the last output of a member followed by garbage, and fails on a final newline.)
 * Each member is inflated raw: the inflater stops at the end of its deflate data and says how much
 * input it took, which is where the trailer and the next member start.
 */
export async function* gunzip(input: AsyncIterator<Buffer>, first: Buffer): AsyncGenerator<Buffer> {
  let pending = first
  let ended = false
  const more = async (): Promise<boolean> => {
    if (ended) return false
    const r = await input.next()
    if (r.done === true) {
      ended = true
      return false
    }
    pending = pending.length === 0 ? r.value : Buffer.concat([pending, r.value])
    return true
  }
  let offset = 0
  for (let member = 1; ; member++) {
    let header = headerLength(pending)
    while ((header === undefined || pending.length < 3) && (await more())) header = headerLength(pending)
    if (member > 1 && pending.length === 0) return
    if (!isMemberStart(pending) || header === undefined) {
      if (member > 1 && isPadding(pending) && (await drainPadding())) return
      throw new Error(
        member === 1
          ? 'not a complete gzip header'
          : `trailing garbage after gzip member ${member - 1} at byte ${offset} (every line before it was read)`,
      )
    }
    offset += header
    const inflate = createInflateRaw({ chunkSize: 1 << 16 })
    // The chunks handed to the inflater that it may not have taken whole: what it leaves of them
    // is the trailer and what follows.
    const fed: Buffer[] = [pending.subarray(header)]
    let totalFed = fed[0]!.length
    let heldBytes = totalFed
    let finished = false
    inflate.once('end', () => (finished = true))
    inflate.write(fed[0])
    const feed = async () => {
      while (!finished && !ended) {
        const r = await input.next()
        if (r.done === true) {
          ended = true
          break
        }
        fed.push(r.value)
        totalFed += r.value.length
        heldBytes += r.value.length
        // Chunks the inflater has wholly taken are dropped: memory stays at a few chunks.
        while (fed.length > 1 && totalFed - heldBytes + fed[0]!.length <= inflate.bytesWritten) heldBytes -= fed.shift()!.length
        if (!inflate.write(r.value)) await new Promise((resolve) => (finished ? resolve(undefined) : inflate.once('drain', resolve).once('end', resolve).once('error', resolve)))
      }
      if (!finished) inflate.end()
    }
    const feeding = feed()
    let crc = 0
    let size = 0
    for await (const out of inflate as AsyncIterable<Buffer>) {
      crc = crc32(out, crc)
      size += out.length
      yield out
    }
    await feeding
    pending = Buffer.concat(fed).subarray(inflate.bytesWritten - (totalFed - heldBytes))
    offset += inflate.bytesWritten
    while (pending.length < 8 && (await more()));
    if (pending.length < 8) throw new Error(`gzip member ${member} is cut short`)
    if (pending.readUInt32LE(0) !== crc >>> 0 || pending.readUInt32LE(4) !== size % 2 ** 32) throw new Error(`gzip member ${member} is corrupt (its check does not match its data)`)
    pending = pending.subarray(8)
    offset += 8
    while (!ended && pending.length < 3 && (await more()));
  }

  /** Reads the rest of the input; whether it is all padding. */
  async function drainPadding(): Promise<boolean> {
    while (isPadding(pending) && pending.length < 1 << 16 && (await more()));
    return ended && isPadding(pending)
  }
}

