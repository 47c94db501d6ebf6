// A government table downloaded as CSV carries its workbook's furniture: a title over the header,
// page-repeated headers, footnotes under the data. The delimited import reads such a file as the
// workbook import reads the sheet; any other file as before.
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readPath, settingsFor, tempDir } from './read-fixture'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function temp(): ReturnType<typeof tempDir> {
  const made = tempDir()
  cleanups.push(made.remove)
  return made
}

const TITLE = 'Table 39. Aliens removed by country of nationality: fiscal years 2011 to 2013'
const SOURCE = 'Source: U.S. Department of Homeland Security, ENFORCE Alien Removal Module (EARM), December 2013.'

/** The reviewer's t39.csv shape, as a spreadsheet program saves a sheet as CSV: every line as wide as the table. */
function t39Lines(sep = ','): string[] {
  const row = (cells: (string | number)[]): string => [...cells, ...Array(6 - cells.length).fill('')].join(sep)
  const quoted = (text: string): string => (sep === ',' && text.includes(',') ? `"${text}"` : text)
  return [
    row([quoted(TITLE)]),
    row([]),
    row(['Country', 2011, 2012, 2013, 'Change (%)', 'Filed']),
    row(['Guatemala 1', 1001, 2001, 3001, 0.142857143, '1900-01-01']),
    row(['Honduras 2', 1002, 'D', 3002, 0.285714286, '1900-01-02']),
    row(['Ecuador 3', '12†', 2003, '-', '(1.5)', '1900-01-03']),
    row(['Subtotal', 1, 2, 3]),
    row(['Grand total', 999, 999, 999]),
    row([]),
    row(['D Data withheld to limit disclosure.']),
    row(['- Represents zero.  X Not applicable.']),
    row([quoted(SOURCE)])
  ]
}

const T39_ROWS = [
  ['Guatemala 1', '1001', '2001', '3001', '0.142857143', '1900-01-01'],
  ['Honduras 2', '1002', 'D', '3002', '0.285714286', '1900-01-02'],
  ['Ecuador 3', '12†', '2003', '-', '(1.5)', '1900-01-03'],
  ['Subtotal', '1', '2', '3', null, null],
  ['Grand total', '999', '999', '999', null, null]
]

/** Rows as the sink got them, short rows padded to the table's width (a short row's missing cells are empty). */
function padded(rows: (string | null)[][], width: number): (string | null)[][] {
  return rows.map((row) => [...row, ...Array<null>(Math.max(0, width - row.length)).fill(null)])
}

describe('a delimited table that opens with a title', () => {
  it('finds the header under the title and keeps the title and footnotes out of the rows, naming their lines', async () => {
    const { write } = temp()
    const path = write('t39.csv', `\ufeff${t39Lines().join('\n')}\n`)
    const { result, sink } = await readPath(path, settingsFor({}, 64 * 1024))
    expect(sink.labels).toEqual(['Country', '2011', '2012', '2013', 'Change (%)', 'Filed'])
    expect(padded(sink.rowsReceived, 6)).toEqual(T39_ROWS)
    expect(result.rows).toBe(5)
    expect(result.summary?.titles).toEqual([TITLE])
    expect(result.summary?.footnotes).toEqual(['D Data withheld to limit disclosure.', '- Represents zero.  X Not applicable.', SOURCE])
    expect(sink.warnings.map((warning) => warning.message)).toEqual([
      "t39.csv: lines 1–2 above the header (line 3) and lines 10–12 under the table were kept in the dataset's source as the table's title and notes, not read as data."
    ])
  })

  it('reads a TSV and a CRLF file the same way, whatever the chunk size', async () => {
    const { write } = temp()
    const tsv = write('t39.tsv', `${t39Lines('\t').join('\n')}\n`)
    const crlf = write('t39-crlf.csv', `${t39Lines().join('\r\n')}\r\n`)
    for (const path of [tsv, crlf]) {
      for (const chunk of [7, 64 * 1024]) {
        const { result, sink } = await readPath(path, settingsFor({}, chunk))
        expect(sink.labels).toEqual(['Country', '2011', '2012', '2013', 'Change (%)', 'Filed'])
        expect(padded(sink.rowsReceived, 6)).toEqual(T39_ROWS)
        expect(result.summary?.titles).toEqual([TITLE])
        expect(result.summary?.footnotes.at(-1)).toBe(SOURCE)
      }
    }
  })

  it('keeps as data rows that read like footnotes when a data row follows them', async () => {
    const { write } = temp()
    const lines = t39Lines()
    // The "footnotes" are followed by one more row of figures: they were data after all.
    lines.push(['Mexico 4', 1004, 2004, 3004, 0.5, '1900-01-04'].join(','))
    const { result, sink } = await readPath(write('more.csv', `${lines.join('\n')}\n`), settingsFor({}, 64 * 1024))
    const rows = padded(sink.rowsReceived, 6)
    expect(rows.slice(0, 5)).toEqual(T39_ROWS)
    // The blank line between is no row, as a blank sheet row is none.
    expect(rows.slice(5).map((row) => row[0])).toEqual(['D Data withheld to limit disclosure.', '- Represents zero.  X Not applicable.', SOURCE, 'Mexico 4'])
    expect(rows.at(-1)).toEqual(['Mexico 4', '1004', '2004', '3004', '0.5', '1900-01-04'])
    expect(result.summary?.footnotes).toEqual([])
    expect(sink.warnings.map((warning) => warning.message)).toEqual([
      "more.csv: lines 1–2 above the header (line 3) were kept in the dataset's source as the table's title and notes, not read as data."
    ])
  })

  it('leaves out the header repeated page by page under a blank line, saying at which lines', async () => {
    const { write } = temp()
    const lines = t39Lines()
    // A second printed page: a blank line, the header again, more rows (after "Grand total", line 8).
    lines.splice(8, 0, ',,,,,', 'Country,2011,2012,2013,Change (%),Filed', 'Colombia 4,1004,2004,3004,0.5,1900-01-04')
    const { sink } = await readPath(write('pages.csv', `${lines.join('\n')}\n`), settingsFor({}, 64 * 1024))
    expect(sink.rowsReceived.map((row) => row[0])).toEqual(['Guatemala 1', 'Honduras 2', 'Ecuador 3', 'Subtotal', 'Grand total', 'Colombia 4'])
    expect(sink.warnings.map((warning) => warning.message)).toContain(
      'pages.csv: its header is repeated at line 10; the repeat was not read as data, and the rows under it go on with the table.'
    )
  })

  it('keeps a second table stacked under the first in the same dataset, losing no line, and says so', async () => {
    const { write } = temp()
    const text = 'Table 39A. Removals by region,,\n,,\nRegion,2012,2013\nNorth,10,20\nSouth,30,40\n,,\nTable 39B. Returns by region,,\nRegion,Returned,Share\nEast,5,0.5\nWest,6,0.6\n,,\nSource: DHS.,,\n'
    const { result, sink } = await readPath(write('stacked.csv', text), settingsFor({}, 64 * 1024))
    expect(sink.labels).toEqual(['Region', '2012', '2013'])
    expect(sink.rowsReceived).toEqual([['North', '10', '20'], ['South', '30', '40'], ['Region', 'Returned', 'Share'], ['East', '5', '0.5'], ['West', '6', '0.6']])
    expect(result.summary?.titles).toEqual(['Table 39A. Removals by region', 'Table 39B. Returns by region'])
    expect(result.summary?.footnotes).toEqual(['Source: DHS.'])
    expect(sink.warnings.map((warning) => warning.message)[0]).toMatch(/^stacked\.csv seems to hold more than one table, one under the other/)
  })

  it('reads a titled file without a header (header: false) as before: every line a row, columns by position', async () => {
    const { write } = temp()
    const { result, sink } = await readPath(write('t39.csv', `${t39Lines().join('\n')}\n`), settingsFor({ header: false }, 64 * 1024))
    expect(sink.labels).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4', 'Column 5', 'Column 6'])
    expect(sink.rowsReceived).toHaveLength(12)
    expect(sink.rowsReceived[0]![0]).toBe(TITLE)
    expect(result.summary).toBeNull()
  })
})

