import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { migration0001 } from '../../../../../../src/main/core/db/migrations/0001-initial'

function migrated(): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, [migration0001])
  return db
}

const now = '2026-01-01T00:00:00.000Z'

describe('migration 0001: initial schema', () => {
  it('creates the catalogue tables as STRICT tables and the FTS5 indexes', () => {
    const db = migrated()
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name").all() as {
      name: string
      strict: number
    }[]
    const strict = Object.fromEntries(tables.map((t) => [t.name, t.strict]))
    for (const name of ['meta', 'imports', 'articles', 'datasets', 'dataset_columns', 'dataset_sources', 'notes', 'charts', 'citations']) {
      expect(strict[name], name).toBe(1)
    }
    const fts = db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all()
    expect(fts).toEqual([{ name: 'articles_fts' }, { name: 'notes_fts' }])
    expect(db.pragma('user_version', { simple: true })).toBe(1)
  })

  it('keeps the article index in step on insert, update and delete, ignoring diacritics', () => {
    const db = migrated()
    const insert = db.prepare('INSERT INTO articles (title, body, imported_at) VALUES (?, ?, ?)')
    const id = Number(insert.run('Zürich hearing', 'The court in Zürich', now).lastInsertRowid)
    const hits = (q: string) => (db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').all(q) as { rowid: number }[]).map((r) => r.rowid)
    expect(hits('zurich')).toEqual([id])
    db.prepare('UPDATE articles SET body = ?, title = ? WHERE id = ?').run('Moved to Geneva', 'Geneva hearing', id)
    expect(hits('zurich')).toEqual([])
    expect(hits('geneva')).toEqual([id])
    db.prepare('DELETE FROM articles WHERE id = ?').run(id)
    expect(hits('geneva')).toEqual([])
    expect(() => db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")).not.toThrow()
  })

  it('keeps the note index in step', () => {
    const db = migrated()
    const id = Number(db.prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Draft', 'closures', now, now).lastInsertRowid)
    db.prepare('UPDATE notes SET body = ? WHERE id = ?').run('backlog', id)
    expect(db.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'backlog'").all()).toEqual([{ rowid: id }])
    expect(db.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'closures'").all()).toEqual([])
  })

  it('refuses values of the wrong type and citations that point at nothing or at two things', () => {
    const db = migrated()
    expect(() => db.prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)').run('t', Buffer.from('x'), now, now)).toThrow(/cannot store BLOB/)
    const note = Number(db.prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)').run('t', 'b', now, now).lastInsertRowid)
    const article = Number(db.prepare('INSERT INTO articles (title, body, imported_at) VALUES (?, ?, ?)').run('a', 'b', now).lastInsertRowid)
    const cite = db.prepare('INSERT INTO citations (note_id, kind, article_id, dataset_id, start_offset, end_offset, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    expect(() => cite.run(note, 'article', null, null, null, null, now)).toThrow(/CHECK/)
    expect(() => cite.run(note, 'article', article, article, null, null, now)).toThrow(/CHECK|FOREIGN KEY/)
    expect(() => cite.run(note, 'article', article, null, 10, 5, now)).toThrow(/CHECK/)
    expect(() => cite.run(note, 'article', 999, null, null, null, now)).toThrow(/FOREIGN KEY/)
    cite.run(note, 'article', article, null, 0, 5, now)
    // A cited article cannot silently disappear from under a note.
    expect(() => db.prepare('DELETE FROM articles WHERE id = ?').run(article)).toThrow(/FOREIGN KEY/)
  })
})
