// The two ways through a delimited file — UTF-8 records read as bytes (ByteRows) and the text
// parser — must store the very same table. Each input is imported both ways into one archive and
// every cell is compared with its SQLite type, along with labels, column types, warnings, the
// reader's result and any error.
import { basename } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { ImportOptions } from '@shared/model'
import { columnName, datasetTableName } from '../../../../../../src/main/core/datasets/dataset-table-name'
import { DatasetWriter, SPLIT_WIDE_FILE } from '../../../../../../src/main/core/import/dataset-writer'
import { readDelimited } from '../../../../../../src/main/core/import/delimited/read-delimited'
import type { RowSink, Utf8Record, Utf8RowTarget } from '../../../../../../src/main/core/import/row-sink'
import { TypingSink } from '../../../../../../src/main/core/import/typing/typing-sink'
import { seededRandom } from '../../../../../../src/shared/seeded-random'
import { tempArchive } from '../../../../../helpers/temp-archive'
import { settingsFor, tempDir } from './read-fixture'

interface Loaded {
  error: string | null
  result: unknown
  labels: string[]
  types: string[]
  warnings: string[]
  cells: unknown[][]
  /** Cells emptied by the chosen null tokens, per column and token. */
  emptied: unknown
  /** Rows that came through as bytes. */
  byteRows: number
}

let db: Database
let cleanup: () => void
const files = tempDir()
beforeAll(async () => {
  const made = await tempArchive(false)
  db = made.archive.db
  cleanup = made.cleanup
})
afterAll(() => {
  cleanup()
  files.remove()
})

/** Hides the sink's byte door, so the reader must use the text parser. */
function textOnly(sink: TypingSink): RowSink {
  return {
    columns: (labels) => sink.columns(labels),
    addColumns: (labels) => sink.addColumns(labels),
    rows: (batch) => sink.rows(batch),
    warning: (warning) => sink.warning(warning),
    progress: (bytes) => sink.progress(bytes)
  }
}

/** Counts the rows given as bytes on their way to the sink. */
function countingBytes(sink: TypingSink, counter: { rows: number }): RowSink {
  const target: Utf8RowTarget = {
    acceptsUtf8Width: (width) => sink.acceptsUtf8Width(width),
    utf8Row: (bytes: Uint8Array, record: Utf8Record) => {
      counter.rows++
      sink.utf8Row(bytes, record)
    },
    flushUtf8Rows: () => sink.flushUtf8Rows()
  }
  return { ...textOnly(sink), utf8: target }
}

async function load(path: string, options: Partial<ImportOptions>, chunkBytes: number, asBytes: boolean): Promise<Loaded> {
  const nullTokens = options.nullTokens ?? []
  const name = basename(path)
  const counter = { rows: 0 }
  db.exec('BEGIN')
  try {
    const writer = new DatasetWriter(db, () => undefined, () => undefined, name, SPLIT_WIDE_FILE)
    const typing = new TypingSink(writer, nullTokens)
    const result = await readDelimited(path, name, settingsFor(options, chunkBytes), asBytes ? countingBytes(typing, counter) : textOnly(typing), new AbortController().signal)
    const written = writer.finish({ name, description: null, sources: [], sourceFile: name, sourceSize: 0, sha256: '', importId: null, sheet: null }, typing.finish())
    const columns = written.columns.map((_, position) => columnName(position))
    const select = columns.map((column) => `${column}, typeof(${column})`).join(', ')
    const cells = db.prepare(`SELECT ${select} FROM ${datasetTableName(written.id)} ORDER BY rowid`).raw().all() as unknown[][]
    return {
      error: null,
      result,
      labels: written.columns.map((column) => column.label),
      types: written.columns.map((column) => column.type),
      warnings: written.warnings,
      cells,
      emptied: written.emptiedCells,
      byteRows: counter.rows
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), result: null, labels: [], types: [], warnings: [], cells: [], emptied: [], byteRows: counter.rows }
  } finally {
    db.exec('ROLLBACK')
  }
}

async function bothWays(name: string, content: string | Uint8Array, options: Partial<ImportOptions> = {}, chunkBytes = 1 << 20) {
  const path = files.write(name, content)
  const bytes = await load(path, options, chunkBytes, true)
  const text = await load(path, options, chunkBytes, false)
  const { byteRows, ...same } = bytes
  const { byteRows: textByteRows, ...expected } = text
  expect(textByteRows).toBe(0)
  expect(same).toEqual(expected)
  return { loaded: bytes, byteRows }
}

