import type { CellValue } from '@shared/model'

/**
 * A chart groups by x and by its series column, under one text key built from both. SQL built that
 * key once (a GROUP BY over it sorted every row, or read an index of it); now a pass over the rows
 * writes the same key from the values it read (cellKeyOf, chart-pass.ts), and this expression is
 * part of the query that names each answer in the chart cache.
 *
 * quote() writes each value as an SQL literal, so the key keeps type and emptiness apart ('5' is not
 * 5, NULL is not 'NULL') and reads back exactly; the comma cannot be mistaken for part of a literal.
 * `x` and `series` are generated expressions over generated column names, never user text.
 */
export function cellKeyExpression(x: string, series: string | null): string {
  return series === null ? `quote(${x})` : `quote(${x}) || ',' || quote(${series})`
}

/** A value as SQLite hands it to a function with safe integers: integers as BigInt (a blob, which the importer never writes, as its literal in text). */
export type KeyValue = string | number | bigint | null

function literalOf(value: KeyValue): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`
  // A REAL in its shortest spelling that reads back as the same number, as quote() guarantees.
  return String(value)
}

/**
 * The key cellKeyExpression would build for x and the series value (undefined: the chart has no
 * series), from values already read: parseCellKey reads both alike.
 */
export function cellKeyOf(x: KeyValue, series: KeyValue | undefined): string {
  return series === undefined ? literalOf(x) : `${literalOf(x)},${literalOf(series)}`
}

function readLiteral(key: string, start: number): [CellValue, number] {
  if (key.startsWith('NULL', start)) return [null, start + 4]
  if (key[start] === "'") {
    let text = ''
    let at = start + 1
    for (;;) {
      const quote = key.indexOf("'", at)
      if (quote < 0) throw new Error(`Unterminated text in chart key ${JSON.stringify(key)}`)
      text += key.slice(at, quote)
      if (key[quote + 1] !== "'") return [text, quote + 1]
      text += "'"
      at = quote + 2
    }
  }
  // A number (quote() writes integers in full and reals so that they read back exactly), or a blob,
  // which the importer never writes and is shown as its literal.
  const comma = key.indexOf(',', start)
  const end = comma < 0 ? key.length : comma
  const literal = key.slice(start, end)
  return [literal.startsWith("X'") ? literal : Number(literal), end]
}

/** The x value and series value a key made by cellKeyExpression stands for. */
export function parseCellKey(key: string, hasSeries: boolean): { x: CellValue; g: CellValue } {
  const [x, end] = readLiteral(key, 0)
  if (!hasSeries) return { x, g: null }
  if (key[end] !== ',') throw new Error(`Malformed chart key ${JSON.stringify(key)}`)
  return { x, g: readLiteral(key, end + 1)[0] }
}

/**
 * SQLite's order for values: empty first, then numbers by value, then text by its UTF-8 bytes, which
 * is code point order (JavaScript's < compares UTF-16 units, which differs above U+FFFF).
 */
export function compareCellValues(a: CellValue, b: CellValue): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1
  if (typeof b === 'number') return 1
  const length = Math.min(a.length, b.length)
  for (let at = 0; at < length; at++) {
    const left = a.codePointAt(at)!
    const right = b.codePointAt(at)!
    if (left !== right) return left - right
    if (left > 0xffff) at++
  }
  return a.length - b.length
}
