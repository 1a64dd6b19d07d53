import type { Minor } from '../money.ts'
import type { Rounding } from './policy.ts'

/**
 * `numerator / denominator` for non-negative integers, rounded to an integer: `halfUp` (ties away
 * from zero), `halfEven` (ties to the even neighbour) or `down` (truncation). BigInt, because a
 * price in minor units times a percentage scaled to an integer leaves the safe-integer range.
 */
const divideRounded = (numerator: bigint, denominator: bigint, rounding: Rounding): bigint => {
  const quotient = numerator / denominator
  const twice = (numerator % denominator) * 2n
  if (rounding === 'down' || twice < denominator) return quotient
  if (twice > denominator || rounding === 'halfUp') return quotient + 1n
  return quotient % 2n === 0n ? quotient : quotient + 1n
}

/** 100% with `percentDigits` (4) fraction digits: the scale of a percentage in minor units. */
const wholePercent = 1_000_000n

/**
 * `percent` (given as an integer scaled by 10^4: 12.5% is 125000) of `base` minor units, rounded
 * once at the currency's precision. Never more than `base`, since a percentage is at most 100.
 */
export const percentOf = (base: Minor, scaledPercent: number, rounding: Rounding): Minor =>
  Number(divideRounded(BigInt(base) * BigInt(scaledPercent), wholePercent, rounding))
