import type { SessionProjection } from '../domain/project.ts'
import type { ReplayReport } from '../log/replay.ts'

/** A plain text table, columns padded; numbers right-aligned. */
export const table = (rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, String(cell).length)))
  return rows
    .map((row) => row.map((cell, i) => (typeof cell === 'number' ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n')
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

const states = ['open', 'closed', 'partially_returned', 'cancelled'] as const

/** One currency's sessions: how many in each state, their total and their discounts. */
export interface CurrencyTotals {
  readonly count: Record<string, number>
  total: number
  discounts: number
}

/** The sessions' counts by state and sums, by currency: what the summary shows, for other tables too. */
export const totalsByCurrency = (sessions: Map<string, SessionProjection>): Map<string, CurrencyTotals> => {
  const byCurrency = new Map<string, CurrencyTotals>()
  for (const s of sessions.values()) {
    const entry = byCurrency.get(s.currency) ?? { count: {}, total: 0, discounts: 0 }
    entry.count[s.state] = (entry.count[s.state] ?? 0) + 1
    entry.total = round(entry.total + s.total, 3)
    entry.discounts = round(entry.discounts + s.totalDiscounts, 3)
    byCurrency.set(s.currency, entry)
  }
  return byCurrency
}

/** Sessions by state and currency with their totals, then the report's counts. */
export const summary = (
  sessions: Map<string, SessionProjection>,
  report: ReplayReport,
  byCurrency: Map<string, CurrencyTotals> = totalsByCurrency(sessions),
): string => {
  const rows: Array<Array<string | number>> = [['currency', ...states, 'sessions', 'total', 'discounts']]
  for (const [currency, e] of [...byCurrency].sort((a, b) => a[0].localeCompare(b[0]))) {
    const counts = states.map((s) => e.count[s] ?? 0)
    rows.push([currency, ...counts, counts.reduce((a, b) => a + b, 0), e.total, e.discounts])
  }
  const lines = [
    table(rows),
    '',
    `lines read ${report.read}, applied ${report.applied}, rejected ${report.rejected}; sessions ${report.sessions}`,
  ]
  return `${lines.join('\n')}\n`
}
