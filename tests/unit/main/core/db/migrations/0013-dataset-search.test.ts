import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

function dataset(db: Database.Database, id: number, name: string): void {
  db.prepare("INSERT INTO datasets (id, name, table_name, row_count, imported_at) VALUES (?, ?, ?, 0, 'x')").run(id, name, `ds_${id}`)
}

function source(db: Database.Database, datasetId: number, title: string, notes: string | null): void {
  db.prepare('INSERT INTO dataset_sources (dataset_id, title, notes) VALUES (?, ?, ?)').run(datasetId, title, notes)
}

describe('migration 0013: search over datasets', () => {
  it('indexes the names and provenance of datasets made before it, and keeps them in step after', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 12))
    dataset(db, 1, 'dhs-yearbook-2013-table-39 › Table 39')
    source(db, 1, 'Table 39. Aliens Removed by Criminal Status and Region and Country of Nationality: Fiscal Years 2004 to 2013', 'D Data withheld to limit disclosure.\n1 Includes persons removed¹')
    dataset(db, 2, 'court-backlog')
    expect(migrate(db, MIGRATIONS.slice(0, 13))).toBe(13)
    const find = db.prepare('SELECT rowid FROM datasets_fts WHERE datasets_fts MATCH ? ORDER BY rowid').pluck()
    expect(find.all('"aliens removed"')).toEqual([1])
    expect(find.all('"withheld to limit disclosure"')).toEqual([1])
    expect(find.all('"persons removed"')).toEqual([1])
    expect(find.all('name : backlog')).toEqual([2])
    expect(find.all('name : aliens')).toEqual([])

    // Made after: a dataset written as an import writes one (a name filled in once its rows are in, then its sources).
    dataset(db, 3, '')
    db.prepare("UPDATE datasets SET name = 'eoir-statistics › Completions' WHERE id = 3").run()
    source(db, 3, 'Immigration court completions', 'Source: EOIR.')
    source(db, 3, 'Second source', 'Withheld where fewer than ten.')
    expect(find.all('completions')).toEqual([3])
    expect(find.all('withheld')).toEqual([1, 3])
    // Renamed.
    db.prepare("UPDATE datasets SET name = 'immigration court' WHERE id = 2").run()
    expect(find.all('backlog')).toEqual([])
    expect(find.all('name : court')).toEqual([2])
    // A source changed, and one deleted.
    db.prepare("UPDATE dataset_sources SET notes = 'Source: the Executive Office.' WHERE dataset_id = 3 AND title = 'Immigration court completions'").run()
    expect(find.all('eoir')).toEqual([3])
    db.prepare("DELETE FROM dataset_sources WHERE title = 'Second source'").run()
    expect(find.all('withheld')).toEqual([1])
    expect(find.all('executive')).toEqual([3])
    // Deleted: its sources go with it, and so does its entry.
    db.prepare('DELETE FROM datasets WHERE id = 1').run()
    expect(find.all('withheld OR aliens OR yearbook')).toEqual([])
    expect(db.prepare('SELECT count(*) FROM datasets_fts').pluck().get()).toBe(2)
    db.prepare("INSERT INTO datasets_fts (datasets_fts, rank) VALUES ('integrity-check', 1)").run()
  })
})
