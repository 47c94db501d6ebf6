import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0006: saved search filters', () => {
  it('gives searches saved before it no filters, and takes only a JSON object', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS.slice(0, 5))
    db.prepare("INSERT INTO saved_searches (name, query, exact, created_at, last_run_at) VALUES ('old', 'asylum', 0, 'x', 'x')").run()
    expect(migrate(db, MIGRATIONS.slice(0, 6))).toBe(6)
    expect(db.prepare('SELECT name, filters FROM saved_searches').get()).toEqual({ name: 'old', filters: '{}' })
    const save = db.prepare("INSERT INTO saved_searches (name, query, exact, filters, created_at, last_run_at) VALUES ('new', 'q', 0, ?, 'x', 'x')")
    save.run('{"kinds":["note"],"source":null,"from":"2012","to":"","sort":"newest"}')
    expect(() => save.run('[]')).toThrow(/CHECK/)
    expect(() => save.run('{unquoted: 1}')).toThrow(/CHECK/)
  })
})