// Values chosen to hit every typing route: canonical and respelled numbers, identifiers with
// leading zeros, dates real and not, datetimes, null tokens and redaction markers, quotes, line
// breaks and multi-byte text.
const VALUES = [
  '1', '-7', '0', '-0', '007', '123456789012345', '1234567890123456', '1.5', '2954.50', '+3', '1e3', '0.000001', '0.0000001',
  '-0.25', '3.', '.5', '2020-02-29', '2021-02-29', '2012-06-15', '2012-06-15T08:30:00Z', '2012-06-15 08:30', 'N/A', 'b6', '(b)(6)', 'b7(C)',
  'text', 'Zürich', '😀 emoji', 'a "quoted" word', 'two\nlines', 'crlf\r\ninside', 'lone\rcr', 'semi;colon', 'pipe|bar', 'tab\there',
  'comma, inside', '', ' ', 'NULL', '""'
]

function csvText(random: () => number, delimiter: string, quoteMode: 'double' | 'none', columns: number, rows: number, breaks: string): string {
  const pick = () => VALUES[Math.floor(random() * VALUES.length)]!
  const field = (value: string) => {
    const special = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
    if (quoteMode === 'none') return special ? 'x' : value
    return special || random() < 0.1 ? `"${value.replaceAll('"', '""')}"` : value
  }
  // Columns lean towards one kind of value, so they settle on a type and then meet exceptions.
  const kinds = Array.from({ length: columns }, () => Math.floor(random() * VALUES.length))
  const lines: string[] = [Array.from({ length: columns }, (_, c) => field(`col ${c}`)).join(delimiter)]
  for (let r = 0; r < rows; r++) {
    if (random() < 0.02) lines.push('')
    // Now and then a short row: the text parser takes over there and names its line in a warning.
    if (r > rows / 2 && random() < 0.03) lines.push(field(pick()))
    lines.push(Array.from({ length: columns }, (_, c) => field(random() < 0.8 ? VALUES[kinds[c]!]! : pick())).join(delimiter))
  }
  return lines.join(breaks) + (random() < 0.8 ? breaks : '')
}

