import { describe, expect, it } from 'vitest'
import { addInteger, addReal, addSum, emptySum, sumTotal, type ExactSum } from '../../../../../src/main/core/charts/exact-sum'

function sumOf(values: readonly (number | bigint)[]): ExactSum {
  const sum = emptySum()
  for (const value of values) {
    if (typeof value === 'bigint') addInteger(sum, value)
    else addReal(sum, value)
  }
  return sum
}

const total = (values: readonly (number | bigint)[]) => sumTotal(sumOf(values))

describe('an exact sum', () => {
  it('rounds once, at the end: what adding as you go loses is kept', () => {
    expect(total([0.1, 0.2, 0.3])).toBe(0.6)
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6)
    expect(total([1e16, 1, -1e16])).toBe(1)
    expect(total([1e100, 1, -1e100, 1e-100, 1e50, -1, -1e50])).toBe(1e-100)
    // 2^53 + 1 is half-way between two doubles; the 2^-100 below it says which way to round.
    expect(total([2 ** 53, 1, 2 ** -100])).toBe(2 ** 53 + 2)
    expect(total([2 ** 53, 1, -(2 ** -100)])).toBe(2 ** 53)
    expect(total([])).toBe(0)
    expect(Object.is(total([-0, -0]), 0)).toBe(true)
  })

  it('adds integers exactly past 2^53 and past 2^63, where SQLite’s sum() stops with “integer overflow”', () => {
    expect(total([9007199254740993n, -9007199254740992n])).toBe(1)
    expect(total([9223372036854775807n, 9223372036854775807n, -9223372036854775807n, -9223372036854775806n])).toBe(1)
    expect(total([9223372036854775807n, 9223372036854775807n])).toBe(Number(2n * 9223372036854775807n))
    // Integers and reals together: 2^60 + 1 as integers, then 0.5, is rounded once.
    expect(total([2n ** 60n, 1n, 0.5, -(2 ** 60)])).toBe(1.5)
  })

  it('answers the same total however the values are ordered and split in two', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    const values: (number | bigint)[] = Array.from({ length: 2000 }, (_, at) =>
      at % 5 === 0 ? BigInt(Math.floor((random() - 0.5) * 2 ** 62)) * 3n : at % 7 === 0 ? BigInt(Math.floor(random() * 1000)) : (random() - 0.5) * 10 ** Math.floor(random() * 30 - 10)
    )
    const whole = total(values)
    for (let round = 0; round < 20; round++) {
      const shuffled = [...values].sort(() => random() - 0.5)
      const cut = Math.floor(random() * shuffled.length)
      const first = sumOf(shuffled.slice(0, cut))
      addSum(first, sumOf(shuffled.slice(cut)))
      expect(sumTotal(first)).toBe(whole)
    }
  })

  it('reaches infinity as SQLite does, and NaN where +Infinity meets -Infinity', () => {
    expect(total([1e308, 1e308])).toBe(Infinity)
    expect(total([-Infinity, 5])).toBe(-Infinity)
    expect(total([Infinity, -Infinity])).toBeNaN()
    const split = sumOf([Infinity])
    addSum(split, sumOf([1, 2n]))
    expect(sumTotal(split)).toBe(Infinity)
  })
})
