import type { Share } from '../effects.ts'
import { type Minor, minorOf } from '../money.ts'
import type { SessionState } from '../state.ts'
import { costsOf } from '../totals.ts'

/**
 * Every amount a discount can reduce is a cell (domain.md section 6): each remaining unit's price,
 * each remaining unit's item-level costs (one cell per unit), and each session-level cost.
 */
export type Cell =
  | { kind: 'unitPrice' | 'unitAdditionalCosts'; position: number; subPosition: number; value: Minor }
  | { kind: 'sessionAdditionalCost'; additionalCost: string; value: Minor }

/** A remaining unit of a line, with the indexes of its two cells. */
export interface Unit {
  position: number
  subPosition: number
  sku: string
  category: string | undefined
  /** the index of its price cell */
  priceCell: number
  /** the index of its item-level costs cell */
  costsCell: number
}

/**
 * The cells of a session in their canonical order, the order that breaks ties between shares:
 * by position, then subPosition, a unit's price before its costs, session-level costs last, by
 * name (code-unit order, locale-independent).
 */
export interface Cells {
  cells: Cell[]
  units: Unit[]
  sessionCosts: Map<string, number>
}

export const cellsOf = (state: SessionState, precision: number): Cells => {
  const cells: Cell[] = []
  const units: Unit[] = []
  state.cartItems.forEach((line, position) => {
    const price = minorOf(line.price, precision)
    const costs = costsOf(line.additionalCosts, precision)
    for (let subPosition = 0; subPosition < line.quantity - line.returnedQuantity; subPosition++) {
      units.push({ position, subPosition, sku: line.sku, category: line.category, priceCell: cells.length, costsCell: cells.length + 1 })
      cells.push({ kind: 'unitPrice', position, subPosition, value: price })
      cells.push({ kind: 'unitAdditionalCosts', position, subPosition, value: costs })
    }
  })
  const sessionCosts = new Map<string, number>()
  // `sort()` without a comparator orders by UTF-16 code units: locale-independent.
  for (const name of Object.keys(state.additionalCosts).sort()) {
    sessionCosts.set(name, cells.length)
    cells.push({ kind: 'sessionAdditionalCost', additionalCost: name, value: minorOf(state.additionalCosts[name]!.price, precision) })
  }
  return { cells, units, sessionCosts }
}

/** The indexes of the cells a session-level scope names. */
export const sessionScopeCells = (cells: readonly Cell[], scope: 'cartItems' | 'additionalCosts' | 'sessionTotal'): number[] => {
  const out: number[] = []
  cells.forEach((cell, index) => {
    if (scope === 'sessionTotal') out.push(index)
    else if (scope === 'cartItems' ? cell.kind === 'unitPrice' : cell.kind === 'sessionAdditionalCost') out.push(index)
  })
  return out
}

/** The indexes of a unit's cells a per-item scope names. */
export const unitScopeCells = (unit: Unit, scope: 'price' | 'additionalCosts' | 'itemTotal'): number[] =>
  scope === 'price' ? [unit.priceCell] : scope === 'additionalCosts' ? [unit.costsCell] : [unit.priceCell, unit.costsCell]

/** A cell's share of a session-level discount, as `Closed` records it. */
export const shareOf = (cell: Cell, value: number): Share =>
  cell.kind === 'sessionAdditionalCost'
    ? { cell: cell.kind, value, additionalCost: cell.additionalCost }
    : { cell: cell.kind, value, position: cell.position, subPosition: cell.subPosition }
