import type { RowSink } from '../row-sink'
import type { JsonEventHandler } from './json-event-parser'
import { JsonShapeError } from './json-shape-error'

// A batch goes to the sink when it reaches either limit: big enough to amortise the writer's cost
// per call, small enough that memory stays flat however long or wide the rows are.
const BATCH_ROWS = 5_000
const BATCH_CHARS = 2 * 1024 * 1024

const TOP_UNKNOWN = 0
const TOP_ARRAY = 1
/** An object with one member holding the rows: {"meta": …, "data": [{…}, …]}. */
const TOP_WRAPPER = 2

// The wrapper member being read, when it is an array.
const MEMBER_NONE = 0
/** An array whose first element has not been seen yet: it may turn out to hold the rows. */
const MEMBER_WAITING = 1
const MEMBER_ROWS = 2
const MEMBER_OTHER = 3

/** Repeated keys whose place is listed in the warning; the rest are counted. */
const REPEATS_LISTED = 10

const WANTED_SHAPE =
  'Casefile needs an array of objects, one per row ([{…}, {…}]), or an object with one member that holds such an array ({"rows": [{…}, {…}]})'

/**
 * Turns parser events into table rows for a RowSink. Columns are the union of the rows' keys in the
 * order first seen; values become text: strings as they are, numbers as written, true/false as
 * words, null as null, and nested arrays or objects as compact JSON (numbers still as written).
 * Anything that is not a table — a scalar at the top, a row that is not an object, two candidate
 * arrays — is refused with a JsonShapeError rather than imported in part.
 */
export class JsonRowCollector implements JsonEventHandler {
  private depth = 0
  private top = TOP_UNKNOWN
  /** Depth of the row objects once the document's shape is known (NDJSON: each line is a row). */
  private rowDepth: number
  private memberName = ''
  private member = MEMBER_NONE
  private rowsMember: string | null = null
  private sawEmptyArray = false

  private readonly columnIndex = new Map<string, number>()
  private readonly labels: string[] = []
  /** How many labels the sink knows; -1 until columns() is called. */
  private announced = -1
  /** Rows with no keys at all that came before any column was known: they are all-null rows. */
  private keylessRows = 0

  private row: (string | null)[] | null = null
  private column = 0
  // Rows nearly always list their keys in the same order: remembering which key came at which
  // position, and its column, skips the map lookup for almost every member.
  private memberPosition = 0
  private readonly keyAtPosition: string[] = []
  private readonly columnAtPosition: number[] = []
  /** Depth at which the nested array/object being written as text started; 0 when none. */
  private nestedDepth = 0
  private nested = ''
  private needComma = false

  private batch: (string | null)[][] = []
  private batchChars = 0
  private rowCount = 0
  /** Per column: the number of the last row (1-based, counting rows begun) that gave it a value. */
  private readonly filledInRow: number[] = []
  private rowsBegun = 0
  /** Keys given twice in one object: how many, and where the first few stand. */
  private repeats = 0
  private readonly repeatsListed: { line: number; column: number; key: string }[] = []

  constructor(
    private readonly format: 'json' | 'ndjson',
    private readonly sink: RowSink,
    private readonly fileName: string,
    /** Where the key being reported stands in the file (see JsonEventParser.tokenPosition). */
    private readonly keyPosition: () => { line: number; column: number }
  ) {
    this.rowDepth = format === 'ndjson' ? 1 : 0
  }

  get rows(): number {
    return this.rowCount
  }

  beginObject(): void {
    this.open('{')
  }

  beginArray(): void {
    this.open('[')
  }

  endObject(): void {
    this.close('}')
  }

  endArray(): void {
    this.close(']')
  }

