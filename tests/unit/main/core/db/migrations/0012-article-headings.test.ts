import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0012: article headings', () => {
  it('adds heading spans with a level 1–6 that go with their article, and leaves older articles without any', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 11))
    db.prepare("INSERT INTO articles (id, title, body, imported_at) VALUES (1, 'memo', 'Purpose\n\nTo set out.', 'x')").run()
    expect(migrate(db, MIGRATIONS.slice(0, 12))).toBe(12)
    expect(db.prepare('SELECT count(*) FROM article_headings').pluck().get()).toBe(0)
    const heading = db.prepare('INSERT INTO article_headings (article_id, start_offset, end_offset, level) VALUES (?, ?, ?, ?)')
    heading.run(1n, 0n, 7n, 1n)
    heading.run(1n, 9n, 20n, 6n)
    expect(() => heading.run(1n, 0n, 7n, 2n)).toThrow(/PRIMARY KEY|UNIQUE/)
    expect(() => heading.run(1n, 30n, 31n, 0n)).toThrow(/CHECK/)
    expect(() => heading.run(1n, 30n, 31n, 7n)).toThrow(/CHECK/)
    expect(() => heading.run(1n, 30n, 30n, 1n)).toThrow(/CHECK/)
    expect(() => heading.run(1n, -1n, 3n, 1n)).toThrow(/CHECK/)
    expect(() => heading.run(1n, 30n, 31n, 'one')).toThrow(/cannot store TEXT value in INTEGER column/)
    expect(() => heading.run(2n, 0n, 1n, 1n)).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM articles WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM article_headings').pluck().get()).toBe(0)
  })
})
