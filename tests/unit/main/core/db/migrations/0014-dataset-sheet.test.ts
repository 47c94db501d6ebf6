import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0014: dataset sheet', () => {
  it('gives datasets a sheet and a stacked table name, NULL for those made before', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 13))
    db.prepare("INSERT INTO datasets (id, name, table_name, row_count, imported_at) VALUES (1, 'book › Table 39', 'ds_1', 0, 'x')").run()
    expect(migrate(db, MIGRATIONS.slice(0, 14))).toBe(14)
    expect(db.prepare('SELECT sheet, sheet_table FROM datasets WHERE id = 1').get()).toEqual({ sheet: null, sheet_table: null })
    db.prepare("INSERT INTO datasets (id, name, table_name, row_count, imported_at, sheet, sheet_table) VALUES (2, 'book › Removals › FY2013 › Returns', 'ds_2', 0, 'x', 'Removals › FY2013', 'Returns')").run()
    expect(db.prepare('SELECT sheet, sheet_table FROM datasets WHERE id = 2').get()).toEqual({ sheet: 'Removals › FY2013', sheet_table: 'Returns' })
  })
})
