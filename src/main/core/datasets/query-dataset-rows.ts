import type { Database } from 'better-sqlite3'
import type { CellValue } from '@shared/model'
import { FACET_LIMIT, type ColumnStats, type RowPage, type RowQuery } from '@shared/row-query'
import type { RowFilter } from '@shared/chart-spec'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows, sqlTuples, sqlValues } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'
import { getDatasetColumns } from './dataset-queries'
import { columnName, datasetTableName } from './dataset-table-name'
import { applySpellings, sharedSpellings } from './number-spellings'
import { datasetColumn, isNumericColumn, numberIn, rowFilterConditions, type Bound } from './row-filters'

function tableOf(db: Database, datasetId: number): string {
  const exists = db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(datasetId)
  if (!exists) throw new InvalidRequest(`Dataset ${datasetId} was not found in this archive.`)
  return datasetTableName(datasetId)
}

function sortIndexName(table: string, column: string): string {
  return `${table}_sort_${column}`
}

function hasSortIndex(db: Database, table: string, column: string): boolean {
  return cachedStatement(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(sortIndexName(table, column)) !== undefined
}

/**
 * The columns a query sorts by or narrows down with a condition an index answers (equals, a range,
 * empty or not) that have no index yet: the ones worth building in the background (sort-indexer.ts).
 */
export function columnsWantingIndex(db: Database, query: RowQuery): number[] {
  const table = tableOf(db, query.datasetId)
  const positions = new Set<number>()
  if (query.sort !== null) positions.add(query.sort.column)
  for (const filter of query.filters) if (filter.op !== 'contains') positions.add(filter.column)
  const columns = getDatasetColumns(db, query.datasetId)
  return [...positions].filter((position) => columns.some((column) => column.position === position) && !hasSortIndex(db, table, columnName(position)))
}

/**
 * Makes the index a sort reads, so that a page deep in a sorted million-row table is a short walk
 * of the index instead of a sort of every row above it. Seconds at a million rows, so it is not made
 * while someone waits for a first page (that page is found without it): the caller runs it when
 * the archive is idle. Returns false when it could not run now: an import holds the lock, or the
 * archive is open read-only (damaged, or on read-only media).
 */
export function buildSortIndex(db: Database, datasetId: number, position: number): boolean {
  if (db.readonly) return false
  const table = tableOf(db, datasetId)
  const column = columnName(datasetColumn(getDatasetColumns(db, datasetId), position, 'sort').position)
  try {
    db.exec(`CREATE INDEX IF NOT EXISTS ${sortIndexName(table, column)} ON ${table} (${column})`)
    return true
  } catch (error) {
    const code = String((error as { code?: unknown }).code)
    if (code !== 'SQLITE_BUSY' && !code.startsWith('SQLITE_READONLY')) throw error
    return false
  }
}

/** Rows read at each end of the table to find a bound for a sorted page without an index. */
const BOUND_SAMPLE_ROWS = 16_384

/**
 * A condition that every row of a sorted page (the first `wanted` rows in the sort's order under
 * `where`) meets, found from the rows at both ends of the table: the wanted-th row among those is no
 * better than the wanted-th of the whole table, so the page is among the rows that sort before it or
 * are it. The pass over the table then tests each row against one value instead of handing it to
 * the sorter: at 10M rows, a descending sort of a column that grows down the table went from 1.9 s
 * to 0.8 s of CPU. Null when the ends hold fewer than `wanted` rows (a page deep in the table).
 */
function pageBound(db: Database, table: string, sortName: string, direction: 'asc' | 'desc', where: readonly string[], params: readonly Bound[], wanted: number): { sql: string; params: Bound[] } | null {
  const ends = sqlRows({ first: 'integer?', last: 'integer?' }).one(cachedStatement(db, `SELECT min(rowid) AS first, max(rowid) AS last FROM ${table}`))
  if (ends.first === null || ends.last === null) return null
  const order = direction === 'asc' ? `ORDER BY ${sortName}, rowid` : `ORDER BY ${sortName} DESC, rowid DESC`
  const sample = `(rowid < ? OR rowid > ?)${where.map((condition) => ` AND ${condition}`).join('')}`
  // Integers come back as BigInt, to be bound again exactly.
  const found = cachedStatement(db, `SELECT ${sortName} AS value, rowid FROM ${table} NOT INDEXED WHERE ${sample} ${order} LIMIT 1 OFFSET ?`)
    .safeIntegers(true)
    .raw(true)
    .get(BigInt(ends.first + BOUND_SAMPLE_ROWS), BigInt(ends.last - BOUND_SAMPLE_ROWS), ...params, wanted - 1) as [Bound, bigint] | undefined
  if (found === undefined) return null
  const [value, rowid] = found
  // NULLs sort first ascending and last descending (see queryDatasetRows).
  if (direction === 'asc') {
    return value === null ? { sql: `(${sortName} IS NULL AND rowid <= ?)`, params: [rowid] } : { sql: `(${sortName} IS NULL OR (${sortName}, rowid) <= (?, ?))`, params: [value, rowid] }
  }
  return value === null ? { sql: `(${sortName} IS NOT NULL OR rowid >= ?)`, params: [rowid] } : { sql: `(${sortName}, rowid) >= (?, ?)`, params: [value, rowid] }
}

/**
 * How many rows the query's filters keep. Without filters that is the dataset's row count (kept
 * with the dataset, and checked by check-archive), not a pass over millions of rows; a first page
 * that came back short holds them all.
 */
function countRows(db: Database, query: RowQuery, table: string, found: number, filtered: { sql: string[]; params: Bound[] }): number {
  if (query.filters.length === 0) return sqlValues('integer').one(cachedStatement(db, 'SELECT row_count FROM datasets WHERE id = ?').pluck(), query.datasetId)
  if (query.after === null && query.offset === 0 && found <= query.limit) return found
  return sqlValues('integer').one(cachedStatement(db, `SELECT count(*) FROM ${table} WHERE ${filtered.sql.join(' AND ')}`).pluck(), ...filtered.params)
}

/** Bound values for a cell: integers as BigInt (better-sqlite3 binds every JS number as REAL). */
const COLUMN_STATS = sqlRows({ min: 'cell', max: 'cell', distinct_values: 'integer', empty: 'integer?', text_values: 'integer?' })
const FACET = sqlRows({ value: 'cell', count: 'integer' })

function bound(value: CellValue): Bound {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value
}

/**
 * One page of a dataset's rows, sorted and filtered, continuing after `query.after` (or skipping
 * `query.offset` rows, for a jump where no cursor is at hand). Rows tie-break
 * on rowid (in the sort's direction), so the order is total and a page never repeats or skips a row. SQLite orders NULLs
 * first ascending and last descending, and compares values of different types in a fixed order
 * (numbers before text), so the keyset condition below matches ORDER BY exactly.
 */
export function queryDatasetRows(db: Database, query: RowQuery): RowPage {
  if (query.after !== null && query.offset !== 0) throw new InvalidRequest('A page starts after a row or at an offset, not both.')
  const table = tableOf(db, query.datasetId)
  const columns = getDatasetColumns(db, query.datasetId)
  const filtered = rowFilterConditions(columns, query.filters)
  const where = [...filtered.sql]
  const params: Bound[] = [...filtered.params]

  let order = 'ORDER BY rowid'
  let sortName: string | null = null
  if (query.sort !== null) {
    sortName = columnName(datasetColumn(columns, query.sort.column, 'sort').position)
    // Descending runs the index backwards, rowid included, so neither direction needs a sort.
    order = query.sort.direction === 'asc' ? `ORDER BY ${sortName}, rowid` : `ORDER BY ${sortName} DESC, rowid DESC`
  }
  if (query.after !== null) {
    const rowid = BigInt(query.after.rowid)
    if (sortName === null) {
      where.push('rowid > ?')
      params.push(rowid)
    } else {
      const value = query.after.value
      const ascending = query.sort!.direction === 'asc'
      // Row values let SQLite start the index scan at the cursor instead of filtering from the top.
      if (value === null) {
        // NULLs come first ascending (then every non-null value) and last descending.
        where.push(ascending ? `((${sortName} IS NULL AND rowid > ?) OR ${sortName} IS NOT NULL)` : `(${sortName} IS NULL AND rowid < ?)`)
        params.push(rowid)
      } else if (ascending) {
        where.push(`(${sortName}, rowid) > (?, ?)`)
        params.push(bound(value), rowid)
      } else {
        where.push(`((${sortName}, rowid) < (?, ?) OR ${sortName} IS NULL)`)
        params.push(bound(value), rowid)
      }
    }
  }
  const selected = columns.map((column) => columnName(column.position)).join(', ')
  const indexed = sortName === null || hasSortIndex(db, table, sortName)
  // Without the column's index, SQLite keeps the best rows of one pass over the table in a sorter.
  // Kept narrow (the sort value and the rowid, not every column), that pass is several times
  // quicker where most rows displace an earlier one (a descending sort of values that grow down the
  // table: 2.4 s → 0.6 s at 1M rows); the page's own columns are then read for those rows only.
  // A bound found in the rows at both ends of the table keeps most rows out of the sorter altogether.
  if (!indexed) {
    const limit = pageBound(db, table, sortName!, query.sort!.direction, where, params, query.offset + query.limit + 1)
    if (limit !== null) {
      where.push(limit.sql)
      params.push(...limit.params)
    }
  }
  const condition = where.length ? ` WHERE ${where.join(' AND ')}` : ''
  const sql = indexed
    ? `SELECT rowid, ${selected} FROM ${table}${condition} ${order} LIMIT ? OFFSET ?`
    : `SELECT rowid, ${selected} FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table}${condition} ${order} LIMIT ? OFFSET ?) ${order}`
  const rows = sqlTuples('cell').all(cachedStatement(db, sql).raw(true), ...params, query.limit + 1, query.offset)
  const total = query.count ? countRows(db, query, table, rows.length, filtered) : null
  const page = rows.slice(0, query.limit).map((values) => ({ rowid: Number(values[0]), values: values.slice(1) }))
  const last = page.at(-1)
  const sortIndex = query.sort === null ? -1 : columns.findIndex((column) => column.position === query.sort!.column)
  // The next page starts after the stored value, not after the spelling shown for it.
  const next = rows.length > query.limit && last ? { value: sortIndex === -1 ? null : last.values[sortIndex]!, rowid: last.rowid } : null
  applySpellings(db, query.datasetId, page)
  return { rows: page, next, total }
}

/**
 * Minimum, maximum, distinct and empty counts of a column (under the filters), with value facets when
 * few. In a column of numbers the extremes are numbers, and the text values in it (markers such as
 * b6 or N/A) are counted.
 */
export function columnStats(db: Database, datasetId: number, position: number, filters: readonly RowFilter[]): ColumnStats {
  const table = tableOf(db, datasetId)
  const columns = getDatasetColumns(db, datasetId)
  const column = datasetColumn(columns, position, 'column')
  const name = columnName(column.position)
  const filtered = rowFilterConditions(columns, filters)
  const where = filtered.sql.length ? ` WHERE ${filtered.sql.join(' AND ')}` : ''
  const value = isNumericColumn(column) ? numberIn(name) : name
  const stats = COLUMN_STATS.one(
    db.prepare(
      `SELECT min(${value}) AS min, max(${value}) AS max, count(DISTINCT ${name}) AS distinct_values, sum(${name} IS NULL) AS empty,
         sum(typeof(${name}) = 'text') AS text_values FROM ${table}${where}`
    ),
    ...filtered.params
  )
  const facets =
    stats.distinct_values <= FACET_LIMIT
      ? FACET.all(db.prepare(`SELECT ${name} AS value, count(*) AS count FROM ${table}${where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT + 1}`), ...filtered.params)
      : null
  return {
    position,
    type: column.type,
    min: stats.min,
    max: stats.max,
    distinct: stats.distinct_values,
    empty: stats.empty ?? 0,
    markers: isNumericColumn(column) ? (stats.text_values ?? 0) : 0,
    facets,
    spellings: Object.fromEntries(sharedSpellings(db, datasetId, column.position, [stats.min, stats.max, ...(facets ?? []).map((facet) => facet.value)]))
  }
}
