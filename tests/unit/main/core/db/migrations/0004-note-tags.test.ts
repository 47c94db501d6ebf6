import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0004: note tags', () => {
  it('adds tags that go with their note and refuse empty or padded text', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 3))
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toBe(4)
    db.prepare("INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (1, 'n', '', 'x', 'x')").run()
    const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)')
    tag.run(1n, 'review')
    expect(() => tag.run(1n, 'review')).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => tag.run(1n, '')).toThrow(/CHECK/)
    expect(() => tag.run(1n, ' padded ')).toThrow(/CHECK/)
    expect(() => tag.run(2n, 'orphan')).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM notes WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM note_tags').pluck().get()).toBe(0)
  })
})
