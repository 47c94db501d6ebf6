import type { Migration } from './migration'

// A note's mark in an imported document ("discretion¹ to ensure") is written in superscript digits,
// and the article and note indexes read those as spaces: a phrase search runs across the mark, a
// quote copied with it is found by the words around it, and "discretion¹" is the word "discretion"
// (before this, it was one word of its own that no search for "discretion" found). Ordinary digits
// stay words. A tokenizer is fixed when an index is made, so both indexes are made again from the
// text they index; their triggers name them and keep working.
const TOKENIZER = `tokenize = "unicode61 remove_diacritics 2 separators '⁰¹²³⁴⁵⁶⁷⁸⁹'"`

export const migration0011: Migration = {
  version: 11,
  name: 'note marks in the search index',
  up(db) {
    db.exec(`
      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, byline, publisher, body,
        content = 'articles', content_rowid = 'id', ${TOKENIZER}
      );
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
      DROP TABLE notes_fts;
      CREATE VIRTUAL TABLE notes_fts USING fts5 (
        title, body,
        content = 'notes', content_rowid = 'id', ${TOKENIZER}
      );
      INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
    `)
  }
}
