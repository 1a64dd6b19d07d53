/**
 * A generated log of any length, produced line by line (never held in memory): `sessions`
 * sessions interleaved round-robin, each a `Created` then a cycle of adds, updates and removals
 * that keeps its cart small, so that a replay's state stays the same size however long the log.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const base32 = (n: number, width: number): string => {
  let s = ''
  for (let i = 0; i < width; i++) {
    s = alphabet[n % 32]! + s
    n = Math.floor(n / 32)
  }
  return s
}
const start = Date.parse('2026-02-01T00:00:00.000Z')

export function* bigLog(events: number, sessions = 1000): Generator<string> {
  const versions = new Uint32Array(sessions)
  for (let i = 0; i < events; i++) {
    const s = i % sessions
    const streamId = `big-${s}`
    const version = ++versions[s]!
    const ms = start + i * 10
    const at = new Date(ms).toISOString()
    const metadata = `{"eventId":"${base32(ms, 10)}${base32(i, 16)}","streamId":"${streamId}","streamVersion":${version},"globalPosition":${i + 1},"recordedAt":"${at}","schemaVersion":2}`
    let head: string
    if (version === 1) {
      head = `{"type":"Created","data":{"at":"${at}","id":${s + 1},"integrationId":"${streamId}","applicationId":1,"profileId":"p-${s % 97}","currency":"EUR","couponCodes":[],"loyaltyCards":[],"identifiers":[],"attributes":{"channel":"web"},"additionalCosts":{"shipping":{"price":4.9}},"firstSession":false}`
    } else {
      switch (version % 4) {
        case 2:
          head = `{"type":"ItemsAdded","data":{"at":"${at}","cartItems":[{"sku":"SKU-${i % 50}","name":"Item ${i % 50}","quantity":1,"price":${(i % 5000) / 100},"category":"home"},{"sku":"SKU-7","quantity":1,"price":12.5,"attributes":{"color":"red"}}]}`
          break
        case 3:
          head = `{"type":"Updated","data":{"at":"${at}","couponCodes":["CODE-${i % 7}"],"attributes":{"channel":"app","visits":${version}}}`
          break
        default:
          head = `{"type":"ItemsRemoved","data":{"at":"${at}","items":[{"position":0,"quantity":1}]}`
      }
    }
    yield `${head},"metadata":${metadata}}`
  }
}
