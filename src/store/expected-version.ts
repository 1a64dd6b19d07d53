import type { ExpectedStreamVersion } from './event-store.ts'

// ---------------------------------------------------------------------------------------------
// Input checks: a bad call is an error value and stores nothing.

export const isExpectedStreamVersion = (u: unknown): u is ExpectedStreamVersion =>
  u === 'any' || u === 'no_stream' || u === 'stream_exists' || (Number.isSafeInteger(u) && (u as number) >= 0)

export const matchesExpected = (expected: ExpectedStreamVersion, current: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' ? current === 0 : expected === 'stream_exists' ? current > 0 : expected === current)

export const conflictMessage = (streamId: string, expected: ExpectedStreamVersion, current: number): string =>
  `Stream "${streamId}": expected ${typeof expected === 'number' ? `version ${expected}` : expected}, ` +
  `but the stream is at version ${current}${current === 0 ? ' (no stream)' : ''}`
