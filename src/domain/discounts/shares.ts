import type { Minor } from '../money.ts'

/**
 * Splits `total` minor units over cells in proportion to their `bases` by largest remainder, so
 * that the parts add up to `total` exactly (domain.md section 6, "Shares"). Each cell first gets
 * the floor of its exact quota; the units left over go one each to the cells with the largest
 * remainders, a tie going to the earlier cell (callers pass cells in their canonical order).
 * With `total <= sum(bases)`, no part exceeds its base. BigInt: `total * base` can pass 2^53.
 */
export const splitByLargestRemainder = (total: Minor, bases: readonly Minor[]): Minor[] => {
  // With 0 < total <= sum(bases), the sum is positive: no division by zero below.
  if (total <= 0) return bases.map(() => 0)
  let sum = 0n
  for (const base of bases) sum += BigInt(base)
  const whole = BigInt(total)
  const parts: Minor[] = []
  const remainders: Array<{ index: number; remainder: bigint }> = []
  let given = 0
  for (const [index, base] of bases.entries()) {
    const exact = whole * BigInt(base)
    const part = Number(exact / sum)
    parts.push(part)
    given += part
    remainders.push({ index, remainder: exact % sum })
  }
  // Stable sort: equal remainders keep the earlier cell first.
  remainders.sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1))
  for (let k = 0; k < total - given; k++) parts[remainders[k]!.index]! += 1
  return parts
}
