import type { Migration } from './migration'

// A dataset from a workbook is named "Workbook › Sheet" ("Workbook › Sheet › table" for a table
// stacked under another), and a sheet's own name may hold "›" ("Removals › FY2013"): the name alone
// cannot say where the workbook's part ends. The sheet's name and the stacked table's are kept
// beside it, so what shows them apart (the sidebar's line for the sheet) reads them as written.
// Datasets imported before keep NULL, and are read from their names as before.
export const migration0014: Migration = {
  version: 14,
  name: 'dataset sheet',
  up(db) {
    db.exec(`
      ALTER TABLE datasets ADD COLUMN sheet TEXT;
      ALTER TABLE datasets ADD COLUMN sheet_table TEXT;
    `)
  }
}
