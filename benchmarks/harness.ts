import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Timing that holds on a noisy shared machine: every figure is a median of interleaved
 * repetitions, each preceded by a `gc()` and a short pause, and targets are ratios against a
 * baseline measured in the same process on the same data.
 */
export interface Sample {
  readonly median: number
  readonly min: number
  readonly max: number
}

export const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) g()
}

export const summarise = (values: readonly number[]): Sample => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

/** Times each variant `repetitions` times, interleaved (a, b, a, b, ...), in milliseconds. */
export const interleaved = async (
  variants: Record<string, () => unknown | Promise<unknown>>,
  repetitions: number,
): Promise<Record<string, Sample>> => {
  const times: Record<string, number[]> = {}
  for (const name of Object.keys(variants)) times[name] = []
  for (let r = 0; r < repetitions; r++) {
    for (const [name, run] of Object.entries(variants)) {
      gc()
      await sleep(20)
      const start = performance.now()
      await run()
      times[name]!.push(performance.now() - start)
    }
  }
  const out: Record<string, Sample> = {}
  for (const [name, values] of Object.entries(times)) out[name] = summarise(values)
  return out
}

export interface Row {
  readonly figure: string
  readonly median: string
  readonly range: string
  readonly ratio: number
  readonly target: string
  /** `undefined` for a reference figure, which has no target */
  readonly pass: boolean | undefined
}

export const printTable = (rows: readonly Row[]): void => {
  const header = ['figure', 'median', 'min-max', 'ratio', 'target', 'result']
  const cells = rows.map((r) => [r.figure, r.median, r.range, r.ratio.toFixed(3), r.target, r.pass === undefined ? '-' : r.pass ? 'pass' : 'MISS'])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const c of cells) console.log(line(c))
}
