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
import { cachedChartCells } from '../charts/chart-cache'

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
 *
 * Charts ask on every drawing, cache hits included, on the window's thread: the answer is kept in
 * the chart cache with the rows' stamp, and found from the spellings first, so a column with none
 * costs a pass over the spelling table, not a join over every row (1M rows: ~0.55 s of CPU a
 * drawing before). The rows are counted only for numbers whose spelled cells agree on one text.
 */
export function sharedSpellings(db: Database, datasetId: number, position: number, numbers: readonly CellValue[]): Map<string, string> {
  const wanted = [...new Set(numbers.filter((value): value is number => typeof value === 'number'))]
  if (wanted.length === 0 || !hasSpellingTable(db, datasetId)) return new Map()
  const table = datasetTableName(datasetId)
  const column = columnName(position)
  const spelled = `SELECT t.${column} AS value, s.text AS text, count(*) AS n FROM ${spellingTableName(datasetId)} s JOIN ${table} t ON t.rowid = s.row
     WHERE s.position = ? AND t.${column} IN (SELECT value FROM json_each(?)) GROUP BY 1, 2`
  const pairs = cachedChartCells<[string, string]>(db, datasetId, spelled, [position, JSON.stringify(wanted)], () => {
    // Per number: how many of its cells have each spelling.
    const texts = new Map<number, { text: string; n: number }[]>()
    for (const row of SPELLED_COUNT.all(db.prepare(spelled), position, JSON.stringify(wanted))) texts.set(row.value, [...(texts.get(row.value) ?? []), { text: row.text, n: row.n }])
    const agreed = [...texts].filter(([, spellings]) => spellings.length === 1)
    if (agreed.length === 0) return []
    // Shared only when no cell holding the number is without that spelling.
    const cells = new Map(
      NUMBER_COUNT.all(db.prepare(`SELECT ${column} AS value, count(*) AS n FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?)) GROUP BY 1`), JSON.stringify(agreed.map(([value]) => value))).map(
        (row) => [row.value, row.n]
      )
    )
    return agreed.filter(([value, [only]]) => cells.get(value) === only!.n).map(([value, [only]]) => [String(value), only!.text])
  })
  return new Map(pairs)
}

const SPELLED_COUNT = sqlRows({ value: 'real', text: 'text', n: 'integer' })
const NUMBER_COUNT = sqlRows({ value: 'real', n: 'integer' })
