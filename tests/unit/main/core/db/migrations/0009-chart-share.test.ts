import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0009: chart share', () => {
  it('gives charts saved before it no share, and leaves a spec that names one as it is', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 8))
    db.prepare("INSERT INTO datasets (id, name, table_name, row_count, imported_at) VALUES (1, 'd', 'ds_1', 0, 'x')").run()
    const insert = db.prepare("INSERT INTO charts (id, name, dataset_id, spec, created_at, updated_at) VALUES (?, 'c', 1, ?, 'x', 'x')")
    insert.run(1, '{"datasetId":1,"title":"old","groupBy":null}')
    insert.run(2, '{"datasetId":1,"title":"new","share":{"part":"a","whole":"b"}}')
    expect(migrate(db, MIGRATIONS.slice(0, 9))).toBe(9)
    const specs = db.prepare('SELECT spec FROM charts ORDER BY id').pluck().all() as string[]
    expect(specs.map((spec) => JSON.parse(spec))).toEqual([
      { datasetId: 1, title: 'old', groupBy: null, share: null },
      { datasetId: 1, title: 'new', share: { part: 'a', whole: 'b' } }
    ])
  })
})
