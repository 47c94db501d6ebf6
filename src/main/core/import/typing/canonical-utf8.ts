// The column typer's fast checks (see column-typer.ts), asked of a value's UTF-8 bytes
// `bytes[start, end)` instead of a string, so the common values of a file need no string at all.
// Every character they accept is ASCII, so a byte answers for a character; each check accepts
// exactly what its string twin accepts (tests/unit/main/core/import/typing/canonical-utf8.test.ts compares them).

const MINUS = 45
const ZERO = 48
const NINE = 57
const POINT = 46
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= NINE
}

/** -?(0|[1-9][0-9]{0,14}), and not -0. */
export function isCanonicalIntegerUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  const first = bytes[start] === MINUS ? start + 1 : start
  const length = end - first
  if (length < 1 || length > 15) return false
  if (bytes[first] === ZERO && (length > 1 || first > start)) return false
  for (let i = first; i < end; i++) if (!isDigit(bytes[i]!)) return false
  return true
}

/**
 * A canonical real of at most 15 significant digits that JavaScript does not print in exponent
 * form: no leading zeros, a point, at least one digit after it and no trailing zero.
 */
export function isCanonicalRealUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = bytes[start] === MINUS ? start + 1 : start
  const integerStart = i
  while (i < end && isDigit(bytes[i]!)) i++
  const integerDigits = i - integerStart
  if (integerDigits === 0 || i === end || bytes[i] !== POINT) return false
  if (integerDigits > 1 && bytes[integerStart] === ZERO) return false
  const fractionStart = ++i
  while (i < end && isDigit(bytes[i]!)) i++
  if (i !== end || i === fractionStart || bytes[end - 1] === ZERO) return false
  const fractionDigits = end - fractionStart
  if (bytes[integerStart] !== ZERO) return integerDigits + fractionDigits <= 15
  let zeros = 0
  while (bytes[fractionStart + zeros] === ZERO) zeros++
  return zeros <= 5 && fractionDigits - zeros <= 15
}

/**
 * For a number written with zeros after its point that JavaScript would not write ("2954.50",
 * "12.0"): where its canonical spelling ends, once those zeros (and a point left bare) are cut —
 * "2954.5", "12" — provided what is left is canonical; -1 for anything else.
 */
export function zeroPaddedNumberEnd(bytes: Uint8Array, start: number, end: number): number {
  let cut = end
  while (cut > start && bytes[cut - 1] === ZERO) cut--
  if (cut === end) return -1
  // Zeros before a point are digits of the integer part ("1500"), never cut.
  if (bytes[cut - 1] === POINT) return isCanonicalIntegerUtf8(bytes, start, cut - 1) ? cut - 1 : -1
  return isCanonicalRealUtf8(bytes, start, cut) ? cut : -1
}

/** YYYY-MM-DD of a real day. */
export function isIsoDateUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return false
  const y1 = bytes[start]! - ZERO
  const y2 = bytes[start + 1]! - ZERO
  const y3 = bytes[start + 2]! - ZERO
  const y4 = bytes[start + 3]! - ZERO
  const m1 = bytes[start + 5]! - ZERO
  const m2 = bytes[start + 6]! - ZERO
  const d1 = bytes[start + 8]! - ZERO
  const d2 = bytes[start + 9]! - ZERO
  if (y1 < 0 || y2 < 0 || y3 < 0 || y4 < 0 || m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return false
  if (y1 > 9 || y2 > 9 || y3 > 9 || y4 > 9 || m1 > 9 || m2 > 9 || d1 > 9 || d2 > 9) return false
  return isCalendarDay(y1 * 1000 + y2 * 100 + y3 * 10 + y4, m1 * 10 + m2, d1 * 10 + d2)
}

/** Whether day `day` of month `month` (1-based) exists in `year` of the Gregorian calendar. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)
}
