import type { Migration } from './migration'

// Dataset rows are searched through one contentless FTS5 index: the text already lives in the
// ds_<id> tables, so the index stores only terms. Each entry's rowid packs the dataset id and the
// row's rowid (dataset_id * 2^32 + rowid, see search/dataset-row-key.ts) so a hit leads straight
// back to its row, and contentless_delete lets a dataset's entries be removed with it.
// A dataset's rows are indexed in a transaction of their own after the rows are published, so a
// large table is usable before its search index is built; search_indexed_at says when that finished
// (NULL = still to do, picked up when the archive next opens — including every dataset that existed
// before this migration).

export const migration0002: Migration = {
  version: 2,
  name: 'search index over dataset rows',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE dataset_rows_fts USING fts5 (
        body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      ALTER TABLE datasets ADD COLUMN search_indexed_at TEXT;
    `)
  }
}
