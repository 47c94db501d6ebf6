import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0010: chart cache', () => {
  it('starts every dataset at data version 0, and a change of a column type, by any code, moves it on', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 9))
    db.prepare("INSERT INTO datasets (id, name, table_name, row_count, imported_at) VALUES (1, 'd', 'ds_1', 0, 'x')").run()
    db.prepare("INSERT INTO dataset_columns (dataset_id, position, name, label, type) VALUES (1, 0, 'c0', 'code', 'text')").run()
    expect(migrate(db, MIGRATIONS.slice(0, 10))).toBe(10)
    const version = db.prepare('SELECT data_version FROM datasets WHERE id = 1').pluck()
    expect(version.get()).toBe(0)
    db.prepare("UPDATE dataset_columns SET digits = 'plain'").run()
    expect(version.get()).toBe(0)
    db.prepare("UPDATE dataset_columns SET type = 'integer'").run()
    expect(version.get()).toBe(1)
    db.prepare("INSERT INTO chart_cache (dataset_id, query, stamp, cells) VALUES (1, 'q', 's', '[]')").run()
    db.prepare('DELETE FROM dataset_columns').run()
    db.prepare('DELETE FROM datasets').run()
    expect(db.prepare('SELECT count(*) FROM chart_cache').pluck().get()).toBe(0)
  })
})
