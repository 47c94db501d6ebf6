// A job's small files share transactions (a batch per BATCH_MS), each file still all or nothing,
// and no file is reported before its batch is committed.

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ImportOutcome } from '../../../../../src/shared/model'
import { importFiles } from '../../../../../src/main/core/import/import-files'
import { importTestArchive } from '../../../../helpers/import-test-archive'

const request = (path: string) => ({ path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null })

describe('importFiles', () => {
  it('reports each small file only once another connection can see it, and keeps a failed file and a copy out of the batch', async () => {
    const made = await importTestArchive()
    const paths = [
      made.write('a.csv', 'office,removals\nDenver,396906\n'),
      made.write('broken.csv', 'year,note\n2011,"never closed\n'),
      made.write('memo.txt', 'Review of pending cases\n\nThe review closed 4,403 cases.\n'),
      made.write('a-copy.csv', 'office,removals\nDenver,396906\n'),
      made.write('b.csv', 'year,removals\n2012,409849\n')
    ]
    const other = new Database(made.path('test.casefile'), { readonly: true })
    const seen: Array<[string, string, number]> = []
    await importFiles(made.db, paths.map(request), new AbortController().signal, {
      progress: () => undefined,
      outcome: (index, outcome) => {
        const visible =
          outcome.kind === 'dataset'
            ? other.prepare('SELECT count(*) FROM datasets WHERE source_file = ?').pluck().get(outcome.file)
            : other.prepare('SELECT count(*) FROM articles WHERE source_file = ?').pluck().get(outcome.file)
        seen.push([`${index} ${outcome.file}`, outcome.status, Number(visible)])
      }
    }, null)
    other.close()
    expect(seen).toEqual([
      ['0 a.csv', 'imported', 1],
      ['1 broken.csv', 'failed', 0],
      ['2 memo.txt', 'imported', 1],
      ['3 a-copy.csv', 'duplicate', 0],
      ['4 b.csv', 'imported', 1]
    ])
    // Every attempt has its ledger line, the failed one and the copy included, and nothing is left open.
    expect(made.db.prepare('SELECT file_name, status FROM imports ORDER BY id').all()).toEqual([
      { file_name: 'a.csv', status: 'imported' },
      { file_name: 'broken.csv', status: 'failed' },
      { file_name: 'memo.txt', status: 'imported' },
      { file_name: 'a-copy.csv', status: 'duplicate' },
      { file_name: 'b.csv', status: 'imported' }
    ])
    expect(made.db.inTransaction).toBe(false)
    expect(made.db.prepare("SELECT count(*) FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'denver'").pluck().get()).toBe(1)
  })

  it('turns a batch whose commit fails into failed files, saving none of them', async () => {
    const made = await importTestArchive()
    const paths = [made.write('one.txt', 'One\n\nFirst memo.\n'), made.write('two.txt', 'Two\n\nSecond memo.\n')]
    // A deferred foreign key that is broken when a memo titled "Two" is written fails the commit, as a full disk would.
    made.db.exec(`CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TEMP TABLE poison (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TEMP TRIGGER poison_two AFTER INSERT ON main.articles WHEN new.title = 'Two' BEGIN INSERT INTO poison VALUES (-1); END;`)
    const outcomes: ImportOutcome[] = []
    await importFiles(made.db, paths.map(request), new AbortController().signal, { progress: () => undefined, outcome: (index, outcome) => (outcomes[index] = outcome) }, null)
    expect(outcomes.map((outcome) => [outcome.status, outcome.error])).toEqual([
      ['failed', 'one.txt could not be imported: FOREIGN KEY constraint failed; nothing was saved.'],
      ['failed', 'two.txt could not be imported: FOREIGN KEY constraint failed; nothing was saved.']
    ])
    expect(made.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0)
    expect(made.db.inTransaction).toBe(false)
  })

  it('keeps the files before a cancel and reports the ones after it cancelled', async () => {
    const made = await importTestArchive()
    const paths = ['a', 'b', 'c', 'd'].map((name) => made.write(`${name}.txt`, `Memo ${name}\n\nText of memo ${name}.\n`))
    const controller = new AbortController()
    const outcomes: ImportOutcome[] = []
    await importFiles(made.db, paths.map(request), controller.signal, {
      // A small memo, once begun, is read to its end; the cancel stops the files after it.
      progress: (index) => {
        if (index === 1) controller.abort()
      },
      outcome: (index, outcome) => (outcomes[index] = outcome)
    }, null)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'cancelled', 'cancelled'])
    expect(made.db.prepare('SELECT source_file FROM articles ORDER BY id').pluck().all()).toEqual(['a.txt', 'b.txt'])
    expect(made.db.inTransaction).toBe(false)
  })
})
