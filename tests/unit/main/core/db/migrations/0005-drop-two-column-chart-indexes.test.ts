import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0005: drop two-column chart indexes', () => {
  it('drops the old chart indexes and keeps every other index, rows untouched', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 4))
    db.exec(`
      CREATE TABLE ds_7 (c0 ANY, c1 ANY, c2 ANY) STRICT;
      INSERT INTO ds_7 VALUES ('2012-05-29', 'Denver', 3), ('2012-06-01', 'Miami', 4);
      CREATE INDEX ds_7_chart_c0_month_c1_c0 ON ds_7 (substr(c0, 1, 7), c1, c0);
      CREATE INDEX ds_7_chart_c1_value ON ds_7 (c1);
      CREATE INDEX ds_7_chart_key_c0_year_c1 ON ds_7 ((quote(substr(c0, 1, 4)) || ',' || quote(c1)));
      CREATE INDEX ds_7_sort_c2 ON ds_7 (c2);
    `)
    const indexes = () => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ds_7' ORDER BY name").pluck().all()
    expect(migrate(db, MIGRATIONS.slice(0, 5))).toBe(5)
    expect(indexes()).toEqual(['ds_7_chart_key_c0_year_c1', 'ds_7_sort_c2'])
    expect(db.prepare('SELECT count(*) FROM ds_7').pluck().get()).toBe(2)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