  key(name: string): void {
    if (this.nestedDepth > 0) {
      this.appendNested(`${JSON.stringify(name)}:`)
      this.needComma = false
    } else if (this.row !== null) {
      const position = this.memberPosition++
      if (this.keyAtPosition[position] === name) {
        this.column = this.columnAtPosition[position]!
      } else {
        this.column = this.columnFor(name)
        this.keyAtPosition[position] = name
        this.columnAtPosition[position] = this.column
      }
      // The same key twice in one object: JSON keeps the last value, and the person is told.
      if (this.filledInRow[this.column] === this.rowsBegun) this.noteRepeat(name)
      this.filledInRow[this.column] = this.rowsBegun
    } else if (this.top === TOP_WRAPPER && this.depth === 1) {
      this.memberName = name
    }
  }

  string(value: string): void {
    this.scalar(value, this.nestedDepth > 0 ? JSON.stringify(value) : '', 'a string')
  }

  number(raw: string): void {
    this.scalar(raw, raw, 'a number')
  }

  literal(value: boolean | null): void {
    const text = value === null ? 'null' : String(value)
    this.scalar(value === null ? null : text, text, text)
  }

  endValue(): void {}

  /**
   * Delivers what is left; throws when the document held no rows at all. Called only once the
   * parser has seen the whole file, so a syntax error later in the file is reported first.
   */
  finish(): void {
    if (this.top === TOP_WRAPPER && this.rowsMember === null && !this.sawEmptyArray) {
      throw new JsonShapeError(`is not a table Casefile can import: its top-level object has no member that holds an array of objects. ${WANTED_SHAPE}.`, 'file')
    }
    if (this.rowCount === 0) throw new JsonShapeError('holds no rows.', 'file')
    if (this.announced < 0) this.announceColumns()
    this.flush()
    if (this.repeats > 0) this.sink.warning({ line: this.repeatsListed[0]!.line, message: this.repeatsWarning() })
  }

  private noteRepeat(key: string): void {
    this.repeats++
    if (this.repeatsListed.length < REPEATS_LISTED) this.repeatsListed.push({ ...this.keyPosition(), key })
  }

  private repeatsWarning(): string {
    const [first] = this.repeatsListed
    if (this.repeats === 1) {
      return `${this.fileName}, line ${first!.line}, column ${first!.column}: the key ${JSON.stringify(first!.key)} appears again in the same object; Casefile kept the last value and left out the earlier one.`
    }
    const places = this.repeatsListed.map((repeat) => `line ${repeat.line}, column ${repeat.column}: ${JSON.stringify(repeat.key)}`).join('; ')
    const more = this.repeats > this.repeatsListed.length ? ` … and ${this.repeats - this.repeatsListed.length} more` : ''
    return `${this.fileName}: ${this.repeats} keys appear again in the same object (${places}${more}); Casefile kept the last value of each and left out the earlier ones.`
  }

  private open(bracket: '{' | '['): void {
    const parent = this.depth++
    if (this.nestedDepth > 0) {
      this.appendNested(bracket)
      this.needComma = false
      return
    }
    if (this.row !== null) {
      this.nestedDepth = this.depth
      this.nested = bracket
      this.needComma = false
      return
    }
    if (parent === 0 && this.format === 'json') {
      this.top = bracket === '[' ? TOP_ARRAY : TOP_WRAPPER
      this.rowDepth = bracket === '[' ? 2 : 3
      return
    }
    if (this.isRowSlot(parent, bracket === '{' ? null : 'an array')) {
      this.row = new Array<string | null>(this.labels.length).fill(null)
      this.memberPosition = 0
      this.rowsBegun++
      return
    }
    if (this.top === TOP_WRAPPER && parent === 1 && bracket === '[') this.member = MEMBER_WAITING
  }

  private close(bracket: '}' | ']'): void {
    const closing = this.depth--
    if (this.nestedDepth > 0) {
      this.nested += bracket
      this.needComma = true
      if (closing === this.nestedDepth) {
        this.nestedDepth = 0
        this.set(this.nested)
        this.nested = ''
      }
      return
    }
    if (this.row !== null) {
      this.endRow(this.row)
      return
    }
    if (this.top === TOP_WRAPPER && closing === 2 && this.member !== MEMBER_NONE) {
      if (this.member === MEMBER_WAITING) this.sawEmptyArray = true
      this.member = MEMBER_NONE
    }
  }

