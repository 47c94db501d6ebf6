// The built CLI imports through the real pipeline (import worker + reader thread): the values that
// land in the archive must be exactly those the in-thread unit tests expect.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
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

test('an EOIR-style export (tab, Windows-1252, unquoted, NULs, ragged rows, N/A and b6) keeps every row', () => {
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
    { c0: 1002, c2: null, c3: null, c4: 'said "si"' },
    { c0: 1003, c2: 'SP', c3: null, c4: null },
    { c0: 1004, c2: 'SP', c3: '2012-06-07 00:00:00.000', c4: 'more\textra' },
    { c0: 1005, c2: 'SP', c3: '2012-06-08 00:00:00.000', c4: 'José ok' }
  ])
})

test('a column that turns to text after 200,000 numbers keeps every value exactly as written', () => {
  const archive = join(dir, 'c.casefile')
  const rows = Array.from({ length: 200_000 }, (_, i) => `${i},${i}.5`)
  writeFileSync(join(dir, 'late.csv'), `id,amount\n${rows.join('\n')}\nA-1,unknown\n`)
  const { code, lines } = importFiles(archive, [join(dir, 'late.csv')])
  expect(code).toBe(0)
  const id = lines[0]!.id as number
  expect(query(archive, 'SELECT type FROM dataset_columns WHERE dataset_id = ? ORDER BY position', id)).toEqual([{ type: 'text' }, { type: 'text' }])
  expect(query(archive, `SELECT c0, c1 FROM ds_${id} WHERE rowid IN (1, 8, 200001) ORDER BY rowid`)).toEqual([
    { c0: '0', c1: '0.5' },
    { c0: '7', c1: '7.5' },
    { c0: 'A-1', c1: 'unknown' }
  ])
  expect(query(archive, `SELECT count(*) AS n FROM ds_${id} WHERE typeof(c0) <> 'text' OR typeof(c1) <> 'text'`)).toEqual([{ n: 0 }])
})

test('numbers spelled another way are given back exactly when their column turns to text after several batches', () => {
  const archive = join(dir, 'r.casefile')
  // 30,000 amounts, every third spelled with a trailing zero or a plus sign (kept as numbers, their
  // spelling remembered on the reader thread and sent to the writer at the end), then one word.
  const spelled = (i: number) => (i % 3 === 0 ? `${i}.50` : i % 3 === 1 ? `+${i}` : `${i}.25`)
  const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${spelled(i)}`)
  writeFileSync(join(dir, 'amounts.csv'), `id,amount\n${rows.join('\n')}\n30000,unknown\n`)
  const { code, lines } = importFiles(archive, [join(dir, 'amounts.csv')])
  expect(code).toBe(0)
  const id = lines[0]!.id as number
  const stored = query<{ v: string; t: string }>(archive, `SELECT c1 AS v, typeof(c1) AS t FROM ds_${id} ORDER BY rowid`)
  expect(stored).toHaveLength(30_001)
  expect(stored.every((row, i) => row.t === 'text' && row.v === (i < 30_000 ? spelled(i) : 'unknown'))).toBe(true)
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
  expect(second.lines[0]!.warnings).toEqual([`hashed.csv was already imported as dataset “hashed”; nothing was added.`])
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
  const files = [join(FIXTURES, 'article', 'news-article.html'), join(FIXTURES, 'article', 'backlog-article.pdf'), join(dir, 'empty.csv'), join(dir, 'notes.docx')]
  const { code, lines } = importFiles(archive, files)
  expect(code).toBe(1)
  expect(lines.map((line) => [line.file, line.status, line.kind])).toEqual([
    ['news-article.html', 'imported', 'article'],
    ['backlog-article.pdf', 'imported', 'article'],
    ['empty.csv', 'failed', 'dataset'],
    ['notes.docx', 'failed', null]
  ])
  expect(lines[2]!.error).toBe('empty.csv is empty (0 bytes); nothing was imported.')
  expect(lines[3]!.error).toMatch(/^Casefile can't import \.docx files \(notes\.docx\); it reads: /)
  const titles = query<{ title: string }>(archive, "SELECT title FROM articles WHERE source_file IN ('news-article.html', 'backlog-article.pdf') ORDER BY id")
  expect(titles).toHaveLength(2)
  expect(titles.every((row) => row.title.length > 0)).toBe(true)
})
