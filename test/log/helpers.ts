import { Readable } from 'node:stream'
import type { LogItem } from '../../src/index.ts'

export const collect = async (items: AsyncIterable<LogItem>): Promise<LogItem[]> => {
  const out: LogItem[] = []
  for await (const item of items) out.push(item)
  return out
}

const at = (minutes: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + minutes * 60_000).toISOString()
let counter = 0
/** A fresh ULID, increasing. */
export const ulid = (): string => `01KJ${String(++counter).padStart(22, '0')}`

export const line = (type: string, data: object, streamId: string, streamVersion: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type,
    data: { at: at(streamVersion), ...data },
    metadata: { eventId: ulid(), streamId, streamVersion, globalPosition: ++counter, recordedAt: at(streamVersion), schemaVersion: 2, ...extra },
  })

export const created = (streamId: string, extra: object = {}) =>
  line('Created', {
    integrationId: streamId, applicationId: 1, profileId: '', currency: 'EUR', couponCodes: [], loyaltyCards: [],
    identifiers: [], attributes: {}, additionalCosts: {}, firstSession: true, ...extra,
  }, streamId, 1)

export const item = { sku: 'MUG', quantity: 2, price: 10.5 }

export const streamOf = (text: string): Readable => Readable.from([Buffer.from(text)])
