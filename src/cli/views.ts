import * as E from 'fp-ts/lib/Either.js'
import type { SessionError } from '../domain/errors.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { Rejection } from '../log/engine.ts'
import { toApplicationSession } from '../talon/application-session.ts'
import { toCustomerSessionV2Legacy } from '../talon/customer-session-v2-legacy.ts'
import { toCustomerSessionV2 } from '../talon/customer-session-v2.ts'
import { toCustomerSession } from '../talon/customer-session.ts'
import { type Fit, table } from './format.ts'

/** The Talon.One-shaped views `replay --view` renders, by the name the command takes. */
export const renderers = {
  v2: toCustomerSessionV2,
  'v2-legacy': toCustomerSessionV2Legacy,
  v1: toCustomerSession,
  application: toApplicationSession,
} as const satisfies Record<string, (p: SessionProjection) => E.Either<SessionError, object>>

export type ViewName = keyof typeof renderers

/** The names `--view` takes besides `summary`, in the order of `renderers`. */
export const viewNames = Object.keys(renderers) as ViewName[]

export const isViewName = (name: string): name is ViewName => Object.prototype.hasOwnProperty.call(renderers, name)

/** Each session's view, in the order of the log; the sessions that have none, with why. */
export const renderViews = (view: ViewName, sessions: Map<string, SessionProjection>) => {
  const rendered: object[] = []
  const missing: string[] = []
  for (const projection of sessions.values()) {
    const result: E.Either<SessionError, object> = renderers[view](projection)
    if (E.isRight(result)) rendered.push(result.right)
    else missing.push(result.left.message)
  }
  return { rendered, missing }
}

/**
 * Streams that replay saw but that have no session, hence no view: their first line (normally a
 * `Created`) was rejected, so every later line was too. One message per stream, at its first line.
 */
export const sessionsWithoutView = (sessions: Map<string, SessionProjection>, rejections: readonly Rejection[]): string[] => {
  const seen = new Set<string>()
  const out: string[] = []
  for (const r of rejections) {
    if (r.streamId === undefined || sessions.has(r.streamId) || seen.has(r.streamId)) continue
    seen.add(r.streamId)
    out.push(`session ${JSON.stringify(r.streamId)} has no view: its first line (line ${r.line}) was rejected (${r.code})`)
  }
  return out
}

const sum = (amounts: Record<string, number>) => Math.round(Object.values(amounts).reduce((a, b) => a + b, 0) * 1000) / 1000

/**
 * A table cell for a view field, or undefined for a field too nested to show in a table (the
 * attributes, the costs: `--json` shows every field). Cart items show as their count, a
 * `discounts` map as its sum, lists of codes joined by commas, an empty text as `-`.
 */
const cell = (key: string, value: unknown): string | number | undefined => {
  if (typeof value === 'number') return value
  if (typeof value === 'string') return value === '' ? '-' : value
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    if (key === 'cartItems') return value.length
    return value.every((v) => typeof v === 'string') ? value.join(',') || '-' : undefined
  }
  if (key === 'discounts' && typeof value === 'object' && value !== null) return sum(value as Record<string, number>)
  return undefined
}

/**
 * A readable table of views: the view's own field names as the header, in the view's order; fit
 * to the width unless `wide`, with a last line saying how many columns were left out.
 */
export const viewTable = (views: readonly object[], fit: Fit = { width: 80, wide: true }): string => {
  if (views.length === 0) return '(no sessions)\n'
  // Optional fields (referralCode, storeIntegrationId) may be absent from the first views: each
  // new one goes after the field it follows in the view that has it.
  const keys: string[] = []
  for (const v of views) {
    let previous = -1
    for (const [k, value] of Object.entries(v)) {
      if (cell(k, value) === undefined) continue
      let at = keys.indexOf(k)
      if (at === -1) keys.splice((at = previous + 1), 0, k)
      previous = at
    }
  }
  const rows = views.map((v) => keys.map((k) => cell(k, (v as Record<string, unknown>)[k]) ?? '-'))
  const { text, omitted } = table([keys, ...rows], fit)
  return omitted === 0 ? `${text}\n` : `${text}\n(${omitted} more columns: --wide shows every column, --json every field)\n`
}