  /** `text` is the value stored in a row, `json` its JSON spelling inside a nested value. */
  private scalar(text: string | null, json: string, what: string): void {
    if (this.nestedDepth > 0) {
      this.appendNested(json)
      this.needComma = true
    } else if (this.row !== null) {
      this.set(text)
    } else if (this.depth === 0 && this.format === 'json') {
      throw new JsonShapeError(`the top level is ${what}; ${WANTED_SHAPE}`, 'value')
    } else {
      this.isRowSlot(this.depth, what)
    }
  }

  /**
   * Whether a value at `parent` depth is a row. `notObject` describes the value when it is not an
   * object: where a row must be, that is an error; elsewhere (a wrapper's other members) it is ignored.
   */
  private isRowSlot(parent: number, notObject: string | null): boolean {
    if (this.format === 'ndjson') {
      if (notObject !== null) throw new JsonShapeError(`the line holds ${notObject}, not an object; each line must be one object (one row)`, 'value')
      return true
    }
    if (this.top === TOP_ARRAY && parent === 1) {
      if (notObject !== null) {
        throw new JsonShapeError(`item ${this.rowCount + 1} of the top-level array is ${notObject}, not an object; each row must be an object`, 'value')
      }
      return true
    }
    if (this.top !== TOP_WRAPPER || parent !== 2) return false
    if (this.member === MEMBER_WAITING) {
      if (notObject !== null) {
        this.member = MEMBER_OTHER
        return false
      }
      if (this.rowsMember !== null) {
        throw new JsonShapeError(
          `the top-level object has a second array of objects, "${this.memberName}" (the first was "${this.rowsMember}"); Casefile imports one table per file`,
          'value'
        )
      }
      this.rowsMember = this.memberName
      this.member = MEMBER_ROWS
      return true
    }
    if (this.member !== MEMBER_ROWS) return false
    if (notObject !== null) {
      throw new JsonShapeError(`item ${this.rowCount + 1} of "${this.rowsMember}" is ${notObject}, not an object; each row must be an object`, 'value')
    }
    return true
  }

  private columnFor(name: string): number {
    const known = this.columnIndex.get(name)
    if (known !== undefined) return known
    const index = this.labels.length
    this.columnIndex.set(name, index)
    // An empty key still names a column; like a blank CSV header it gets a readable label.
    this.labels.push(name === '' ? `Column ${index + 1}` : name)
    this.row!.push(null)
    return index
  }

  private set(value: string | null): void {
    this.row![this.column] = value
    if (value !== null) this.batchChars += value.length
  }

  private appendNested(piece: string): void {
    this.nested += this.needComma ? `,${piece}` : piece
  }

  private endRow(row: (string | null)[]): void {
    this.row = null
    this.rowCount++
    if (this.announced < 0) {
      // Until a row brings a key there is nothing to name a column after; keyless rows wait as a count.
      if (this.labels.length === 0) {
        this.keylessRows++
        return
      }
      this.announceColumns()
    } else if (this.labels.length > this.announced) {
      this.sink.addColumns(this.labels.slice(this.announced))
      this.announced = this.labels.length
    }
    this.batch.push(row)
    if (this.batch.length >= BATCH_ROWS || this.batchChars >= BATCH_CHARS) this.flush()
  }

  private announceColumns(): void {
    this.sink.columns(this.labels.slice())
    this.announced = this.labels.length
    for (; this.keylessRows > 0; this.keylessRows--) {
      this.batch.push([])
      if (this.batch.length >= BATCH_ROWS) this.flush()
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return
    const batch = this.batch
    this.batch = []
    this.batchChars = 0
    this.sink.rows(batch)
  }
}
