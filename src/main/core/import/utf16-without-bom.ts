/** How much of a file's start is looked at. */
const INSPECTED_BYTES = 8192
/** Share of the 2-byte units whose high byte is zero: tables and articles are mostly ASCII. */
const MOSTLY_ZERO = 0.4
/** Share whose low byte may be zero too (U+0100, U+2000, …) before it cannot be UTF-16 text. */
const RARELY_ZERO = 0.1

/**
 * The byte order of UTF-16 text that has no byte-order mark, or null. Such text (Excel's "Unicode
 * text", some government exports) is half NUL bytes, all on one side of each 2-byte unit, and would
 * otherwise be called binary. It is recognised when most units have a zero on one side and almost
 * none on the other, and the units decode as text: no unpaired surrogate, no control character but
 * tab and line breaks.
 */
export function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.floor(Math.min(sample.length, INSPECTED_BYTES) / 2)
  if (units < 2) return null
  let zeroHigh = 0
  let zeroLow = 0
  for (let i = 0; i < units; i++) {
    if (sample[2 * i] === 0) zeroLow++
    if (sample[2 * i + 1] === 0) zeroHigh++
  }
  const order = zeroHigh >= units * MOSTLY_ZERO && zeroLow <= units * RARELY_ZERO ? 'utf-16le' : zeroLow >= units * MOSTLY_ZERO && zeroHigh <= units * RARELY_ZERO ? 'utf-16be' : null
  if (order === null) return null
  for (let i = 0; i < units; i++) {
    const unit = order === 'utf-16le' ? sample[2 * i]! | (sample[2 * i + 1]! << 8) : (sample[2 * i]! << 8) | sample[2 * i + 1]!
    if (unit < 32 && unit !== 9 && unit !== 10 && unit !== 13) return null
    if (unit >= 0xd800 && unit <= 0xdbff) {
      // A high surrogate needs a low one next, unless the sample ends here.
      const next = i + 1 < units ? (order === 'utf-16le' ? sample[2 * i + 2]! | (sample[2 * i + 3]! << 8) : (sample[2 * i + 2]! << 8) | sample[2 * i + 3]!) : 0xdc00
      if (next < 0xdc00 || next > 0xdfff) return null
      i++
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return null
  }
  return order
}
