// The built CLI imports through the real pipeline (import worker + reader thread): the values that
// land in the archive must be exactly those the in-thread unit tests expect.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { handWrittenXlsxEntries, sheetXml } from '../helpers/hand-written-workbooks'
import { wordParagraph, writeDocx, writeOdt } from '../helpers/office-documents'
import { writeZip } from '../helpers/write-zip'
import { scannedPdf } from '../helpers/scanned-pdf'
import { PROJECT_ROOT } from './launch'

const CLI = join(PROJECT_ROOT, 'out', 'main', 'cli.js')
const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'import')

let dir = ''
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'casefile-cli-import-'))
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

function importFiles(archive: string, files: string[], flags: string[] = []) {
  const result = spawnSync(process.execPath, [CLI, '--archive', archive, 'import', ...files, '--json', ...flags], { encoding: 'utf8' })
  const lines = result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
  return { code: result.status, lines, stderr: result.stderr }
}

function query<T>(archive: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(archive, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

test('a JSON file with a key that appears late becomes a typed dataset', () => {
  const archive = join(dir, 'a.casefile')
  const { code, lines } = importFiles(archive, [join(FIXTURES, 'json', 'backlog-review.json')])
  expect(code).toBe(0)
  expect(lines[0]).toMatchObject({ status: 'imported', kind: 'dataset', rows: 4 })
  const id = lines[0]!.id as number
  const columns = query<{ label: string; type: string }>(archive, 'SELECT label, type FROM dataset_columns WHERE dataset_id = ? ORDER BY position', id)
  expect(columns).toEqual([
    { label: 'date', type: 'date' },
    { label: 'office', type: 'text' },
    { label: 'pending', type: 'integer' },
    { label: 'reviewed', type: 'integer' },
    { label: 'closed', type: 'integer' },
    { label: 'rate', type: 'real' },
    { label: 'note', type: 'text' }
  ])
  const rows = query<Record<string, unknown>>(archive, `SELECT c0, c1, c2, typeof(c2) AS t2, c5, c6 FROM ds_${id} ORDER BY rowid`)
  expect(rows[0]).toEqual({ c0: '2012-01-19', c1: 'Baltimore', c2: 9251, t2: 'integer', c5: 0.021, c6: null })
  expect(rows[2]).toMatchObject({ c1: 'Seattle', c6: 'second pass' })
})

test('an EOIR-style export (tab, Windows-1252, unquoted, NULs, ragged rows) keeps every row, and N/A and b6 as written', () => {
  const archive = join(dir, 'b.casefile')
  const header = 'IDNCASE\tNAT\tLANG\tCOMP_DATE\tREMARK\n'
  const body = [
    '1001\tMX\tSP\t2012-05-29 00:00:00.000\tPD closure',
    '1002\tGT\tN/A\t\tsaid "si"',
    '1003\tHO\tSP\tb6',
    '1004\tES\tSP\t2012-06-07 00:00:00.000\tmore\textra',
    '1005\tMX\tSP\t2012-06-08 00:00:00.000\tJos\u00e9 \u0000ok'
  ].join('\n')
  const bytes = Buffer.from(header + body + '\n', 'latin1')
  writeFileSync(join(dir, 'B_TblProceeding.csv'), bytes)
  const { code, lines } = importFiles(archive, [join(dir, 'B_TblProceeding.csv')])
  expect(code).toBe(0)
  expect(lines[0]).toMatchObject({ status: 'imported', rows: 5 })
  const warnings = (lines[0]!.warnings as string[]).join('\n')
  expect(warnings).toContain('lines 4, 5')
  expect(warnings).toContain('NUL')
  const id = lines[0]!.id as number
  const rows = query<Record<string, unknown>>(archive, `SELECT c0, c2, c3, c4 FROM ds_${id} ORDER BY rowid`)
  expect(rows).toEqual([
    { c0: 1001, c2: 'SP', c3: '2012-05-29 00:00:00.000', c4: 'PD closure' },
    { c0: 1002, c2: 'N/A', c3: null, c4: 'said "si"' },
    { c0: 1003, c2: 'SP', c3: 'b6', c4: null },
    { c0: 1004, c2: 'SP', c3: '2012-06-07 00:00:00.000', c4: 'more\textra' },
    { c0: 1005, c2: 'SP', c3: '2012-06-08 00:00:00.000', c4: 'José ok' }
  ])

  // Read as empty only when asked, and counted.
  const chosen = importFiles(archive, [join(dir, 'B_TblProceeding.csv')], ['--force', '--null-token', 'N/A', '--null-token', 'b6'])
  expect(chosen.lines[0]).toMatchObject({
    status: 'imported',
    emptiedCells: [
      { column: 'LANG', token: 'N/A', cells: 1 },
      { column: 'COMP_DATE', token: 'b6', cells: 1 }
    ]
  })
  const emptied = query<Record<string, unknown>>(archive, `SELECT c2, c3 FROM ds_${chosen.lines[0]!.id as number} WHERE c0 IN (1002, 1003) ORDER BY rowid`)
  expect(emptied).toEqual([
    { c2: null, c3: null },
    { c2: 'SP', c3: null }
  ])
})

test('a column that turns to text after 200,000 numbers keeps every value exactly as written', () => {
  const archive = join(dir, 'c.casefile')
  const rows = Array.from({ length: 200_000 }, (_, i) => `${i},${i}.5`)
  writeFileSync(join(dir, 'late.csv'), `id,amount\n${rows.join('\n')}\nA-1,see note\n`)
  const { code, lines } = importFiles(archive, [join(dir, 'late.csv')])
  expect(code).toBe(0)
  const id = lines[0]!.id as number
  expect(query(archive, 'SELECT type FROM dataset_columns WHERE dataset_id = ? ORDER BY position', id)).toEqual([{ type: 'text' }, { type: 'text' }])
  expect(query(archive, `SELECT c0, c1 FROM ds_${id} WHERE rowid IN (1, 8, 200001) ORDER BY rowid`)).toEqual([
    { c0: '0', c1: '0.5' },
    { c0: '7', c1: '7.5' },
    { c0: 'A-1', c1: 'see note' }
  ])
  expect(query(archive, `SELECT count(*) AS n FROM ds_${id} WHERE typeof(c0) <> 'text' OR typeof(c1) <> 'text'`)).toEqual([{ n: 0 }])
})

test('numbers spelled another way are given back exactly when their column turns to text after several batches', () => {
  const archive = join(dir, 'r.casefile')
  // 30,000 amounts, every third spelled with a trailing zero or a plus sign (kept as numbers, their
  // spelling remembered on the reader thread and sent to the writer at the end), then one word.
  const spelled = (i: number) => (i % 3 === 0 ? `${i}.50` : i % 3 === 1 ? `+${i}` : `${i}.25`)
  const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${spelled(i)}`)
  writeFileSync(join(dir, 'amounts.csv'), `id,amount\n${rows.join('\n')}\n30000,see note\n`)
  const { code, lines } = importFiles(archive, [join(dir, 'amounts.csv')])
  expect(code).toBe(0)
  const id = lines[0]!.id as number
  const stored = query<{ v: string; t: string }>(archive, `SELECT c1 AS v, typeof(c1) AS t FROM ds_${id} ORDER BY rowid`)
  expect(stored).toHaveLength(30_001)
  expect(stored.every((row, i) => row.t === 'text' && row.v === (i < 30_000 ? spelled(i) : 'see note'))).toBe(true)
})

test('batches too big for a shared slot (4 MB) cross on their own, as JSONB and as JSON text, and every value survives', () => {
  const archive = join(dir, 's.casefile')
  const long = (i: number) => `${'é'.repeat(99_990)}${String(i).padStart(10, '0')}`
  const shortRows = Array.from({ length: 30_000 }, (_, i) => `${40 + i},"short ""${i}"""`)
  const expectRows = (id: number, first: (i: number) => string, count: number) => {
    const stored = query<{ c0: number; c1: string }>(archive, `SELECT c0, c1 FROM ds_${id} ORDER BY rowid`)
    expect(stored).toHaveLength(count + 30_000)
    expect(stored.slice(0, count).every((row, i) => row.c0 === i && row.c1 === first(i))).toBe(true)
    expect(stored.slice(count).every((row, i) => row.c0 === 40 + i && row.c1 === `short "${i}"`)).toBe(true)
  }

  // UTF-8, read as bytes: a 5 MB field is one row whose JSONB alone passes the slot.
  const huge = (i: number) => `${'é'.repeat(2_500_000)}${i}`
  writeFileSync(join(dir, 'huge.csv'), `id,text\n0,${huge(0)}\n1,${huge(1)}\n${shortRows.join('\n')}\n`)
  const bytes = importFiles(archive, [join(dir, 'huge.csv')])
  expect(bytes.code).toBe(0)
  expect(bytes.lines[0]).toMatchObject({ status: 'imported', rows: 30_002 })
  expectRows(bytes.lines[0]!.id as number, huge, 2)

  // Windows-1252, read as text: 40 rows of 100,000 'é' make 2M-character batches, ~4 MB of UTF-8 JSON.
  const rows = [...Array.from({ length: 40 }, (_, i) => `${i},${long(i)}`), ...shortRows]
  writeFileSync(join(dir, 'wide.csv'), Buffer.from(`id,text\n${rows.join('\n')}\n`, 'latin1'))
  const text = importFiles(archive, [join(dir, 'wide.csv')], ['--encoding', 'windows-1252'])
  expect(text.code).toBe(0)
  expect(text.lines[0]).toMatchObject({ status: 'imported', rows: 30_040 })
  expectRows(text.lines[0]!.id as number, long, 40)
})

test('a second copy of a large file is reported as a duplicate, and its early reader thread is stopped', () => {
  const archive = join(dir, 'd.casefile')
  // 100,000 rows are ten batches: the reader, started before the hash, fills its four batches of
  // room and waits. The duplicate must stop it, or this CLI run would never exit.
  const rows = Array.from({ length: 100_000 }, (_, i) => `${i},court ${i % 50}`)
  const file = join(dir, 'cases.csv')
  writeFileSync(file, `id,court\n${rows.join('\n')}\n`)
  const first = importFiles(archive, [file])
  expect(first.lines[0]).toMatchObject({ status: 'imported', rows: 100_000 })
  const started = Date.now()
  const result = spawnSync(process.execPath, [CLI, '--archive', archive, 'import', file, '--json'], { encoding: 'utf8', timeout: 30_000 })
  expect(result.signal).toBeNull()
  expect(result.status).toBe(0)
  expect(JSON.parse(result.stdout.trim())).toMatchObject({ status: 'duplicate', id: first.lines[0]!.id })
  expect(Date.now() - started).toBeLessThan(30_000)
  expect(query(archive, 'SELECT count(*) AS n FROM datasets WHERE sha256 = (SELECT sha256 FROM datasets WHERE id = ?)', first.lines[0]!.id)).toEqual([{ n: 1 }])
})

test('a file of a new size is hashed by the reader thread as it goes, and a copy is still caught before the commit', () => {
  const archive = join(dir, 'h.casefile')
  // Ten batches: the reader waits for the writer, and hashes in those waits.
  const rows = Array.from({ length: 100_000 }, (_, i) => `${i},court ${i % 50},${(i * 7) % 1000}.5`)
  const file = join(dir, 'hashed.csv')
  writeFileSync(file, `id,court,amount\n${rows.join('\n')}\n`)
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex')
  const first = importFiles(archive, [file])
  expect(first.lines[0]).toMatchObject({ status: 'imported', rows: 100_000 })
  const id = first.lines[0]!.id as number
  expect(query(archive, 'SELECT sha256 FROM datasets WHERE id = ?', id)).toEqual([{ sha256 }])
  expect(query(archive, "SELECT sha256, status FROM imports WHERE file_name = 'hashed.csv'")).toEqual([{ sha256, status: 'imported' }])

  // Were the recorded size wrong, the same bytes would be read again without a hash first: the
  // hash that comes at the end must still find the copy, and roll the second import back.
  const db = new Database(archive)
  db.prepare('UPDATE datasets SET source_size = source_size + 1 WHERE id = ?').run(id)
  db.close()
  const tables = "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_[0-9]*'"
  const before = query(archive, tables)
  const second = importFiles(archive, [file])
  expect(second.lines[0]).toMatchObject({ status: 'duplicate', id, rows: 0 })
  expect(second.lines[0]!.warnings).toEqual([
    'Already in the archive as dataset “hashed”; nothing was added.'
  ])
  expect(query(archive, "SELECT sha256, status FROM imports WHERE file_name = 'hashed.csv' ORDER BY id")).toEqual([
    { sha256, status: 'imported' },
    { sha256, status: 'duplicate' }
  ])
  expect(query(archive, tables)).toEqual(before)
})

test('articles from HTML and PDF, and clear failures, each on its own JSON line', () => {
  const archive = join(dir, 'd.casefile')
  writeFileSync(join(dir, 'empty.csv'), '')
  writeFileSync(join(dir, 'notes.docx'), 'PK')
  writeFileSync(join(dir, 'photo.tiff'), 'II*')
  const files = [join(FIXTURES, 'article', 'news-article.html'), join(FIXTURES, 'article', 'backlog-article.pdf'), join(dir, 'empty.csv'), join(dir, 'notes.docx'), join(dir, 'photo.tiff')]
  const { code, lines } = importFiles(archive, files)
  expect(code).toBe(1)
  expect(lines.map((line) => [line.file, line.status, line.kind])).toEqual([
    ['news-article.html', 'imported', 'article'],
    ['backlog-article.pdf', 'imported', 'article'],
    ['empty.csv', 'failed', 'dataset'],
    ['notes.docx', 'failed', 'article'],
    ['photo.tiff', 'failed', null]
  ])
  expect(lines[2]!.error).toBe('empty.csv is empty (0 bytes); nothing was imported.')
  expect(lines[3]!.error).toBe('notes.docx is not a Word document (.docx) (it is not a zip package; it may be damaged or another kind of file); nothing was imported.')
  expect(lines[4]!.error).toMatch(/^Casefile can't import \.tiff files \(photo\.tiff\); it reads: .*\.docx.*\.xlsx/)
  const titles = query<{ title: string }>(archive, "SELECT title FROM articles WHERE source_file IN ('news-article.html', 'backlog-article.pdf') ORDER BY id")
  expect(titles).toHaveLength(2)
  expect(titles.every((row) => row.title.length > 0)).toBe(true)
})

/** Writes `rows` CSV rows of about 40 bytes, streamed, so a large file costs no memory. */
async function writeRows(path: string, header: string, rows: number, row: (i: number) => string): Promise<void> {
  const out = createWriteStream(path)
  out.write(header)
  let chunk = ''
  for (let i = 0; i < rows; i++) {
    chunk += row(i)
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      chunk = ''
    }
  }
  out.write(chunk)
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

/**
 * Runs an import in its own process and calls `meanwhile` once the archive's ledger shows the import
 * under way (the reader is reading), then waits for the process to end.
 */
async function importWhile(archive: string, file: string, meanwhile: () => void): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  const child = spawn(process.execPath, [CLI, '--archive', archive, 'import', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()))
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  let running = false
  for (let waited = 0; waited < 60_000 && !running; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    if (!existsSync(archive)) continue
    try {
      running = query<{ n: number }>(archive, "SELECT count(*) AS n FROM imports WHERE status = 'running'")[0]!.n > 0
    } catch {
      // the archive is still being created
    }
  }
  expect(running).toBe(true)
  meanwhile()
  const code = await exited
  return { code, lines: stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>), stderr }
}

/** The archive's tables of dataset rows (ds_N), by name: one per dataset, and none left by a failed import. */
function datasetTables(archive: string): string[] {
  return query<{ name: string }>(archive, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_[0-9]*' AND name NOT GLOB 'ds_*_*' ORDER BY 1").map((row) => row.name)
}

const changed = (name: string) => `${name} changed while it was being imported; nothing was saved. Import it again once it is complete.`

test('a file cut short while it is being imported is refused, and nothing of it is saved', async () => {
  const archive = join(dir, 'cut.casefile')
  const file = join(dir, 'cases.csv')
  await writeRows(file, 'id,court,days\n', 1_500_000, (i) => `${i},Denver immigration court,${i % 977}\n`)
  const size = statSync(file).size
  const { code, lines } = await importWhile(archive, file, () => truncateSync(file, Math.floor(size / 3) + 7))
  expect(code).toBe(1)
  expect(lines[0]).toMatchObject({ status: 'failed', rows: 0, error: changed('cases.csv') })
  expect(query(archive, "SELECT count(*) AS n FROM datasets WHERE source_file = 'cases.csv'")).toEqual([{ n: 0 }])
  expect(datasetTables(archive)).toEqual(query<{ name: string }>(archive, 'SELECT table_name AS name FROM datasets ORDER BY 1').map((row) => row.name))
  expect(query(archive, "SELECT status, error FROM imports WHERE file_name = 'cases.csv'")).toEqual([{ status: 'failed', error: changed('cases.csv') }])
})

test('a file deleted while the reader thread is reading and hashing it gets the plain "does not exist" reason', async () => {
  const archive = join(dir, 'gone.casefile')
  const file = join(dir, 'vanishing.csv')
  await writeRows(file, 'id,court,days\n', 1_500_000, (i) => `${i},Miami immigration court,${i % 977}\n`)
  const { code, lines, stderr } = await importWhile(archive, file, () => unlinkSync(file))
  expect(code).toBe(1)
  expect(lines[0]).toMatchObject({
    status: 'failed',
    error: 'vanishing.csv could not be imported: the file does not exist any more (it was moved or deleted while it was being imported); nothing was saved.'
  })
  expect(JSON.stringify(lines) + stderr).not.toContain('ENOENT')
  expect(query(archive, "SELECT count(*) AS n FROM datasets WHERE source_file = 'vanishing.csv'")).toEqual([{ n: 0 }])
  expect(datasetTables(archive)).toEqual(query<{ name: string }>(archive, 'SELECT table_name AS name FROM datasets ORDER BY 1').map((row) => row.name))
})

test('a named pipe is refused at once, by import and by chart, and the archive is left to others', () => {
  const archive = join(dir, 'fifo.casefile')
  expect(importFiles(archive, [join(FIXTURES, 'ice-removals-by-citizenship-top5.csv')]).code).toBe(0)
  for (const [name, args] of [
    ['pipe.csv', ['import']],
    ['spec.json', ['chart']]
  ] as const) {
    const fifo = join(dir, name)
    execFileSync('mkfifo', [fifo])
    const result = spawnSync(process.execPath, [CLI, '--archive', archive, ...args, fifo], { encoding: 'utf8', timeout: 20_000 })
    expect(result.signal, name).toBeNull()
    expect(result.status, name).toBe(1)
    const said = `${result.stdout}${result.stderr}`.trim()
    expect(said.split('\n'), name).toHaveLength(1)
    expect(said, name).toContain(`${name}: it is a named pipe (FIFO), not a regular file`)
  }
  // No lock was left behind: another import goes through.
  expect(importFiles(archive, [join(FIXTURES, 'json', 'review-progress.ndjson')]).code).toBe(0)
})

test('more than a million numbers spelled another way all keep their spelling, and export-dataset writes the file back byte for byte', async () => {
  const archive = join(dir, 'spelled.casefile')
  const file = join(dir, 'amounts.csv')
  // Every amount has a trailing zero: stored as a number, spelled as written.
  const rows = 1_000_100
  await writeRows(file, 'id,amount\r\n', rows, (i) => `${i},${i}.50\r\n`)
  const imported = importFiles(archive, [file])
  expect(imported.lines[0]).toMatchObject({ status: 'imported', rows })
  const id = imported.lines[0]!.id as number
  expect(query(archive, 'SELECT type FROM dataset_columns WHERE dataset_id = ? ORDER BY position', id)).toEqual([{ type: 'integer' }, { type: 'real' }])
  expect(query(archive, `SELECT count(*) AS n FROM ds_${id}_spellings`)).toEqual([{ n: rows }])
  expect(query(archive, `SELECT sum(c1) AS total FROM ds_${id}`)).toEqual([{ total: (rows * (rows - 1)) / 2 + rows * 0.5 }])
  const out = join(dir, 'amounts-back.csv')
  const exported = spawnSync(process.execPath, [CLI, '--archive', archive, 'export-dataset', String(id), '--csv', out], { encoding: 'utf8' })
  expect(exported.status).toBe(0)
  expect(readFileSync(out).equals(readFileSync(file))).toBe(true)
})

test('a folder of a workbook, Word and OpenDocument texts and a scanned PDF: one JSON line each, read offline', async () => {
  test.setTimeout(120_000)
  const folder = join(dir, 'release')
  mkdirSync(folder)
  copyFileSync(join(FIXTURES, 'workbook', 'dhs-yearbook-2013-table-39.xlsx'), join(folder, 'a-yearbook.xlsx'))
  writeDocx(join(folder, 'b-memo.docx'), wordParagraph('Case review', 'Heading1', false) + wordParagraph('4,403 cases were closed.', null, false), { title: null, creator: null, created: null })
  writeOdt(join(folder, 'c-notes.odt'), '<text:h text:outline-level="1">Notes</text:h><text:p>288,361 cases were reviewed.</text:p>', '', '')
  const scan = '<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 1in } body { font: 14pt/1.5 serif }</style></head><body><p>The agency said it would publish new figures every month.</p></body></html>'
  writeFileSync(join(folder, 'd-scan.pdf'), await scannedPdf(scan, 150, [], null))
  const archive = join(dir, 'f.casefile')
  const { code, lines, stderr } = importFiles(archive, [folder], ['--sheet', 'Table 39'])
  expect(stderr).toBe('')
  expect(code).toBe(0)
  expect(lines.map((line) => [line.file, line.status, line.kind])).toEqual([
    ['a-yearbook.xlsx', 'imported', 'dataset'],
    ['b-memo.docx', 'imported', 'article'],
    ['c-notes.odt', 'imported', 'article'],
    ['d-scan.pdf', 'imported', 'article']
  ])
  expect(lines[0]!.sheets).toEqual([
    { name: 'Table 39', status: 'imported', id: lines[0]!.id, rows: 4, moreTables: [] },
    { name: 'Case review', status: 'not picked', id: null, rows: 0, moreTables: [] },
    { name: 'Lookup', status: 'not picked', id: null, rows: 0, moreTables: [] }
  ])
  expect(lines[3]!.ocr).toMatchObject({ pages: 1 })
  const titles = query<{ title: string }>(archive, "SELECT title FROM articles WHERE source_file IN ('b-memo.docx', 'c-notes.odt') ORDER BY source_file")
  expect(titles.map((row) => row.title)).toEqual(['Case review', 'Notes'])
  // The OCR text is searched like any other.
  const search = spawnSync(process.execPath, [CLI, '--archive', archive, 'search', 'publish figures', '--json'], { encoding: 'utf8' })
  expect(JSON.parse(search.stdout)).toMatchObject({ total: 1, hits: [{ kind: 'article', id: lines[3]!.id }] })
})

test('a workbook with a sheet too wide for a dataset imports its other sheets through the reader thread, and says which was left out', () => {
  const archive = join(dir, 'wide.casefile')
  const cell = (column: number, row: number, text: string) => {
    let letters = ''
    for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
    return `<x:c r="${letters}${row}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`
  }
  const table = (rows: number) =>
    sheetXml(`<x:row r="1">${cell(0, 1, 'Office')}${cell(1, 1, 'Cases')}</x:row>${Array.from({ length: rows }, (_, i) => `<x:row r="${i + 2}">${cell(0, i + 2, `Office ${i}`)}<x:c r="B${i + 2}"><x:v>${i}</x:v></x:c></x:row>`).join('')}`)
  // Narrow at first: 30,000 rows are written before a row 2,100 cells wide turns up, and are taken back.
  const widensLate = sheetXml(
    `<x:row r="1">${cell(0, 1, 'Office')}${cell(1, 1, 'Cases')}</x:row>${Array.from({ length: 30_000 }, (_, i) => `<x:row r="${i + 2}">${cell(0, i + 2, 'x')}<x:c r="B${i + 2}"><x:v>${i}</x:v></x:c></x:row>`).join('')}<x:row r="30005">${Array.from({ length: 2100 }, (_, c) => cell(c, 30_005, 'w')).join('')}</x:row>`
  )
  const path = writeZip(
    join(dir, 'yearbook.xlsx'),
    handWrittenXlsxEntries(
      [
        { name: 'Removals', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: table(5) },
        { name: 'By county', part: 'xl/worksheets/sheet2.xml', type: 'worksheet', xml: widensLate },
        { name: 'Returns', part: 'xl/worksheets/sheet3.xml', type: 'worksheet', xml: table(7) }
      ],
      { sharedStrings: null, styles: null, workbookPr: '', extra: [] }
    )
  )
  const { code, lines } = importFiles(archive, [path])
  expect(code).toBe(0)
  expect(lines[0]).toMatchObject({
    status: 'imported',
    rows: 12,
    warnings: [
      'yearbook.xlsx, sheet “By county” has 2,100 columns; Casefile reads up to 2,000 in one dataset, so it was left out and the other sheets were imported. Split it into narrower tables (keeping an id column in each) and import those.'
    ]
  })
  expect((lines[0]!.sheets as { name: string; status: string; rows: number }[]).map(({ name, status, rows }) => [name, status, rows])).toEqual([
    ['Removals', 'imported', 5],
    ['By county', 'too wide', 0],
    ['Returns', 'imported', 7]
  ])
  expect(query(archive, 'SELECT name, row_count FROM datasets WHERE name LIKE ? ORDER BY id', 'yearbook%')).toEqual([
    { name: 'yearbook › Removals', row_count: 5 },
    { name: 'yearbook › Returns', row_count: 7 }
  ])
  const ids = query<{ id: number }>(archive, 'SELECT id FROM datasets').map(({ id }) => `ds_${id}`)
  const tables = query<{ name: string }>(archive, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_*' AND name NOT LIKE '%_spellings'").map(({ name }) => name)
  expect(tables.sort()).toEqual(ids.sort())
})
