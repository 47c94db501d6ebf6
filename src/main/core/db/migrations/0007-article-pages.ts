import type { Migration } from './migration'

// Where each page of a PDF lies in its article's body, and whether its text came from the PDF's text
// layer or from OCR (with tesseract's mean confidence): the reader marks OCR passages and names the
// page of a passage, so a citation can say "p. 3". Articles imported before keep no pages.
export const migration0007: Migration = {
  version: 7,
  name: 'article pages',
  up(db) {
    db.exec(`
      CREATE TABLE article_pages (
        article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        page         INTEGER NOT NULL CHECK (page >= 1),
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
        method       TEXT NOT NULL CHECK (method IN ('text', 'ocr')),
        confidence   REAL CHECK ((method = 'ocr') = (confidence IS NOT NULL) AND (confidence IS NULL OR confidence BETWEEN 0 AND 100)),
        PRIMARY KEY (article_id, page)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
