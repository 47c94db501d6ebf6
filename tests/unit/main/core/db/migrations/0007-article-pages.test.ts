import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../../src/main/core/db/migrations/index'

describe('migration 0007: article pages', () => {
  it('adds page spans that go with their article, OCR ones with a confidence and text ones without', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 6))
    db.prepare("INSERT INTO articles (id, title, body, imported_at) VALUES (1, 'scan', 'page one\n\npage two', 'x')").run()
    expect(migrate(db, MIGRATIONS.slice(0, 7))).toBe(7)
    const page = db.prepare('INSERT INTO article_pages (article_id, page, start_offset, end_offset, method, confidence) VALUES (?, ?, ?, ?, ?, ?)')
    page.run(1n, 1n, 0n, 8n, 'text', null)
    page.run(1n, 2n, 10n, 18n, 'ocr', 91.5)
    expect(() => page.run(1n, 2n, 10n, 18n, 'ocr', 90)).toThrow(/PRIMARY KEY|UNIQUE/)
    expect(() => page.run(1n, 3n, 0n, 1n, 'ocr', null)).toThrow(/CHECK/)
    expect(() => page.run(1n, 3n, 0n, 1n, 'text', 50)).toThrow(/CHECK/)
    expect(() => page.run(1n, 3n, 0n, 1n, 'scan', null)).toThrow(/CHECK/)
    expect(() => page.run(1n, 3n, 5n, 1n, 'text', null)).toThrow(/CHECK/)
    expect(() => page.run(1n, 0n, 0n, 1n, 'text', null)).toThrow(/CHECK/)
    expect(() => page.run(2n, 1n, 0n, 1n, 'text', null)).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM articles WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM article_pages').pluck().get()).toBe(0)
  })
})