describe('UTF-8 records read as bytes', () => {
  it.each([1, 3, 7, 64, 1 << 20])('store what the text parser stores for generated files (%i-byte reads)', async (chunkBytes) => {
    const random = seededRandom(chunkBytes)
    let byteRows = 0
    for (let file = 0; file < 12; file++) {
      const delimiter = [',', '\t', '|', ';'][file % 4]!
      const quote: ImportOptions['quote'] = file % 3 === 2 ? 'none' : 'double'
      const breaks = file % 2 === 0 ? '\n' : '\r\n'
      const content = csvText(random, delimiter, quote, 1 + Math.floor(random() * 8), 40, breaks)
      // Half the files are read with null tokens chosen, one of them a number.
      const nullTokens = file % 2 === 0 ? [] : ['N/A', 'b6', '0']
      const options = { delimiter: delimiter as ImportOptions['delimiter'], quote, header: file % 5 !== 4, nullTokens }
      const outcome = await bothWays(`generated-${chunkBytes}-${file}.csv`, content, options)
      byteRows += outcome.byteRows
    }
    // Most rows really did come through as bytes (a short row sends the rest of its file to the parser).
    expect(byteRows).toBeGreaterThan(12 * 40 * 0.5)
  })

  it('empties only the chosen null tokens, quoted or not, and counts them alike both ways', async () => {
    const content = 'id,n,note\n1,N/A,"N/A"\n2,"b6",b6\n3,7,"7"\n4,(b)(6),N/A!\n'
    const { loaded, byteRows } = await bothWays('tokens.csv', content, { nullTokens: ['N/A', 'b6', '7'] })
    expect(byteRows).toBe(4)
    expect(loaded.cells).toEqual([
      [1, 'integer', null, 'null', null, 'null'],
      [2, 'integer', null, 'null', null, 'null'],
      [3, 'integer', null, 'null', null, 'null'],
      [4, 'integer', '(b)(6)', 'text', 'N/A!', 'text']
    ])
    expect(loaded.emptied).toEqual([
      { column: 'n', token: 'N/A', cells: 1 },
      { column: 'n', token: 'b6', cells: 1 },
      { column: 'n', token: '7', cells: 1 },
      { column: 'note', token: 'N/A', cells: 1 },
      { column: 'note', token: 'b6', cells: 1 },
      { column: 'note', token: '7', cells: 1 }
    ])
    const untouched = await bothWays('tokens-kept.csv', content, {})
    expect(untouched.loaded.cells.map((row) => row.filter((_, i) => i % 2 === 0))).toEqual([
      [1, 'N/A', 'N/A'],
      [2, 'b6', 'b6'],
      [3, 7, '7'],
      [4, '(b)(6)', 'N/A!']
    ])
    expect(untouched.loaded.types).toEqual(['integer', 'integer', 'text'])
  })

  it('reads an ordinary file wholly as bytes', async () => {
    const { loaded, byteRows } = await bothWays('plain.csv', 'id,when,amount,name\n1,2012-06-15,2954.57,Ana\n2,2012-06-16,"3,5",Bo\n')
    expect(byteRows).toBe(2)
    expect(loaded.cells).toEqual([
      [1, 'integer', '2012-06-15', 'text', '2954.57', 'text', 'Ana', 'text'],
      [2, 'integer', '2012-06-16', 'text', '3,5', 'text', 'Bo', 'text']
    ])
  })

  it('hands over to the text parser at a misaligned row, a lone CR or text after a quote, and goes on from there', async () => {
    for (const [name, content] of [
      ['misaligned.csv', 'a,b\n1,2\n3\n4,5,6\n7,8\n'],
      ['lone-cr.csv', 'a,b\n1,2\n3,4\r5,6\n'],
      ['stray.csv', 'a,b\n1,2\n"x"y,3\n4,5\n'],
      ['no-final-break.csv', 'a,b\n1,2\n3,4']
    ] as const) {
      const { byteRows, loaded } = await bothWays(name, content, {}, 4)
      expect(byteRows, name).toBe(1)
      expect(loaded.error, name).toBeNull()
    }
  })

  it('hands over when a later chunk holds a NUL or a snippet marker, removing them as the text parser does', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i},row ${i}`).join('\n')
    const { loaded, byteRows } = await bothWays('nul.csv', `a,b\n${rows}\n5,x\u0000y\n6,\uE000z\n`, {}, 256)
    expect(byteRows).toBeGreaterThan(0)
    expect(byteRows).toBeLessThan(200)
    expect(loaded.cells.at(-2)).toEqual([5, 'integer', 'xy', 'text'])
    expect(loaded.cells.at(-1)).toEqual([6, 'integer', 'z', 'text'])
  })

  it('fails as the text parser fails: bad UTF-8 and an unclosed quote, with the same line and offset', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i},row ${i}`).join('\n')
    const bad = Buffer.concat([Buffer.from(`a,b\n${rows}\n7,`), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])
    const invalid = await bothWays('bad-utf8.csv', bad, { encoding: 'utf-8' }, 128)
    expect(invalid.loaded.error).toMatch(/^bad-utf8\.csv, line 102: the bytes at offset \d+ are not valid UTF-8/)
    const unclosed = await bothWays('unclosed.csv', `a,b\n${rows}\n8,"never closed\n9,x\n`, {}, 128)
    expect(unclosed.loaded.error).toBe('unclosed.csv, line 102: a quoted field opened here is never closed (missing ").')
  })

  it('keeps a file wider than a JSON batch takes on the text path, after its header', async () => {
    const header = Array.from({ length: 40 }, (_, i) => `c${i}`).join(',')
    const row = Array.from({ length: 40 }, (_, i) => String(i)).join(',')
    const { byteRows, loaded } = await bothWays('wide.csv', `${header}\n${row}\n${row}\n`)
    expect(byteRows).toBe(0)
    expect(loaded.cells).toHaveLength(2)
  })

  it('carries a record longer than a read into the next, quoted line breaks counted', async () => {
    const long = 'é'.repeat(5000)
    const { byteRows, loaded } = await bothWays('long.csv', `a,b\n1,"${long}\n${long}"\n2,x\n`, {}, 1000)
    expect(byteRows).toBe(2)
    expect(loaded.cells).toEqual([
      [1, 'integer', `${long}\n${long}`, 'text'],
      [2, 'integer', 'x', 'text']
    ])
  })
})
