/** A cell reference such as "AB12" as 0-based column and 1-based row; null when it is not one. */
export function parseCellReference(reference: string): { column: number; row: number } | null {
  let column = 0
  let i = 0
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i)
    const upper = code >= 97 && code <= 122 ? code - 32 : code
    if (upper === 36) continue
    if (upper < 65 || upper > 90) break
    column = column * 26 + (upper - 64)
  }
  if (column === 0 || column > 16_384) return null
  const digits = reference.slice(i).replace('$', '')
  const row = /^[0-9]{1,7}$/.test(digits) ? Number(digits) : Number.NaN
  return Number.isInteger(row) && row >= 1 ? { column: column - 1, row } : null
}

/** A rectangle of cells, 0-based columns and 1-based rows, both ends included. */
export interface CellRange {
  firstColumn: number
  lastColumn: number
  firstRow: number
  lastRow: number
}

/** "B2:D3" (or a single "B2") as a range; null when it is not one. */
export function parseCellRange(reference: string): CellRange | null {
  const [from, to = from] = reference.split(':')
  const a = parseCellReference(from!)
  const b = parseCellReference(to!)
  if (a === null || b === null) return null
  return { firstColumn: Math.min(a.column, b.column), lastColumn: Math.max(a.column, b.column), firstRow: Math.min(a.row, b.row), lastRow: Math.max(a.row, b.row) }
}

/** A 0-based column as its letters: 0 → "A", 27 → "AB". */
export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
