import type { Migration } from './migration'

// A saved search keeps the query as typed (the query language carries its filters) and when it was
// last run, so the sidebar can say how many matches arrived since: items imported or written after
// last_run_at.
export const migration0003: Migration = {
  version: 3,
  name: 'saved searches',
  up(db) {
    db.exec(`
      CREATE TABLE saved_searches (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        query       TEXT NOT NULL CHECK (length(query) >= 1),
        exact       INTEGER NOT NULL DEFAULT 0 CHECK (exact IN (0, 1)),
        created_at  TEXT NOT NULL,
        last_run_at TEXT NOT NULL
      ) STRICT;
    `)
  }
}
