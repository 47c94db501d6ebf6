import type { Migration } from './migration'

// A saved search keeps the screen's filters too (facet picks, date range, sort), as JSON in the
// shape of SavedSearchFilters; searches saved before keep none, which is what they ran with.
export const migration0006: Migration = {
  version: 6,
  name: 'saved search filters',
  up(db) {
    db.exec(`ALTER TABLE saved_searches ADD COLUMN filters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters) AND json_type(filters) = 'object')`)
  }
}
