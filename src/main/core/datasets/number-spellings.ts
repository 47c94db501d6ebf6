// Numbers are stored as numbers so they sort, filter and sum as such; a number whose text differs
// from what JavaScript prints for it ("8.0", "1.50", "+3", "1e3", 17 significant digits) keeps its
// text here, one row per cell, and is shown and exported with it. The table exists only for datasets
// that need it. A spelling lives exactly as long as its cell holds that number: whatever turns the
// cell back into text uses the spelling and removes it.
import type { Database } from 'better-sqlite3'
import type { CellValue } from '@shared/model'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows } from '../db/sql-rows'
import { columnName, datasetTableName, spellingTableName } from './dataset-table-name'

const NUMBER_AS_TEXT = 'casefile_number_as_text'

export function createSpellingTable(db: Database, datasetId: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${spellingTableName(datasetId)} (row INTEGER NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (row, position)) WITHOUT ROWID, STRICT`)
}

export function hasSpellingTable(db: Database, datasetId: number): boolean {
  return cachedStatement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(spellingTableName(datasetId)) !== undefined
}

/** SQL that stores spellings given as one JSON array of [row, position, "text"] (bind the JSON). */
export function insertSpellingsSql(datasetId: number): string {
  return `INSERT OR REPLACE INTO ${spellingTableName(datasetId)} (row, position, text) SELECT value->>0, value->>1, value->>2 FROM json_each(?)`
}

/** Removes the table once it holds nothing, so a dataset without odd spellings has none. */
export function dropSpellingTableIfEmpty(db: Database, datasetId: number): void {
  if (!hasSpellingTable(db, datasetId)) return
  if (db.prepare(`SELECT 1 FROM ${spellingTableName(datasetId)} LIMIT 1`).get() === undefined) db.exec(`DROP TABLE ${spellingTableName(datasetId)}`)
}

const SPELLING_ROW = sqlRows({ row: 'integer', position: 'integer', text: 'text' })

/**
 * Puts the spelling of each number that has one in place of the number, in rows read from the
 * dataset (values in column position order), for display and export.
 */
export function applySpellings(db: Database, datasetId: number, rows: readonly { rowid: number; values: CellValue[] }[]): void {
  if (rows.length === 0 || !hasSpellingTable(db, datasetId)) return
  const byRowid = new Map(rows.map((row) => [row.rowid, row.values]))
  const spellings = SPELLING_ROW.all(
    cachedStatement(db, `SELECT row, position, text FROM ${spellingTableName(datasetId)} WHERE row IN (SELECT value FROM json_each(?))`),
    JSON.stringify(rows.map((row) => row.rowid))
  )
  for (const { row, position, text } of spellings) {
    const values = byRowid.get(row)
    if (values !== undefined && position < values.length) values[position] = text
  }
}

/**
 * Turns the numbers of a column (in rows before `beforeRowid`, when given) into text: each into the
 * spelling it was imported with, or else as JavaScript prints it — never SQLite's CAST, which prints
 * reals with 17 significant digits (779.27892536282 → 779.27892536282002) and tiny ones as 1.0e-05.
 */
export function numbersToText(db: Database, datasetId: number, position: number, beforeRowid: number | null): void {
  const table = datasetTableName(datasetId)
  const column = columnName(position)
  db.function(NUMBER_AS_TEXT, { deterministic: true }, (value: unknown) => String(value))
  const spelled = hasSpellingTable(db, datasetId)
    ? `coalesce((SELECT s.text FROM ${spellingTableName(datasetId)} s WHERE s.row = ${table}.rowid AND s.position = ${position}), ${NUMBER_AS_TEXT}(${column}))`
    : `${NUMBER_AS_TEXT}(${column})`
  const range = beforeRowid === null ? '' : ' AND rowid < ?'
  db.prepare(`UPDATE ${table} SET ${column} = ${spelled} WHERE typeof(${column}) IN ('integer', 'real')${range}`).run(...(beforeRowid === null ? [] : [BigInt(beforeRowid)]))
  if (hasSpellingTable(db, datasetId)) db.prepare(`DELETE FROM ${spellingTableName(datasetId)} WHERE position = ?`).run(position)
}

/** Keeps the text of cells that became numbers, where the number's own text differs: [rowid, text] pairs. */
export function recordSpellings(db: Database, datasetId: number, position: number, spellings: readonly [number, string][]): void {
  if (spellings.length === 0) return
  createSpellingTable(db, datasetId)
  db.prepare(insertSpellingsSql(datasetId)).run(JSON.stringify(spellings.map(([row, text]) => [row, position, text])))
}

/**
 * The spelling to show for each of `numbers` in the column at `position`: the text every cell
 * holding that number was imported with, when they all share one (a number also written plainly,
 * or spelled two ways, is shown as the number). Keyed by String(number). Empty for a dataset
 * without spellings, so a chart or a column's figures cost nothing extra there.
 */
export function sharedSpellings(db: Database, datasetId: number, position: number, numbers: readonly CellValue[]): Map<string, string> {
  const shown = new Map<string, string>()
  const wanted = [...new Set(numbers.filter((value): value is number => typeof value === 'number'))]
  if (wanted.length === 0 || !hasSpellingTable(db, datasetId)) return shown
  const table = datasetTableName(datasetId)
  const column = columnName(position)
  // Per number: how many cells hold it, and how many of those have each spelling (text NULL: none).
  const rows = sqlRows({ value: 'real', text: 'text?', n: 'integer' }).all(
    db.prepare(
      `SELECT t.${column} AS value, s.text AS text, count(*) AS n FROM ${table} t LEFT JOIN ${spellingTableName(datasetId)} s ON s.row = t.rowid AND s.position = ?
       WHERE t.${column} IN (SELECT value FROM json_each(?)) GROUP BY 1, 2`
    ),
    position,
    JSON.stringify(wanted)
  )
  const byNumber = new Map<number, (string | null)[]>()
  for (const row of rows) byNumber.set(row.value, [...(byNumber.get(row.value) ?? []), row.text])
  for (const [value, texts] of byNumber) if (texts.length === 1 && texts[0] !== null) shown.set(String(value), texts[0]!)
  return shown
}
