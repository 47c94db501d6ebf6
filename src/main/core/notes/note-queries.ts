import type { Database } from 'better-sqlite3'
import type { Note, NoteSummary } from '@shared/model'

interface NoteRow {
  id: number
  title: string
  body: string
  created_at: string
  updated_at: string
  /** JSON array from json_group_array. */
  tags: string
}

const TAGS = "(SELECT coalesce(json_group_array(tag), '[]') FROM (SELECT tag FROM note_tags t WHERE t.note_id = notes.id ORDER BY tag)) AS tags"


const EXCERPT_LENGTH = 160

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat
}

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    excerpt: excerptOf(row.body),
    tags: JSON.parse(row.tags) as string[]
  }
}

export function listNotes(db: Database): NoteSummary[] {
  const rows = db
    .prepare(`SELECT id, title, substr(body, 1, 400) AS body, created_at, updated_at, ${TAGS} FROM notes ORDER BY updated_at DESC, id DESC`)
    .all() as NoteRow[]
  return rows.map((row) => {
    const { body: _body, ...summary } = toNote(row)
    return summary
  })
}

export function getNote(db: Database, id: number): Note | null {
  const row = db.prepare(`SELECT id, title, body, created_at, updated_at, ${TAGS} FROM notes WHERE id = ?`).get(id) as
    | NoteRow
    | undefined
  return row ? toNote(row) : null
}

export function insertNote(db: Database, title: string, body: string): Note {
  const now = new Date().toISOString()
  const result = db
    .prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)')
    .run(title, body, now, now)
  return getNote(db, Number(result.lastInsertRowid))!
}

export function updateNote(db: Database, id: number, title: string, body: string): Note | null {
  const result = db
    .prepare('UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ?')
    .run(title, body, new Date().toISOString(), id)
  return result.changes === 0 ? null : getNote(db, id)
}

export function deleteNote(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM notes WHERE id = ?').run(id).changes > 0
}

export function countNotes(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n
}

/** Tidies tags as typed: trimmed, inner spaces collapsed, empty ones dropped, duplicates (ignoring case) merged. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>()
  for (const tag of tags) {
    const clean = tag.replace(/\s+/g, ' ').trim().slice(0, 60).trim()
    if (clean !== '' && !seen.has(clean.toLocaleLowerCase())) seen.set(clean.toLocaleLowerCase(), clean)
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b))
}

/** Replaces a note's tags; the note counts as changed. */
export function setNoteTags(db: Database, id: number, tags: readonly string[]): Note | null {
  return db.transaction((): Note | null => {
    if (db.prepare('UPDATE notes SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id).changes === 0) return null
    db.prepare('DELETE FROM note_tags WHERE note_id = ?').run(id)
    const insert = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)')
    for (const tag of cleanTags(tags)) insert.run(BigInt(id), tag)
    return getNote(db, id)
  })()
}

/** Every tag in use, with how many notes carry it. */
export function listNoteTags(db: Database): { tag: string; count: number }[] {
  return db.prepare('SELECT tag, count(*) AS count FROM note_tags GROUP BY tag ORDER BY tag COLLATE NOCASE').all() as { tag: string; count: number }[]
}
