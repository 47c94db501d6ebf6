import type { Migration } from './migration'

// What a chart's GROUP BY found, kept so that drawing the same chart again over millions of rows
// (reopening a saved chart, a second window, the CLI) reads a few hundred cells instead of every row.
// A cached answer counts only while its stamp matches the dataset's: the stamp holds the dataset's
// data_version, which any change of a column's type bumps here (a type change rewrites the
// column's values), whichever code makes it. Rows are otherwise only ever written by an import,
// which makes a new dataset.
export const migration0010: Migration = {
  version: 10,
  name: 'chart cache',
  up(db) {
    db.exec(`
      ALTER TABLE datasets ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE chart_cache (
        dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        query      TEXT NOT NULL,
        stamp      TEXT NOT NULL,
        cells      TEXT NOT NULL,
        PRIMARY KEY (dataset_id, query)
      ) STRICT;
      CREATE TRIGGER dataset_columns_retyped AFTER UPDATE OF type ON dataset_columns
      BEGIN
        UPDATE datasets SET data_version = data_version + 1 WHERE id = NEW.dataset_id;
      END;
    `)
  }
}
