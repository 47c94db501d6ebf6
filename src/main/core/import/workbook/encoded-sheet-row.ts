import { footnoteLike, legendLike } from './find-sheet-table'
import type { CellKind, SheetRow } from './sheet-row'
import { writeUtf8 } from './write-utf8'

/**
 * A sheet row its reader wrote as UTF-8 while it read it (see XlsxWorkbook): column c's text is
 * `bytes[ranges[2c], ranges[2c + 1])`, and ranges[2c] is -1 where the row has no cell. Its strings
 * (`values`) are made only when something asks for them; until then the row reaches a sink that
 * takes bytes as it is (see Utf8SheetRows), so a table's cells go to the typer without ever
 * becoming strings. Once its strings have been handed out (they may then be changed: a merged
 * cell spread into the row) they are what the row holds.
 */
export class EncodedSheetRow implements SheetRow {
  private decoded: (string | null)[] | null = null

  constructor(
    readonly row: number,
    readonly hidden: boolean,
    readonly kinds: (CellKind | null)[],
    readonly bytes: Buffer,
    readonly ranges: readonly number[],
    /** How many of its cells hold a value. */
    readonly filled: number,
    /** Texts that have no UTF-8 form (a lone surrogate from &#xD800;), by column; null when none has. */
    private readonly unencodable: (string | null)[] | null
  ) {}

  /** Its last column that holds a value, plus one. */
  get width(): number {
    return this.kinds.length
  }

  get values(): (string | null)[] {
    if (this.decoded === null) {
      const values: (string | null)[] = []
      for (let column = 0; column < this.width; column++) {
        const start = this.ranges[2 * column]!
        values.push(this.unencodable?.[column] ?? (start < 0 ? null : this.bytes.toString('utf8', start, this.ranges[2 * column + 1])))
      }
      this.decoded = values
    }
    return this.decoded
  }

  /** A row given other values holds them from then on (SheetRow's values may be replaced). */
  set values(values: (string | null)[]) {
    this.decoded = values
  }

  /** Whether its bytes are what it holds (see the class). */
  get asBytes(): boolean {
    return this.decoded === null && this.unencodable === null
  }
}

/** How many columns a row spans (its values' length), without making its strings. */
export function rowLength(row: SheetRow): number {
  return row instanceof EncodedSheetRow && row.asBytes ? row.width : row.values.length
}

/** Whether a row has a value in `column` (below rowLength), without making its strings. */
export function cellFilled(row: SheetRow, column: number): boolean {
  return row instanceof EncodedSheetRow && row.asBytes ? row.ranges[2 * column]! >= 0 : row.values[column] !== null
}

/** A row's value in `column`, without making the row's other strings. */
export function cellValue(row: SheetRow, column: number): string | null {
  if (!(row instanceof EncodedSheetRow && row.asBytes)) return row.values[column] ?? null
  const start = row.ranges[2 * column] ?? -1
  return start < 0 ? null : row.bytes.toString('utf8', start, row.ranges[2 * column + 1])
}

/** footnoteLike, answered without making a row's strings when it has two values or more (a footnote has one). */
export function mayBeFootnote(row: SheetRow): boolean {
  return !(row instanceof EncodedSheetRow && row.filled >= 2) && footnoteLike(row)
}

/** legendLike, answered without making a row's strings when it has three values or more (a legend's line has one or two). */
export function mayBeLegend(row: SheetRow): boolean {
  return !(row instanceof EncodedSheetRow && row.filled >= 3) && legendLike(row)
}

/**
 * Bytes of each slab rows are written into: hundreds of rows. Small, so that the one slab still in
 * use when the young generation is collected, which then lives on to the old generation until a
 * full collection, is little memory (1 MB slabs raised an import's peak by ~20 MB).
 */
const SLAB_BYTES = 64 * 1024

/**
 * Writes the rows of a sheet as UTF-8, one after another, into large buffers (slabs) rather than a
 * buffer for each row: a row costs no allocation but its EncodedSheetRow. A slab is let go once no
 * row written in it is kept (most rows go on to the sink at once).
 */
export class EncodedRowWriter {
  private slab = Buffer.allocUnsafeSlow(SLAB_BYTES)
  private at = 0
  private rowStart = 0
  /**
   * The row being written, in arrays reused from row to row: its first `width` columns are its
   * own, those past them are empty (null, -1). A row gets copies of exactly its width at its end:
   * arrays grown cell by cell cost several allocations a row, most of them garbage at once.
   */
  private readonly kinds: (CellKind | null)[] = []
  private readonly ranges: number[] = []
  private width = 0
  private filled = 0
  private unencodable: (string | null)[] | null = null

  startRow(): void {
    this.rowStart = this.at
    for (let column = 0; column < this.width; column++) {
      this.kinds[column] = null
      this.ranges[2 * column] = -1
      this.ranges[2 * column + 1] = -1
    }
    this.width = 0
    this.filled = 0
    this.unencodable = null
  }

  /** Starts the cell in `column`, of `kind`, whose value takes at most `length` bytes. */
  private startCell(column: number, kind: CellKind, length: number): void {
    while (this.kinds.length <= column) {
      this.kinds.push(null)
      this.ranges.push(-1, -1)
    }
    if (column >= this.width) this.width = column + 1
    if (this.ranges[2 * column]! < 0) this.filled++
    this.kinds[column] = kind
    if (this.at + length > this.slab.length) this.newSlab(length)
    this.ranges[2 * column] = this.at
  }

  /** Adds the cell in `column` whose value is source[from, to), UTF-8. */
  copy(column: number, kind: CellKind, source: Uint8Array, from: number, to: number): void {
    this.startCell(column, kind, to - from)
    const slab = this.slab
    let at = this.at
    // Most cells are a few dozen bytes: a loop beats the cost of set's call and of subarray's view
    // (an object to collect) up to ~100 (measured with the source's bytes not in cache, as a table of
    // shared strings mostly is not).
    if (to - from < 96) for (let i = from; i < to; i++) slab[at++] = source[i]!
    else {
      slab.set(source.subarray(from, to), at)
      at += to - from
    }
    this.ranges[2 * column + 1] = this.at = at
  }

  /** Adds the cell in `column` whose value is `text`. */
  text(column: number, kind: CellKind, text: string): void {
    this.startCell(column, kind, text.length * 3)
    const end = writeUtf8(this.slab, this.at, text)
    if (end < 0) {
      ;(this.unencodable ??= [])[column] = text
      this.ranges[2 * column + 1] = this.at
      return
    }
    this.ranges[2 * column + 1] = this.at = end
  }

  endRow(row: number, hidden: boolean): EncodedSheetRow {
    return new EncodedSheetRow(row, hidden, this.kinds.slice(0, this.width), this.slab, this.ranges.slice(0, 2 * this.width), this.filled, this.unencodable)
  }

  /** Moves the row begun so far to a new slab with room for `length` more bytes. */
  private newSlab(length: number): void {
    const sofar = this.at - this.rowStart
    const slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, 2 * (sofar + length)))
    this.slab.copy(slab, 0, this.rowStart, this.at)
    const ranges = this.ranges
    for (let k = 0; k < 2 * this.width; k++) if (ranges[k]! >= 0) ranges[k] = ranges[k]! - this.rowStart
    this.slab = slab
    this.at = sofar
    this.rowStart = 0
  }
}
