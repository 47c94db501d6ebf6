import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0008: column digits', () => {
  it('leaves columns imported before it to be decided by name and values, and takes only grouped or plain', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 7))
    db.prepare("INSERT INTO datasets (id, name, table_name, row_count, imported_at) VALUES (1, 'd', 'ds_1', 0, 'x')").run()
    db.prepare("INSERT INTO dataset_columns (dataset_id, position, name, label, type) VALUES (1, 0, 'c0', 'case_id', 'integer')").run()
    expect(migrate(db, MIGRATIONS.slice(0, 8))).toBe(8)
    expect(db.prepare('SELECT label, digits FROM dataset_columns').get()).toEqual({ label: 'case_id', digits: null })
    const set = db.prepare('UPDATE dataset_columns SET digits = ?')
    set.run('plain')
    set.run('grouped')
    expect(() => set.run('spaced')).toThrow(/CHECK/)
  })
})