describe('delimited files that do not open with a title are read as before', () => {
  it('an ordinary CSV, a one-column CSV, and one whose last rows are data with empty cells', async () => {
    const { write } = temp()
    const cases: { name: string; text: string; labels: string[]; rows: (string | null)[][] }[] = [
      {
        name: 'plain.csv',
        text: 'Country,2011,2012\nMexico,1,2\nSource: DHS,,\n',
        labels: ['Country', '2011', '2012'],
        rows: [['Mexico', '1', '2'], ['Source: DHS', null, null]]
      },
      { name: 'one-column.csv', text: 'Names\nAna\n\nNote: none\n', labels: ['Names'], rows: [['Ana'], ['Note: none']] },
      {
        name: 'empty-cells.csv',
        text: 'id,name,amount\n1,Ana,3\n2,,\nTotal,,\n',
        labels: ['id', 'name', 'amount'],
        rows: [['1', 'Ana', '3'], ['2', null, null], ['Total', null, null]]
      },
      // One label over a wider table: the row under it is figures, no header, so the first line stays the header.
      { name: 'one-label.csv', text: 'id,,\n1,2,3\n4,5,6\n', labels: ['id', 'Column 2', 'Column 3'], rows: [['1', '2', '3'], ['4', '5', '6']] },
      // One word over wider rows is a header the rows outgrew, not a title.
      { name: 'one-word.csv', text: 'Comments,\nsee the memo,2012\nnone,2013\n', labels: ['Comments', 'Column 2'], rows: [['see the memo', '2012'], ['none', '2013']] },
      // A title of words over a header, but no figures under it: read as before.
      {
        name: 'names.csv',
        text: 'List of names,\nfirst,last\nAna,Diaz\n',
        labels: ['List of names', 'Column 2'],
        rows: [['first', 'last'], ['Ana', 'Diaz']]
      }
    ]
    for (const { name, text, labels, rows } of cases) {
      const { result, sink } = await readPath(write(name, text), settingsFor({}, 64 * 1024))
      expect([name, sink.labels, sink.rowsReceived]).toEqual([name, labels, rows])
      expect(result.summary).toBeNull()
      expect(sink.warnings).toEqual([])
    }
  })

  it("the repository's sample tables (test fixtures and the app's sample data)", async () => {
    const roots = [resolve(import.meta.dirname, '../../../../../fixtures/import'), resolve(import.meta.dirname, '../../../../../../resources/sample')]
    const files = roots.flatMap(walk).filter((path) => /\.(csv|tsv)$/i.test(path))
    expect(files.length).toBeGreaterThan(15)
    for (const path of files) {
      const read = await readPath(path, settingsFor({}, 64 * 1024)).catch(() => null)
      // Files the import refuses (empty, binary, an unclosed quote) are refused as before, by other tests.
      if (read === null) continue
      expect([path, read.result.summary]).toEqual([path, null])
    }
  })
})

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}
