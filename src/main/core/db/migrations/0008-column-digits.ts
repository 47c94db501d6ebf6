import type { Migration } from './migration'

// How a column's numbers are shown, when the person chose it from the column menu: 'grouped'
// (195,066) or 'plain' (1185, 2012). NULL, as for every column imported before, leaves it to the
// column's name and values.
export const migration0008: Migration = {
  version: 8,
  name: 'column digits',
  up(db) {
    db.exec(`ALTER TABLE dataset_columns ADD COLUMN digits TEXT CHECK (digits IN ('grouped', 'plain'))`)
  }
}
