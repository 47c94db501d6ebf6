// A large .xlsx sheet read on a thread of its own (out/main/sheet-rows-worker.js), which shows its
// cells but for shared strings, while the reader thread puts in their text: the rows, their order
// and every failure must be exactly those of the same sheet read on one thread, through a ring of
// shared blocks that the sheets here fill many times over, with rows too large for a block and
// text with no UTF-8 form.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ImportCancelled } from '../../src/main/core/import/row-sink'
import { openWorkbook } from '../../src/main/core/import/workbook/read-workbook'
import type { SheetRow } from '../../src/main/core/import/workbook/sheet-row'
import { BLOCK_BYTES, BLOCK_INTS, RING_BLOCKS } from '../../src/main/core/import/workbook/sheet-rows-ring'
import { SheetRowsThread } from '../../src/main/core/import/workbook/sheet-rows-thread'
import type { SheetReadFacts, WorkbookSource } from '../../src/main/core/import/workbook/workbook-source'
import { SharedStrings } from '../../src/main/core/import/workbook/shared-strings'
import { sheetXml, writeHandWrittenXlsx } from '../helpers/hand-written-workbooks'
import { withDeclared } from '../helpers/write-zip'

const WORKER = resolve(import.meta.dirname, '../../out/main/sheet-rows-worker.js')
const dirs: string[] = []
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`)
})

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-sheet-thread-'))
  dirs.push(dir)
  return dir
}

const STYLES =
  '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>'
const STRINGS = ['Removed', 'Terminated', 'Relief granted', 'Ciudad Juárez', '(b)(6)']
const SHARED = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${STRINGS.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`

/** Row `r` of the big sheet: shared strings, dates, percents, exponents, inline text with entities, and some odd rows. */
function rowXml(r: number): string {
  if (r === 1) return '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Case</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Filed</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Outcome</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>Share</x:t></x:is></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>Note</x:t></x:is></x:c></x:row>'
  // A row too large for a block: it crosses as a message.
  if (r === 7_000) return `<x:row r="${r}"><x:c r="A${r}"><x:v>${r}</x:v></x:c><x:c r="E${r}" t="inlineStr"><x:is><x:t>${'long '.repeat(BLOCK_BYTES / 4)}</x:t></x:is></x:c></x:row>`
  // A lone surrogate, which has no UTF-8 form.
  if (r === 12_345) return `<x:row r="${r}"><x:c r="A${r}"><x:v>${r}</x:v></x:c><x:c r="E${r}" t="inlineStr"><x:is><x:t>half &#xD800; a pair</x:t></x:is></x:c></x:row>`
  const hidden = r % 997 === 0 ? ' hidden="1"' : ''
  const cells = [
    `<x:c r="A${r}"><x:v>${r}</x:v></x:c>`,
    `<x:c r="B${r}" s="1"><x:v>${40_000 + (r % 3_000)}</x:v></x:c>`,
    `<x:c r="C${r}" t="s"><x:v>${r % STRINGS.length}</x:v></x:c>`,
    r % 5 === 0 ? `<x:c r="D${r}" s="2"><x:v>${(r % 100) / 1000}</x:v></x:c>` : `<x:c r="D${r}"><x:v>1.5E-${r % 9}</x:v></x:c>`,
    r % 11 === 0 ? `<x:c r="E${r}" t="str"><x:f>A${r}&amp;"x"</x:f><x:v>${r}x &amp; co</x:v></x:c>` : r % 13 === 0 ? `<x:c r="E${r}"><x:f>A1+1</x:f></x:c>` : ''
  ]
  return `<x:row r="${r}"${hidden}>${cells.join('')}</x:row>`
}

/** An .xlsx whose one sheet has `rows` rows (and hides column E), with `tail` in place of its proper end. */
function bigWorkbook(dir: string, rows: number, tail = '</x:sheetData></x:worksheet>'): string {
  const body = Array.from({ length: rows }, (_, i) => rowXml(i + 1)).join('')
  const xml = sheetXml(body).replace('<x:sheetData>', '<x:cols><x:col min="5" max="5" hidden="1"/></x:cols><x:sheetData>').replace('</x:sheetData></x:worksheet>', tail)
  return writeHandWrittenXlsx(join(dir, 'big.xlsx'), [{ name: 'Cases', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml }], {
    sharedStrings: SHARED,
    styles: STYLES,
    workbookPr: '',
    extra: []
  })
}

interface Read {
  rows: SheetRow[]
  facts: SheetReadFacts | null
  error: string | null
}

/** Every row of the workbook's first sheet, copied as it comes; on the sheets' thread when `threaded`. */
async function readAll(path: string, threaded: boolean, onRow: (row: SheetRow, count: number) => void = () => {}, signal = new AbortController().signal): Promise<Read> {
  const book: WorkbookSource = await openWorkbook(path, 'big.xlsx', 'xlsx', signal, threaded ? { worker: WORKER, minBytes: 0 } : null)
  const rows: SheetRow[] = []
  try {
    const facts = await book.readRows(
      book.facts.sheets[0]!,
      (row) => {
        rows.push({ row: row.row, hidden: row.hidden, values: [...row.values], kinds: [...row.kinds] })
        onRow(row, rows.length)
      },
      signal,
      () => {}
    )
    return { rows, facts, error: null }
  } catch (error) {
    return { rows, facts: null, error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) }
  } finally {
    book.close()
  }
}

