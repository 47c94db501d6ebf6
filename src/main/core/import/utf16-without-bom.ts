type Order = 'utf-16le' | 'utf-16be'

/** How much of a file's start is looked at. */
const INSPECTED_BYTES = 8192
/** Share of the 2-byte units whose high byte is zero: tables and articles are mostly ASCII. */
const MOSTLY_ZERO = 0.4
/** Share whose low byte may be zero too (U+0100, U+2000, …) before it cannot be UTF-16 text. */
const RARELY_ZERO = 0.1
/**
 * Share of the bytes that are control characters other than NUL, tab, line breaks and form feed.
 * 8-bit text (ASCII, UTF-8, Windows-1252) has next to none; UTF-16 text of another script has many:
 * Cyrillic's units are 0x04xx, Greek's 0x03xx, and an eighth of the CJK and Hangul units have a
 * low byte under 0x20.
 */
const CONTROL_BYTES = 0.01
/** The fewest units the test for other scripts looks at: below that, chance decides too often. */
const FEWEST_UNITS = 32
/**
 * How much more varied (in bits of entropy) the low bytes of the units must be than the high ones.
 * In UTF-16 text the high byte names the script's block (0x04 for Cyrillic, 0x30 for kana, 0x00 for
 * ASCII); in 8-bit text both halves of each pair are the same kind of byte, and differ by under 0.6
 * bits even in 64 bytes. A gap half as wide is enough when the other byte order does not read as text.
 */
const ENTROPY_GAP = 1
const ENTROPY_GAP_ONE_ORDER = 0.6

function unitAt(sample: Uint8Array, index: number, order: Order): number {
  return order === 'utf-16le' ? sample[2 * index]! | (sample[2 * index + 1]! << 8) : (sample[2 * index]! << 8) | sample[2 * index + 1]!
}

/**
 * True when the units read as text in this byte order: no unpaired surrogate, no control character
 * but tab and line breaks, no noncharacter U+FFFE/U+FFFF. With `needsBreak`, at least one line
 * break or space too (any text longer than a line has some).
 */
function readsAsText(sample: Uint8Array, units: number, order: Order, needsBreak: boolean): boolean {
  let breaks = 0
  for (let i = 0; i < units; i++) {
    const unit = unitAt(sample, i, order)
    if (unit === 10 || unit === 13 || unit === 32 || unit === 0x3000) breaks++
    if (unit < 32 && unit !== 9 && unit !== 10 && unit !== 13) return false
    if ((unit >= 0x7f && unit <= 0x9f) || unit === 0xfffe || unit === 0xffff) return false
    if (unit >= 0xd800 && unit <= 0xdbff) {
      // A high surrogate needs a low one next, unless the sample ends here.
      const next = i + 1 < units ? unitAt(sample, i + 1, order) : 0xdc00
      if (next < 0xdc00 || next > 0xdfff) return false
      i++
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false
  }
  return !needsBreak || breaks > 0
}

/** Shannon entropy, in bits, of the bytes at even (`first` 0) or odd (`first` 1) offsets below `length` (even). */
function entropyOf(sample: Uint8Array, length: number, first: 0 | 1): number {
  const counts = new Array<number>(256).fill(0)
  let total = 0
  for (let i = first; i < length; i += 2) {
    counts[sample[i]!]!++
    total++
  }
  let bits = 0
  for (const count of counts) if (count > 0) bits -= (count / total) * Math.log2(count / total)
  return bits
}

function controlBytes(sample: Uint8Array, length: number): number {
  let count = 0
  for (let i = 0; i < length; i++) {
    const byte = sample[i]!
    if (byte < 32 && byte !== 0 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13) count++
  }
  return count
}

/**
 * The byte order of UTF-16 text that has no byte-order mark, or null. Such text (Excel's "Unicode
 * text", some government exports) would otherwise be called binary, or read as Windows-1252.
 *
 * Mostly-Latin text is half NUL bytes, all on one side of each 2-byte unit. Text in another script
 * (Cyrillic, Greek, Arabic, CJK, Hangul) has fewer NULs (its spaces and line breaks), and CJK has
 * some on both sides (U+3000, U+4E00); it is recognised instead by what 8-bit text never has: control
 * bytes among its bytes, and high bytes far less varied than the low ones (see ENTROPY_GAP), while
 * the units read as text. 8-bit text that holds a few NUL bytes (EOIR exports do) stays 8-bit text.
 */
export function utf16WithoutBom(sample: Uint8Array): Order | null {
  const length = Math.min(sample.length, INSPECTED_BYTES)
  const units = Math.floor(length / 2)
  if (units < 2) return null
  let zeroHigh = 0
  let zeroLow = 0
  for (let i = 0; i < units; i++) {
    if (sample[2 * i] === 0) zeroLow++
    if (sample[2 * i + 1] === 0) zeroHigh++
  }
  const latin: Order | null =
    zeroHigh >= units * MOSTLY_ZERO && zeroLow <= units * RARELY_ZERO ? 'utf-16le' : zeroLow >= units * MOSTLY_ZERO && zeroHigh <= units * RARELY_ZERO ? 'utf-16be' : null
  if (latin !== null) return readsAsText(sample, units, latin, false) ? latin : null
  if (units < FEWEST_UNITS || controlBytes(sample, 2 * units) < 2 * units * CONTROL_BYTES) return null
  // Little-endian puts each unit's high byte at the odd offsets.
  const gap = entropyOf(sample, 2 * units, 0) - entropyOf(sample, 2 * units, 1)
  const order: Order = gap >= 0 ? 'utf-16le' : 'utf-16be'
  if (!readsAsText(sample, units, order, true)) return null
  const other: Order = order === 'utf-16le' ? 'utf-16be' : 'utf-16le'
  const needed = readsAsText(sample, units, other, true) ? ENTROPY_GAP : ENTROPY_GAP_ONE_ORDER
  return Math.abs(gap) >= needed ? order : null
}
