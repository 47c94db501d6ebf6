import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importFile } from '../../../src/main/core/import/import-file'
import { getDataset, getDatasetRows } from '../../../src/main/core/datasets/dataset-queries'
import { tempArchive } from '../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function setup() {
  const made = tempArchive(false)
  cleanups.push(made.cleanup)
  const write = (name: string, content: string | Buffer) => {
    const path = join(made.dir, name)
    writeFileSync(path, content)
    return path
  }
  const run = (path: string) => importFile(made.archive.db, { path, article: null, dataset: null })
  const count = (sql: string) => (made.archive.db.prepare(sql).get() as { n: number }).n
  const ledger = () => made.archive.db.prepare('SELECT file_name, status, rows_written, error FROM imports ORDER BY id').all()
  return { db: made.archive.db, write, run, count, ledger }
}

describe('importFile', () => {
  it('imports a CSV as a typed dataset whose hostile headers are only labels', () => {
    const { db, write, run } = setup()
    const path = write('figures.csv', 'fiscal_year,"x""); DROP TABLE notes; --",zip,,fiscal_year\n2012,409849,08123,a,b\n2013,368644,90210,,c\n')
    const outcome = run(path)
    expect(outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 2, warnings: [], error: null })
    const dataset = getDataset(db, outcome.id!)!
    expect(dataset.columns.map((c) => [c.name, c.label, c.type])).toEqual([
      ['c0', 'fiscal_year', 'integer'],
      ['c1', 'x"); DROP TABLE notes; --', 'integer'],
      ['c2', 'zip', 'text'],
      ['c3', 'Column 4', 'text'],
      ['c4', 'fiscal_year', 'text']
    ])
    expect(getDatasetRows(db, outcome.id!, 0, 10)!.rows.map((r) => r.values)).toEqual([
      [2012, 409849, '08123', 'a', 'b'],
      [2013, 368644, '90210', null, 'c']
    ])
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'notes'").get()).toEqual({ n: 1 })
  })

  it('keeps every row of a misaligned file and names the lines in a warning', () => {
    const { db, write, run } = setup()
    const outcome = run(write('eoir.tsv', 'A\tB\tC\n1\t2\t3\n4\t5\n6\t7\t8\t9\n'))
    expect(outcome.status).toBe('imported')
    expect(outcome.rows).toBe(3)
    expect(outcome.warnings).toEqual([
      'eoir.tsv: 2 row(s) did not have 3 fields (lines 3, 4); missing fields were left empty and extra fields joined into the last column.'
    ])
    expect(getDatasetRows(db, outcome.id!, 0, 10)!.rows.map((r) => r.values)).toEqual([
      [1, 2, '3'],
      [4, 5, null],
      [6, 7, '8\t9']
    ])
  })

  it('recognises the same bytes imported again and records the attempt', () => {
    const { write, run, count, ledger } = setup()
    const path = write('one.csv', 'a,b\n1,2\n')
    const first = run(path)
    const again = run(write('renamed.csv', 'a,b\n1,2\n'))
    expect(again).toMatchObject({ status: 'duplicate', kind: 'dataset', id: first.id })
    expect(again.warnings[0]).toBe('renamed.csv was already imported as dataset “one”; nothing was added.')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(1)
    expect(ledger()).toEqual([
      { file_name: 'one.csv', status: 'imported', rows_written: 1, error: null },
      { file_name: 'renamed.csv', status: 'duplicate', rows_written: 0, error: null }
    ])
  })

  it('refuses bad files with a message naming the file and writes nothing but the ledger entry', () => {
    const { write, run, count, ledger } = setup()
    const cases: [string, string | Buffer, string][] = [
      ['report.xyz', 'hello', "Casefile can't import .xyz files (report.xyz); it reads: .csv, .tsv, .tab, .psv, .txt, .md, .markdown."],
      ['empty.csv', '', 'empty.csv is empty (0 bytes); nothing was imported.'],
      ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0]), 'image.csv looks like a binary file, not text; nothing was imported.'],
      ['open.csv', 'a,b\n1,"2\n3,4\n', 'open.csv, line 2: a quoted field is never closed (missing ").'],
      ['blank.txt', '   \n\n', 'blank.txt has no text to import.']
    ]
    for (const [name, content, message] of cases) {
      const outcome = run(write(name, content))
      expect(outcome.status, name).toBe('failed')
      expect(outcome.error, name).toBe(message)
    }
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(0)
    expect(count('SELECT count(*) AS n FROM articles')).toBe(0)
    expect(count("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'ds_%'")).toBe(0)
    expect(ledger().map((row) => (row as { status: string }).status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed'])
  })

  it('imports a text article with its source file, size and hash', () => {
    const { db, write, run } = setup()
    const outcome = run(write('memo.md', '# A memo\n\nBy Jane Doe Mar 5, 2012\n\nFirst paragraph.\n'))
    expect(outcome).toMatchObject({ status: 'imported', kind: 'article', rows: 1 })
    const row = db.prepare('SELECT title, byline, published_at, source_file, source_size, length(sha256) AS h FROM articles').get()
    expect(row).toEqual({ title: 'A memo', byline: 'Jane Doe', published_at: '2012-03-05', source_file: 'memo.md', source_size: 52, h: 64 })
  })
})
