import { minorOf, precisionOf } from '../domain/money.ts'
import type { SessionProjection } from '../domain/project.ts'
import type { ReplayReport } from '../log/replay.ts'
import { amountColumn, type Cell, count, type Fit, table } from './format.ts'

const states = ['open', 'closed', 'partially_returned', 'cancelled'] as const
/** The states' column headers: short enough for the summary to fit 80 columns. */
const headers = ['open', 'closed', 'returned', 'cancelled']

/** One currency's sessions: how many in each state, their total and their discounts, in minor units. */
export interface CurrencyTotals {
  readonly count: Record<string, number>
  total: number
  discounts: number
}

/** The sessions' counts by state and sums (exact, in minor units), by currency. */
export const totalsByCurrency = (sessions: Iterable<SessionProjection>): Map<string, CurrencyTotals> => {
  const byCurrency = new Map<string, CurrencyTotals>()
  for (const s of sessions) addSession(byCurrency, s)
  return byCurrency
}

/** Counts one session into the totals: for projections that go by one at a time. */
export const addSession = (byCurrency: Map<string, CurrencyTotals>, s: SessionProjection) => {
  let entry = byCurrency.get(s.currency)
  if (entry === undefined) byCurrency.set(s.currency, (entry = { count: {}, total: 0, discounts: 0 }))
  const precision = precisionOf(s.currency)
  entry.count[s.state] = (entry.count[s.state] ?? 0) + 1
  entry.total += minorOf(s.total, precision)
  entry.discounts += minorOf(s.totalDiscounts, precision)
}

const sorted = (byCurrency: Map<string, CurrencyTotals>) => [...byCurrency].sort((a, b) => a[0].localeCompare(b[0]))

/** The report's counts in one line. */
export const reportLine = (report: ReplayReport) =>
  `lines read ${count(report.read)}, applied ${count(report.applied)}, rejected ${count(report.rejected)}; sessions ${count(report.sessions)}`

/** Sessions by state and currency with their totals (amounts at their currency's decimals), then the report's counts. */
export const summary = (byCurrency: Map<string, CurrencyTotals>, report: ReplayReport, fit?: Fit): string => {
  const entries = sorted(byCurrency)
  const totals = amountColumn(entries.map(([currency, e]) => ({ currency, minor: e.total })))
  const discounts = amountColumn(entries.map(([currency, e]) => ({ currency, minor: e.discounts })))
  const rows: Cell[][] = [['currency', ...headers, 'sessions', 'total', 'discounts']]
  entries.forEach(([currency, e], i) => {
    const counts = states.map((s) => e.count[s] ?? 0)
    rows.push([currency, ...counts, counts.reduce((a, b) => a + b, 0), totals[i]!, discounts[i]!])
  })
  return `${table(rows, fit).text}\n\n${reportLine(report)}\n`
}

/** The summary as JSON: amounts in major units, as the projections give them. */
export const summaryJson = (byCurrency: Map<string, CurrencyTotals>, report: ReplayReport) => {
  const rejectedByCode: Record<string, number> = {}
  for (const r of report.rejections) rejectedByCode[r.code] = (rejectedByCode[r.code] ?? 0) + 1
  return {
    currencies: sorted(byCurrency).map(([currency, e]) => {
      const scale = 10 ** precisionOf(currency)
      const counts = Object.fromEntries(states.map((s) => [s, e.count[s] ?? 0]))
      return { currency, ...counts, sessions: Object.values(counts).reduce((a, b) => a + b, 0), total: e.total / scale, discounts: e.discounts / scale }
    }),
    read: report.read,
    applied: report.applied,
    rejected: report.rejected,
    sessions: report.sessions,
    rejectedByCode,
    ...(report.failure === undefined ? {} : { failure: report.failure }),
  }
}
