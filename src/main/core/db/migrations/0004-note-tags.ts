import type { Migration } from './migration'

// Tags group notes for the notes list's filter. One row per note and tag; a note's tags go with it.
export const migration0004: Migration = {
  version: 4,
  name: 'note tags',
  up(db) {
    db.exec(`
      CREATE TABLE note_tags (
        note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
        tag     TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 60 AND tag = trim(tag)),
        PRIMARY KEY (note_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX note_tags_by_tag ON note_tags (tag, note_id);
    `)
  }
}
