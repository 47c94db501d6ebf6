import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../../../../../src/shared/model'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { importOfSizeExists } from '../../../../../src/main/core/import/duplicate-imports'
import { indexDatasetRows } from '../../../../../src/main/core/datasets/index-dataset-rows'
import { openArchive } from '../../../../../src/main/core/index'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../helpers/first-rows'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function setup() {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const { db } = made.archive
  const write = (name: string, content: string | Buffer) => {
    const path = join(made.dir, name)
    writeFileSync(path, content)
    return path
  }
  const run = (path: string, options: Partial<ImportOptions> = {}) =>
    importOneFile(db, { path, options: { ...DEFAULT_IMPORT_OPTIONS, ...options }, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
  const ledger = () => db.prepare('SELECT file_name, status, rows_written, error FROM imports ORDER BY id').all()
  return { db, write, run, count, ledger }
}

describe('importOneFile', () => {
  it('imports a CSV as a typed dataset whose hostile headers are only labels', async () => {
    const { db, write, run } = await setup()
    const path = write('figures.csv', 'fiscal_year,"x""); DROP TABLE notes; --",zip,,fiscal_year,share\n2012,409849,08123,a,b,1.50\n2013,368644,90210,,c,7.5\n')
    const outcome = await run(path)
    expect(outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 2, warnings: [], error: null, file: 'figures.csv', path })
    const dataset = getDataset(db, outcome.id!)!
    expect(dataset.columns.map((c) => [c.name, c.label, c.type])).toEqual([
      ['c0', 'fiscal_year', 'integer'],
      ['c1', 'x"); DROP TABLE notes; --', 'integer'],
      ['c2', 'zip', 'text'],
      ['c3', 'Column 4', 'text'],
      ['c4', 'fiscal_year', 'text'],
      ['c5', 'share', 'real']
    ])
    expect(firstRows(db, outcome.id!, 10).rows.map((r) => r.values)).toEqual([
      [2012, 409849, '08123', 'a', 'b', '1.50'],
      [2013, 368644, '90210', null, 'c', 7.5]
    ])
    expect(db.prepare(`SELECT typeof(c5) AS t FROM ds_${outcome.id} ORDER BY rowid`).all()).toEqual([{ t: 'real' }, { t: 'real' }])
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'notes'").get()).toEqual({ n: 1 })
  })

  it('restores exactly the text of early values when a column turns out not to be numeric', async () => {
    const { db, write, run } = await setup()
    // 25,000 rows span three batches; the column turns to text in the second, on row 15,001.
    const rows = Array.from({ length: 25_000 }, (_, i) => (i === 15_000 ? 'A-1,pending' : `${i},${i}.25`)).join('\n')
    const outcome = await run(write('late.csv', `id,code\n${rows}\n`))
    const dataset = getDataset(db, outcome.id!)!
    expect(dataset.columns.map((c) => c.type)).toEqual(['text', 'text'])
    const values = firstRows(db, outcome.id!, 25_000).rows.map((r) => r.values)
    expect(values[7]).toEqual(['7', '7.25'])
    expect(values[14_999]).toEqual(['14999', '14999.25'])
    expect(values[15_000]).toEqual(['A-1', 'pending'])
    expect(values.at(-1)).toEqual(['24999', '24999.25'])
    expect(db.prepare(`SELECT count(*) AS n FROM ds_${outcome.id} WHERE typeof(c0) <> 'text' OR typeof(c1) <> 'text'`).get()).toEqual({ n: 0 })
  })

  // Tables up to 32 columns reach SQLite as JSON, wider ones value by value: both must keep every digit.
  it.each([1, 40])('restores numbers digit for digit when their column turns out to be text, however they were spelled (%i columns)', async (width) => {
    const { db, write, run } = await setup()
    // SQLite 3.53 prints reals with 17 significant digits (779.27892536282 → 779.27892536282002) and
    // tiny ones in exponent form (0.00001 → 1.0e-05); the original spelling must survive anyway.
    const early = ['779.27892536282', '6.4925705774904', '0.00001', '-2698397981.51726', '123456789012345', '1.50', '+3', '8.0', '1e3', '-0.0']
    const line = (value: string) => [value, ...Array.from({ length: width - 1 }, (_, i) => String(i))].join(',')
    const header = line('v')
    const outcome = await run(write('reals.csv', `${header}\n${[...early, 'not a number'].map(line).join('\n')}\n`))
    expect(getDataset(db, outcome.id!)!.columns[0]!.type).toBe('text')
    expect(db.prepare(`SELECT c0 AS v, typeof(c0) AS t FROM ds_${outcome.id} ORDER BY rowid`).all()).toEqual(
      [...early, 'not a number'].map((v) => ({ v, t: 'text' }))
    )
  })

  it('makes every value of a real column a number, whatever its spelling', async () => {
    const { db, write, run } = await setup()
    const outcome = await run(write('spell.csv', 'v\n8.0\n1.50\n+3\n2\n1e3\n'))
    expect(getDataset(db, outcome.id!)!.columns[0]!.type).toBe('real')
    expect(db.prepare(`SELECT c0 AS v, typeof(c0) AS t FROM ds_${outcome.id} ORDER BY rowid`).all()).toEqual([
      { v: 8, t: 'integer' },
      { v: 1.5, t: 'real' },
      { v: 3, t: 'integer' },
      { v: 2, t: 'integer' },
      { v: 1000, t: 'integer' }
    ])
  })

  it('recognises the same bytes imported again, and imports them anyway when forced', async () => {
    const { write, run, count, ledger } = await setup()
    const first = await run(write('one.csv', 'a,b\n1,2\n'))
    const again = await run(write('renamed.csv', 'a,b\n1,2\n'))
    expect(again).toMatchObject({ status: 'duplicate', kind: 'dataset', id: first.id })
    expect(again.warnings[0]).toBe(
      'Already in the archive as dataset “one”; nothing was added.'
    )
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(1)
    const forced = await run(write('forced.csv', 'a,b\n1,2\n'), { force: true })
    expect(forced.status).toBe('imported')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(2)
    expect(ledger()).toEqual([
      { file_name: 'one.csv', status: 'imported', rows_written: 1, error: null },
      { file_name: 'renamed.csv', status: 'duplicate', rows_written: 0, error: null },
      { file_name: 'forced.csv', status: 'imported', rows_written: 1, error: null }
    ])
  })

  it('knows whether anything was imported from a file of a given size, the only kind a file can repeat', async () => {
    const { db, write, run } = await setup()
    expect(importOfSizeExists(db, 8)).toBe(false)
    await run(write('one.csv', 'a,b\n1,2\n'))
    await run(write('story.txt', 'A title\n\nSome text of the story.\n'))
    expect(importOfSizeExists(db, 8)).toBe(true)
    expect(importOfSizeExists(db, 33)).toBe(true)
    expect(importOfSizeExists(db, 9)).toBe(false)
    // A row whose size was never recorded could be any size.
    db.prepare('UPDATE articles SET source_size = NULL').run()
    expect(importOfSizeExists(db, 9)).toBe(true)
  })

  it('refuses bad files with a message naming the file and the reason, and writes nothing but the ledger entry', async () => {
    const { write, run, count, ledger } = await setup()
    const cases: [string, string | Buffer, RegExp][] = [
      ['report.xyz', 'hello', /^Casefile can't import \.xyz files \(report\.xyz\); it reads: \.csv, /],
      ['empty.csv', '', /^empty\.csv is empty \(0 bytes\)/],
      ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 1, 2, 0, 0]), /^image\.csv is a PNG picture, not delimited text/],
      ['records.csv', Buffer.from([0x10, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0]), /^records\.csv looks like a binary file/],
      ['open.csv', 'a,b\n1,"2\n3,4\n', /^open\.csv, line 2: /],
      ['blank.txt', '   \n\n', /^blank\.txt has no text to import\./],
      ['photo.txt', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0, 0, 0, 0, 1, 0, 0, 0]), /^photo\.txt is a JPEG picture, not plain text/],
      ['saved.txt', Buffer.from([0x01, 0xd8, 0xff, 0xe0, 0, 0x10, 0, 0, 0, 0, 1, 0, 0, 0]), /^saved\.txt looks like a binary file/]
    ]
    for (const [name, content, message] of cases) {
      const outcome = await run(write(name, content))
      expect(outcome.status, name).toBe('failed')
      expect(outcome.error, name).toMatch(message)
    }
    const missing = await run(join('/nonexistent', 'gone.csv'))
    expect(missing.error).toBe("Casefile can't read gone.csv: the file does not exist.")
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(0)
    expect(count('SELECT count(*) AS n FROM articles')).toBe(0)
    expect(count("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'ds_%'")).toBe(0)
    expect(ledger().map((row) => (row as { status: string }).status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed'])
  })

  it('imports a text article with its source file, size and hash', async () => {
    const { db, write, run } = await setup()
    const outcome = await run(write('memo.md', '# A memo\n\nBy Jane Doe Mar 5, 2012\n\nFirst paragraph.\n'))
    expect(outcome).toMatchObject({ status: 'imported', kind: 'article', rows: 1 })
    const row = db.prepare('SELECT title, byline, published_at, source_file, source_size, length(sha256) AS h FROM articles').get()
    expect(row).toEqual({ title: 'A memo', byline: 'Jane Doe', published_at: '2012-03-05', source_file: 'memo.md', source_size: 52, h: 64 })
  })

  it('reads a UTF-16 text article without a byte-order mark', async () => {
    const { db, write, run } = await setup()
    const outcome = await run(write('memo.txt', Buffer.from('A memo from Zürich\n\nFirst paragraph, with “quotes”.\n', 'utf16le')))
    expect(outcome).toMatchObject({ status: 'imported', kind: 'article', warnings: [] })
    expect(db.prepare('SELECT title, body FROM articles').get()).toEqual({ title: 'A memo from Zürich', body: 'A memo from Zürich\n\nFirst paragraph, with “quotes”.' })
  })

  it('reads UTF-16 articles in other scripts without a byte-order mark, in either byte order', async () => {
    const { db, write, run } = await setup()
    const russian = 'Пересмотр дел о депортации\n\nК концу мая было рассмотрено 288 361 дело, закрыто 4 403.\n'
    const japanese = '強制送還の見直し\n\n\u3000一年間で約四十万件の審査が行われたが、一部しか終了していない。\n'
    expect(await run(write('ru.txt', Buffer.from(russian, 'utf16le')))).toMatchObject({ status: 'imported', kind: 'article', warnings: [] })
    expect(await run(write('ja.txt', Buffer.from(japanese, 'utf16le').swap16()))).toMatchObject({ status: 'imported', kind: 'article', warnings: [] })
    expect(db.prepare('SELECT title, body FROM articles ORDER BY id').all()).toEqual([
      { title: 'Пересмотр дел о депортации', body: 'Пересмотр дел о депортации\n\nК концу мая было рассмотрено 288 361 дело, закрыто 4 403.' },
      { title: '強制送還の見直し', body: '強制送還の見直し\n\n\u3000一年間で約四十万件の審査が行われたが、一部しか終了していない。' }
    ])
  })

  it('reads an article in the encoding it is told (--encoding), as a table is read', async () => {
    const { db, write, run } = await setup()
    // Too short for any guess: two Cyrillic letters in UTF-16, and bytes that are valid UTF-8 too.
    expect(await run(write('short.txt', Buffer.from('Да\n\nНет\n', 'utf16le')), { encoding: 'utf-16le' })).toMatchObject({ status: 'imported', warnings: [] })
    expect(await run(write('cp1252.txt', Buffer.from('Caf\u00c3\u00a9\n\nMen\u00c3\u00bc\n', 'latin1')), { encoding: 'windows-1252' })).toMatchObject({ status: 'imported', warnings: [] })
    expect(db.prepare('SELECT title, body FROM articles ORDER BY id').all()).toEqual([
      { title: 'Да', body: 'Да\n\nНет' },
      { title: 'CafÃ©', body: 'CafÃ©\n\nMenÃ¼' }
    ])
    expect(await run(write('latin.txt', Buffer.from('Caf\u00e9\n\nx\n', 'latin1')), { encoding: 'utf-8' })).toMatchObject({
      status: 'failed',
      error: 'latin.txt is not valid UTF-8 text, the encoding it was imported with; choose another under Encoding (--encoding).'
    })
  })

  it('indexes the text columns of a dataset for search once its rows are published', async () => {
    const { db, write, run } = await setup()
    const outcome = await run(write('nat.csv', 'country,removals\nGuatemala,50249\nHonduras,28894\nEl Salvador,15445\n'))
    const hits = db.prepare("SELECT rowid FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'honduras'").all() as { rowid: number }[]
    expect(hits.map((h) => h.rowid)).toEqual([outcome.id! * 4294967296 + 2])
    expect(db.prepare('SELECT search_indexed_at IS NOT NULL AS done FROM datasets WHERE id = ?').get(outcome.id)).toEqual({ done: 1 })
    expect(outcome.dataSeconds).toBeLessThanOrEqual(outcome.seconds)
    // A second attempt finds nothing to do and adds no duplicate entries.
    expect(indexDatasetRows(db, outcome.id!)).toBe(false)
    expect(db.prepare("SELECT count(*) AS n FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'guatemala'").get()).toEqual({ n: 1 })
  })

  it('builds a dataset’s search index without incremental merges, then puts the index’s merge setting back', async () => {
    const { db, write, run } = await setup()
    const automerge = () => db.prepare("SELECT v FROM dataset_rows_fts_config WHERE k = 'automerge'").pluck().get()
    // 3,000 rows of 40 distinct words each flush FTS5's pending terms more than once.
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${Array.from({ length: 40 }, (_, w) => `w${i}x${w}`).join(' ')}`)
    const first = await run(write('words.csv', `id,text\n${rows.join('\n')}\n`))
    expect(first.status).toBe('imported')
    expect(automerge()).toBe(4)
    db.prepare("INSERT INTO dataset_rows_fts (dataset_rows_fts, rank) VALUES ('automerge', 2)").run()
    const second = await run(write('more.csv', `id,text\n${rows.slice(0, 10).join('\n')}\nx,y\n`))
    expect(second.status).toBe('imported')
    expect(automerge()).toBe(2)
    expect(db.prepare("SELECT rowid FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'w2999x39'").pluck().all()).toEqual([first.id! * 4294967296 + 3000])
    expect(db.prepare("SELECT count(*) FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'w5x5'").pluck().get()).toBe(2)
  })

  it('finishes an interrupted search index when the archive next opens', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const path = join(made.dir, 'nat.csv')
    writeFileSync(path, 'country,removals\nGuatemala,50249\nHonduras,28894\n')
    const outcome = await importOneFile(made.archive.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    // As if the process had died between publishing the rows and indexing them.
    made.archive.db.prepare('DELETE FROM dataset_rows_fts WHERE rowid BETWEEN ? AND ?').run(outcome.id! * 4294967296, (outcome.id! + 1) * 4294967296 - 1)
    made.archive.db.prepare('UPDATE datasets SET search_indexed_at = NULL WHERE id = ?').run(outcome.id)
    made.archive.close()
    const reopened = await openArchive(made.path, { create: false, seedDir: null, nativeBinding: null })
    cleanups.push(() => reopened.close())
    expect(reopened.db.prepare("SELECT count(*) AS n FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'honduras'").get()).toEqual({ n: 1 })
    expect(reopened.db.prepare('SELECT count(*) AS n FROM datasets WHERE search_indexed_at IS NULL').get()).toEqual({ n: 0 })
  })

  it('leaves nothing behind and records the cancellation when cancelled', async () => {
    const { write, count, ledger, db } = await setup()
    const path = write('big.csv', `a,b\n${'1,2\n'.repeat(200_000)}`)
    const controller = new AbortController()
    const outcome = await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, controller.signal, (progress) => {
      if (progress.phase === 'reading') controller.abort()
    }, null)
    expect(outcome.status).toBe('cancelled')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(0)
    expect(count("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'ds_%'")).toBe(0)
    expect(ledger()).toEqual([{ file_name: 'big.csv', status: 'cancelled', rows_written: 0, error: null }])
  })

  it('stops cleanly when the disk fills up, names the reason and leaves the archive as it was', async () => {
    const { db, write, run, count, ledger } = await setup()
    const before = db.pragma('page_count', { simple: true }) as number
    // A ceiling a few pages above the current size stands in for a full disk.
    db.pragma(`max_page_count = ${before + 8}`)
    const outcome = await run(write('huge.csv', `id,text\n${Array.from({ length: 20_000 }, (_, i) => `${i},row ${i} of a file too big for the disk`).join('\n')}\n`))
    db.pragma('max_page_count = 4294967294')
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toBe('huge.csv could not be imported: the disk is full; nothing was imported.')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(0)
    expect(count("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'ds_%'")).toBe(0)
    expect(ledger()).toEqual([{ file_name: 'huge.csv', status: 'failed', rows_written: 0, error: outcome.error }])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('keeps the rows when the disk fills up while they are indexed for search, and says so without contradiction', async () => {
    const { db, write, count } = await setup()
    const path = write('full-index.csv', `id,text\n${Array.from({ length: 5_000 }, (_, i) => `${i},remark ${i} about hearing ${i * 7}`).join('\n')}\n`)
    const outcome = await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, (progress) => {
      if (progress.phase === 'indexing') db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    }, null)
    db.pragma('max_page_count = 4294967294')
    expect(outcome).toMatchObject({ status: 'imported', rows: 5_000 })
    expect(outcome.warnings).toEqual([
      'full-index.csv: the rows are saved, but indexing them for search failed (the disk is full); Casefile will index them when the archive next opens.'
    ])
    expect(count(`SELECT count(*) AS n FROM ds_${outcome.id}`)).toBe(5_000)
    expect(count('SELECT count(*) AS n FROM datasets WHERE search_indexed_at IS NULL')).toBe(1)
  })

  it('reports what it committed as imported when the import cannot be recorded afterwards', async () => {
    const { db, write, run, count, ledger } = await setup()
    // A ledger write refused after the rows are committed, as on a disk that has just filled up.
    db.exec("CREATE TEMP TRIGGER refuse_record BEFORE UPDATE OF status ON main.imports WHEN NEW.status = 'imported' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    const dataset = await run(write('late.csv', 'a,b\n1,2\n3,4\n'))
    const article = await run(write('late.txt', 'A memo\n\nSome text.\n'))
    db.exec('DROP TRIGGER refuse_record')
    expect(dataset).toMatchObject({ status: 'imported', rows: 2, error: null })
    expect(dataset.warnings).toEqual([
      'late.csv: the rows are saved, but the import could not be recorded (database or disk is full); Casefile will record it when the archive next opens.'
    ])
    expect(article).toMatchObject({ status: 'imported', kind: 'article', error: null })
    expect(article.warnings).toEqual([
      'late.txt: the article is saved, but the import could not be recorded (database or disk is full); Casefile will record it when the archive next opens.'
    ])
    expect(count(`SELECT count(*) AS n FROM ds_${dataset.id}`)).toBe(2)
    expect(count('SELECT count(*) AS n FROM articles')).toBe(1)
    expect(ledger()).toEqual([
      { file_name: 'late.csv', status: 'running', rows_written: 0, error: null },
      { file_name: 'late.txt', status: 'running', rows_written: 0, error: null }
    ])
  })

  it('publishes without checkpointing, then leaves the connection’s automatic checkpoint as it was', async () => {
    const { db, write, run } = await setup()
    const before = db.pragma('wal_autocheckpoint', { simple: true })
    expect((await run(write('ok.csv', 'a,b\n1,2\n'))).status).toBe('imported')
    expect((await run(write('bad.csv', 'a,b\n"1,2\n'))).status).toBe('failed')
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before)
    expect(before).toBeGreaterThan(0)
  })

  it('imports 1,200 columns', async () => {
    const { db, write, run } = await setup()
    const header = Array.from({ length: 1200 }, (_, i) => `col ${i}`).join(',')
    const rows = Array.from({ length: 30 }, (_, r) => Array.from({ length: 1200 }, (_, c) => String(r * 1200 + c)).join(','))
    const outcome = await run(write('wide.csv', `${header}\n${rows.join('\n')}\n`))
    expect(outcome).toMatchObject({ status: 'imported', rows: 30 })
    const dataset = getDataset(db, outcome.id!)!
    expect(dataset.columns).toHaveLength(1200)
    expect(dataset.columns[1199]).toMatchObject({ name: 'c1199', label: 'col 1199', type: 'integer' })
    expect(db.prepare(`SELECT c0, c1199 FROM ds_${outcome.id} WHERE rowid = 30`).get()).toEqual({ c0: 29 * 1200, c1199: 29 * 1200 + 1199 })
  })
})
