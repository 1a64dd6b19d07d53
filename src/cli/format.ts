import { precisionOf } from '../domain/money.ts'

/** A cell right-aligned as it is: a number or an amount already formatted. */
export interface Right {
  readonly right: string
}
export type Cell = string | number | Right

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })

/** A number with its thousands grouped: `1,234,567`, `12.95`. */
export const count = (n: number): string => grouping.format(n)

/**
 * The amounts of a column, each shown with its currency's decimals and grouped, padded on the
 * right so that the decimal points line up (`1,234.50`, `   12.345`, `    7   `).
 */
export const amountColumn = (amounts: ReadonlyArray<{ readonly minor: number; readonly currency: string }>): Right[] => {
  const texts = amounts.map(({ minor, currency }) => {
    const digits = precisionOf(currency)
    const scale = 10 ** digits
    const sign = minor < 0 ? '-' : ''
    const whole = count(Math.floor(Math.abs(minor) / scale))
    return { text: digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(Math.abs(minor) % scale).padStart(digits, '0')}`, digits }
  })
  const widest = Math.max(0, ...texts.map((t) => t.digits))
  return texts.map(({ text, digits }) => ({ right: text + ' '.repeat(widest === 0 ? 0 : digits === 0 ? widest + 1 : widest - digits) }))
}

const textOf = (cell: Cell) => (typeof cell === 'number' ? count(cell) : typeof cell === 'string' ? cell : cell.right)
const isRight = (cell: Cell) => typeof cell !== 'string'

/** How wide a table may be, and whether to drop what does not fit. */
export interface Fit {
  /** the columns of the output (80 by default) */
  readonly width: number
  /** every column, whatever the width */
  readonly wide: boolean
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/**
 * A plain text table, columns two spaces apart, numbers and amounts right-aligned, counts grouped.
 * Unless `wide`, a cell is cut at 24 characters and the columns that would pass the width are
 * left out; `omitted` says how many.
 */
export const table = (rows: ReadonlyArray<ReadonlyArray<Cell>>, fit: Fit = { width: 80, wide: true }): { text: string; omitted: number } => {
  const texts = rows.map((row) => row.map((cell) => (fit.wide ? textOf(cell) : cut(textOf(cell), 24))))
  const widths: number[] = []
  for (const row of texts) row.forEach((t, i) => (widths[i] = Math.max(widths[i] ?? 0, t.length)))
  let columns = widths.length
  if (!fit.wide) {
    let used = 0
    for (let i = 0; i < widths.length; i++) {
      used += widths[i]! + (i > 0 ? 2 : 0)
      if (used > fit.width && i > 0) {
        columns = i
        break
      }
    }
  }
  const rightAligned = widths.map((_, i) => rows.slice(1).some((row) => row[i] !== undefined && isRight(row[i]!)))
  const right = (i: number) => rightAligned[i] === true
  const text = texts
    .map((row) =>
      row
        .slice(0, columns)
        .map((t, i) => (right(i) ? t.padStart(widths[i]!) : t.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
  return { text, omitted: widths.length - columns }
}
