import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { migration0001 } from '../../../../../../src/main/core/db/migrations/0001-initial'
import { migration0002 } from '../../../../../../src/main/core/db/migrations/0002-dataset-row-search'
import { DATASET_ROW_KEY_FACTOR } from '../../../../../../src/main/core/search/dataset-row-key'

describe('migration 0002: search index over dataset rows', () => {
  it('adds a contentless, diacritic-folding index whose entries can be deleted by key', () => {
    const db = new Database(':memory:')
    migrate(db, [migration0001])
    expect(migrate(db, [migration0001, migration0002])).toBe(2)
    const key = 7 * DATASET_ROW_KEY_FACTOR + 3
    db.prepare('INSERT INTO dataset_rows_fts (rowid, body) VALUES (?, ?)').run(key, 'Zürich immigration court')
    expect(db.prepare("SELECT rowid FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'zurich'").all()).toEqual([{ rowid: key }])
    // Contentless: the text itself is not kept, only the terms.
    expect(db.prepare("SELECT body FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'zurich'").get()).toEqual({ body: null })
    db.prepare('DELETE FROM dataset_rows_fts WHERE rowid BETWEEN ? AND ?').run(7 * DATASET_ROW_KEY_FACTOR, 8 * DATASET_ROW_KEY_FACTOR - 1)
    expect(db.prepare("SELECT count(*) AS n FROM dataset_rows_fts WHERE dataset_rows_fts MATCH 'zurich'").get()).toEqual({ n: 0 })
  })

  it('marks datasets that existed before it as still to be indexed', () => {
    const db = new Database(':memory:')
    migrate(db, [migration0001])
    db.prepare("INSERT INTO datasets (name, table_name, row_count, imported_at) VALUES ('old', 'ds_1', 0, '2026-01-01')").run()
    migrate(db, [migration0001, migration0002])
    expect(db.prepare('SELECT search_indexed_at FROM datasets').all()).toEqual([{ search_indexed_at: null }])
  })
})
