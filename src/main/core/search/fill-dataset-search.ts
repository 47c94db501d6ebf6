import type { Database } from 'better-sqlite3'

/**
 * Makes the datasets' search entries (datasets_fts: each dataset's name and provenance, see
 * migration 0013) again from the datasets and their sources, for a repair. Triggers keep them in
 * step otherwise.
 */
export function fillDatasetSearch(db: Database): void {
  db.prepare('DELETE FROM datasets_fts').run()
  db.prepare(
    `INSERT INTO datasets_fts (rowid, name, provenance)
     SELECT d.id, d.name, coalesce((SELECT group_concat(line, char(10)) FROM (
              SELECT coalesce(s.publisher || char(10), '') || s.title || coalesce(char(10) || s.notes, '') AS line
                FROM dataset_sources s WHERE s.dataset_id = d.id ORDER BY s.id)), '')
       FROM datasets d`
  ).run()
}
