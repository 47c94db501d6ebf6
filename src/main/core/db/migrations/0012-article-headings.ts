import type { Migration } from './migration'

// Where each heading of an article lies in its body, and its level: kept beside the body, as the
// pages are, so the body stays the plain text that search reads and that quotes are verbatim
// slices of, while the reader can set a document's headings as headings. Articles imported before
// keep none and read as before.
export const migration0012: Migration = {
  version: 12,
  name: 'article headings',
  up(db) {
    db.exec(`
      CREATE TABLE article_headings (
        article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
        level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),
        PRIMARY KEY (article_id, start_offset)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
