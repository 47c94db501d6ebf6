import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0011: note marks in the search index', () => {
  it('reads a superscript note mark as no word, in articles and notes written before it and after', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 10))
    db.prepare("INSERT INTO articles (id, title, body, imported_at) VALUES (1, 'memo', 'the exercise of prosecutorial discretion¹ to ensure that resources', 'x')").run()
    db.prepare("INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (1, 'quote', '> discretion¹² to ensure', 'x', 'x')").run()
    const articles = db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid").pluck()
    const notes = db.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid").pluck()
    expect(articles.all('"discretion to ensure"')).toEqual([])
    expect(migrate(db, MIGRATIONS.slice(0, 11))).toBe(11)
    db.prepare("INSERT INTO articles (id, title, body, imported_at) VALUES (2, 'later', 'discretion² to ensure; 1,234 removals in 2012', 'x')").run()
    expect(articles.all('"discretion to ensure"')).toEqual([1, 2])
    expect(articles.all('"discretion¹ to ensure"')).toEqual([1, 2])
    expect(notes.all('"discretion to ensure"')).toEqual([1])
    // Ordinary digits are still words.
    expect(articles.all('"1,234 removals in 2012"')).toEqual([2])
    // The mark is no word: "1" is found only in "1,234".
    expect(articles.all('1')).toEqual([2])
    db.prepare("UPDATE articles SET body = 'nothing here' WHERE id = 1").run()
    db.prepare('DELETE FROM notes WHERE id = 1').run()
    expect(articles.all('discretion')).toEqual([2])
    expect(notes.all('discretion')).toEqual([])
    for (const table of ['articles_fts', 'notes_fts']) db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run()
  })
})
