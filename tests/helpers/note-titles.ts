import Database from 'better-sqlite3'

/** The titles of the notes in the archive file at `path`, read through a connection of its own. */
export function noteTitles(path: string): string[] {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare('SELECT title FROM notes ORDER BY id').pluck().all() as string[]
  } finally {
    db.close()
  }
}
