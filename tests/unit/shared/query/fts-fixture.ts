// A small real FTS5 table, tokenised like the archive's, to check what compiled queries actually match.

import Database from 'better-sqlite3'
import { parseQuery } from '@shared/query/parse-query'
import { toFtsMatch, type FieldColumns } from '@shared/query/to-fts-match'

export const ARTICLE_COLUMNS: FieldColumns = { title: ['title'], author: ['byline'], source: ['publisher'] }
// Notes have a title and a body only: author: and source: must match nothing there.
export const NOTE_COLUMNS: FieldColumns = { title: ['title'], author: [], source: [] }

// [title, byline, publisher, body]; rowid is the position + 1.
const DOCUMENTS: [string, string, string, string][] = [
  ['Record number of deportations continue despite review', 'Seth Freed Wessler', 'Colorlines',
    'A review of pending deportation cases closed fewer than two percent through prosecutorial discretion.'],
  ['Zürich court rules on asylum appeal', 'Anna Müller', 'Neue Zürcher Zeitung',
    'The court in Zürich granted administrative closure to families awaiting an asylum decision.'],
  ['Administrative closure explained', 'Maria Lopez', 'Immigration Law Review',
    'Administrative closure pauses a removal case without deciding it; judges use it to manage the docket.'],
  ['Prosecutorial discretion memo', 'John Morton', 'ICE',
    'The memo told attorneys to weigh discretion for low priority cases such as students and veterans.'],
  ['Backlog grows in immigration courts', 'Seth Freed Wessler', 'TRAC',
    'Immigration courts face a backlog of more than 400,000 pending cases, with delays for every respondent.'],
  ['Detention statistics for 2012', 'Data Desk', 'DHS',
    'Detention numbers rose while the review of cases continued slowly across many courts.'],
  ['Asylum seekers wait for hearings', 'Ana Ruiz', 'Colorlines',
    'Families wait years for a hearing; the discretion of judges matters, and it is rarely explained.'],
  ['Note on closure rates', '', '',
    'closure rate was low: prosecutorial review closed few cases and courts remained busy']
]

export interface FtsFixture {
  /** Rowids matching a raw MATCH expression; throws exactly when SQLite rejects it. */
  run(match: string): number[]
  /** Rowids for a typed query, or null when the query compiles to no MATCH expression. */
  search(query: string, columns: FieldColumns): number[] | null
  close(): void
}

export function openFtsFixture(): FtsFixture {
  const db = new Database(':memory:')
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(title, byline, publisher, body, tokenize='unicode61 remove_diacritics 2')`)
  const insert = db.prepare('INSERT INTO docs (rowid, title, byline, publisher, body) VALUES (?, ?, ?, ?, ?)')
  DOCUMENTS.forEach((doc, index) => insert.run(index + 1, ...doc))
  const select = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid')
  const run = (match: string): number[] => select.all(match).map((row) => (row as { rowid: number }).rowid)
  return {
    run,
    search(query, columns) {
      const { ast } = parseQuery(query)
      const match = ast === null ? null : toFtsMatch(ast, columns)
      return match === null ? null : run(match)
    },
    close: () => db.close()
  }
}
