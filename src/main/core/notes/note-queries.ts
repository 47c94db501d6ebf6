import type { Database } from 'better-sqlite3'
import type { DeletedNote } from '@shared/api'
import type { Note, NoteSummary } from '@shared/model'
import { listCitations } from '../citations/citation-queries'
import { sqlRows, sqlValues } from '../db/sql-rows'

const NOTE_ROW = sqlRows({
  id: 'integer',
  title: 'text',
  body: 'text',
  created_at: 'text',
  updated_at: 'text',
  /** JSON array from json_group_array. */
  tags: 'text'
})

const TAGS = "(SELECT coalesce(json_group_array(tag), '[]') FROM (SELECT tag FROM note_tags t WHERE t.note_id = notes.id ORDER BY tag)) AS tags"

const EXCERPT_LENGTH = 160

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat
}

function tagsOf(json: string): string[] {
  const tags: unknown = JSON.parse(json)
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : []
}

function toNote(row: ReturnType<typeof NOTE_ROW.one>): Note {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    excerpt: excerptOf(row.body),
    tags: tagsOf(row.tags)
  }
}

export function listNotes(db: Database): NoteSummary[] {
  const rows = NOTE_ROW.all(db.prepare(`SELECT id, title, substr(body, 1, 400) AS body, created_at, updated_at, ${TAGS} FROM notes ORDER BY updated_at DESC, id DESC`))
  return rows.map((row) => {
    const { body: _body, ...summary } = toNote(row)
    return summary
  })
}

export function getNote(db: Database, id: number): Note | null {
  const row = NOTE_ROW.get(db.prepare(`SELECT id, title, body, created_at, updated_at, ${TAGS} FROM notes WHERE id = ?`), id)
  return row === null ? null : toNote(row)
}

/** A new note; `createdAt` is now, or when the note was first written (a deleted note written again). */
export function insertNoteCreated(db: Database, title: string, body: string, createdAt: string): Note {
  const result = db.prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)').run(title, body, createdAt, new Date().toISOString())
  const note = getNote(db, Number(result.lastInsertRowid))
  if (note === null) throw new Error('The note just written could not be read back.')
  return note
}

export function insertNote(db: Database, title: string, body: string): Note {
  return insertNoteCreated(db, title, body, new Date().toISOString())
}

export function updateNote(db: Database, id: number, title: string, body: string): Note | null {
  const result = db
    .prepare('UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ?')
    .run(title, body, new Date().toISOString(), id)
  return result.changes === 0 ? null : getNote(db, id)
}

/**
 * Deletes a note (its tags and citations go with it) and answers with what it held, read in the
 * same transaction, so that restoreNote can write it again exactly; null when there was no such note.
 */
export function deleteNote(db: Database, id: number): DeletedNote | null {
  return db.transaction((): DeletedNote | null => {
    const note = getNote(db, id)
    if (note === null) return null
    const citations = listCitations(db, id).flatMap((citation): DeletedNote['citations'] => {
      const { id: citationId, sourceId } = citation
      if (citation.kind === 'dataset') return [{ kind: 'dataset', id: citationId, sourceId, detail: citation.quote }]
      if (citation.kind === 'chart') return [{ kind: 'chart', id: citationId, sourceId }]
      // An article citation always has its offsets (the table's CHECK constraint).
      return citation.startOffset === null || citation.endOffset === null ? [] : [{ kind: 'article', id: citationId, sourceId, start: citation.startOffset, end: citation.endOffset }]
    })
    db.prepare('DELETE FROM notes WHERE id = ?').run(id)
    return { note: { id: note.id, title: note.title, body: note.body, tags: note.tags, createdAt: note.createdAt }, citations }
  })()
}

export function countNotes(db: Database): number {
  return sqlValues('integer').one(db.prepare('SELECT count(*) FROM notes').pluck())
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

const TAG_COUNT = sqlRows({ tag: 'text', count: 'integer' })

/** Every tag in use, with how many notes carry it. */
export function listNoteTags(db: Database): { tag: string; count: number }[] {
  return TAG_COUNT.all(db.prepare('SELECT tag, count(*) AS count FROM note_tags GROUP BY tag ORDER BY tag COLLATE NOCASE'))
}