describe('a sheet scanned on a thread of its own', () => {
  it('gives the rows of one thread, in order, through many turns of the ring', async () => {
    const dir = folder()
    const path = bigWorkbook(dir, 100_000)
    const one = await readAll(path, false)
    const two = await readAll(path, true)
    expect(one.error).toBeNull()
    expect(one.rows).toHaveLength(100_000)
    // The records of the rows (three ints) and their cells (four) go around the ring more than twice.
    expect(100_000 * (3 + 4 * 5)).toBeGreaterThan(2 * RING_BLOCKS * BLOCK_INTS)
    expect(two).toEqual(one)
    let withoutValue = 0
    for (let r = 2; r <= 100_000; r++) if (r % 11 !== 0 && r % 13 === 0) withoutValue++
    expect(two.facts).toEqual({ formulasWithoutValue: withoutValue, textFormulasSavedAsZero: new Map(), hiddenColumns: [4] })
    const at = (row: number) => two.rows.find((read) => read.row === row)!
    expect(at(7_000).values[4]).toHaveLength('long '.repeat(BLOCK_BYTES / 4).length)
    expect(at(12_345).values[4]).toBe('half \ud800 a pair')
    expect(at(11).values[4]).toBe('11x & co')
    expect(at(11).values[2]).toBe('Terminated')
    expect(at(997).hidden).toBe(true)
    expect(at(10).kinds).toEqual(['number', 'date', 'text', 'percent'])
  })

  it('fails as one thread fails, after the same rows, when the XML is damaged mid-way', async () => {
    const dir = folder()
    const path = bigWorkbook(dir, 20_000, '<x:row r="5"><x:c r="A5"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    const one = await readAll(path, false)
    const two = await readAll(path, true)
    expect(one.error).toMatch(/big\.xlsx .*sheet “Cases” .*row 5 after row 20000/)
    expect(two).toEqual(one)
  })

  it('fails as one thread fails when the sheet is cut short', async () => {
    const dir = folder()
    const path = bigWorkbook(dir, 20_000, '<x:row r="20001"><x:c r="A20001"><x:v>1')
    const one = await readAll(path, false)
    const two = await readAll(path, true)
    expect(one.error).toMatch(/ends mid-way/)
    expect(two.error).toBe(one.error)
    expect(two.rows).toEqual(one.rows)
  })

  it('stops at a shared string the table lacks as one thread does, and says the checksum first when the file also fails it', async () => {
    const dir = folder()
    const bad = '<x:row r="20001"><x:c r="A20001"><x:v>1</x:v></x:c><x:c r="C20001" t="s"><x:v>99</x:v></x:c></x:row><x:row r="20002"><x:c r="A20002"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    const path = bigWorkbook(dir, 20_000, bad)
    const one = await readAll(path, false)
    const two = await readAll(path, true)
    expect(one.error).toMatch(/refers in cell C20001 to shared string “99”, which it does not have \(it has 5\)/)
    expect(two).toEqual(one)
    // The same damage in a file whose checksum fails too: the checksum is named, on both.
    writeFileSync(path, withDeclared(readFileSync(path), 'xl/worksheets/sheet1.xml', { crc32: 12345, size: null }))
    const oneBad = await readAll(path, false)
    const twoBad = await readAll(path, true)
    expect(oneBad.error).toMatch(/checksum/)
    expect(twoBad).toEqual(oneBad)
  })

  it('stops, and lets its thread go, when the rows are refused or the import is cancelled mid-way', async () => {
    const dir = folder()
    const path = bigWorkbook(dir, 40_000)
    const refused = await readAll(path, true, (_row, count) => {
      if (count === 25_000) throw new Error('a table too wide')
    })
    expect(refused.error).toBe('Error: a table too wide')
    expect(refused.rows).toHaveLength(25_000)
    const controller = new AbortController()
    const cancelled = await readAll(path, true, (_row, count) => count === 3_000 && controller.abort(), controller.signal)
    expect(cancelled.error).toBe(`${ImportCancelled.name}: ${new ImportCancelled().message}`)
    expect(cancelled.rows.length).toBeLessThan(40_000)
  })

  it('reads nothing of a file that is no longer the one the import opened', async () => {
    const dir = folder()
    const path = bigWorkbook(dir, 10)
    const { dev, ino, size, mtimeNs } = statSync(path, { bigint: true })
    const thread = new SheetRowsThread(WORKER, { path, fileName: 'big.xlsx', file: { dev, ino, size: size + 1n, mtimeNs }, stylesPart: null, date1904: false, plainDayCount: false })
    const read = thread.readRows({ part: 'xl/worksheets/sheet1.xml', label: 'sheet “Cases”' }, 'big.xlsx', new SharedStrings(), () => {}, new AbortController().signal, () => {})
    await expect(read).rejects.toThrow(
      'big.xlsx changed while it was being imported; nothing was saved. Import it again once it is complete.'
    )
    thread.close()
  })
})
