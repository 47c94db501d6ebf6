/**
 * A sum of numbers as SQLite holds them, kept exactly, so that the sums of two halves of a table add
 * up to the sum of the whole bit for bit, in any order: integers in a safe JavaScript number while
 * they fit, the rest in a BigInt; reals as non-overlapping partials (Shewchuk's method, the one behind
 * Python's fsum), rounded once at the end. SQLite's own sum() rounds as it goes (Kahan–Babuška–
 * Neumaier), so its answer depends on the order it reads rows in, which an index changes; this one is
 * the correctly rounded total, and equals SQLite's whenever SQLite's is correctly rounded.
 */
export interface ExactSum {
  /** Integers added while the running total stays a safe integer. */
  small: number
  /** Integers that would have taken `small` past 2^53, added exactly. */
  big: bigint
  /** Reals: non-overlapping, in increasing magnitude; their exact sum is the reals' exact sum. */
  partials: number[]
  /** An infinity added, or a partial that overflowed a double (their sum: ±Infinity or NaN); null before. */
  beyond: number | null
}

export function emptySum(): ExactSum {
  return { small: 0, big: 0n, partials: [], beyond: null }
}

export function addInteger(sum: ExactSum, value: bigint): void {
  const near = Number(value)
  const next = sum.small + near
  // Both safe means both exact; past 2^53 a rounded total is not safe, so the check catches it.
  if (Number.isSafeInteger(near) && Number.isSafeInteger(next)) sum.small = next
  else sum.big += value
}

export function addReal(sum: ExactSum, value: number): void {
  if (!Number.isFinite(value)) {
    sum.beyond = (sum.beyond ?? 0) + value
    return
  }
  const { partials } = sum
  let x = value
  let kept = 0
  for (let at = 0; at < partials.length; at++) {
    let y = partials[at]!
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x]
    const high = x + y
    const low = y - (high - x)
    if (low !== 0) partials[kept++] = low
    x = high
  }
  partials.length = kept
  if (Number.isFinite(x)) partials.push(x)
  // Finite numbers whose sum passes a double's range: SQLite's sum() reaches ±Infinity there too.
  else sum.beyond = (sum.beyond ?? 0) + x
}

/** Adds `other` into `sum`, exactly. */
export function addSum(sum: ExactSum, other: ExactSum): void {
  sum.big += BigInt(other.small) + other.big
  for (const partial of other.partials) addReal(sum, partial)
  if (other.beyond !== null) sum.beyond = (sum.beyond ?? 0) + other.beyond
}

/** The sum rounded once to the nearest double (ties to even); NaN when +Infinity met -Infinity. */
export function sumTotal(sum: ExactSum): number {
  if (sum.beyond !== null) return sum.beyond
  const partials = [...sum.partials]
  const whole = { ...sum, partials }
  // The integers as a double and what that double missed (an integer small enough to be exact).
  const integers = BigInt(sum.small) + sum.big
  const high = Number(integers)
  addReal(whole, high)
  addReal(whole, Number(integers - BigInt(high)))
  if (whole.beyond !== null) return whole.beyond
  let at = partials.length
  if (at === 0) return 0
  let total = partials[--at]!
  let low = 0
  while (at > 0) {
    const x = total
    const y = partials[--at]!
    total = x + y
    low = y - (total - x)
    if (low !== 0) break
  }
  // Exactly half-way between two doubles as far as `total + low` goes: the partials below say which
  // side the true sum lies on.
  if (at > 0 && ((low < 0 && partials[at - 1]! < 0) || (low > 0 && partials[at - 1]! > 0))) {
    const twice = low * 2
    const rounded = total + twice
    if (twice === rounded - total) total = rounded
  }
  // No negative zero: SQLite's sums start at +0.
  return total + 0
}
