import type { Database } from 'better-sqlite3'
import type { CellValue } from '@shared/model'
import { FACET_LIMIT, type ColumnStats, type RowPage, type RowQuery } from '@shared/row-query'
import type { RowFilter } from '@shared/chart-spec'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows, sqlTuples, sqlValues } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'
import { NEVER_ABANDONED, type Checkpoint } from '../search/search-abandoned'
import { getDatasetColumns } from './dataset-queries'
import { columnName, datasetTableName } from './dataset-table-name'
import { applySpellings, sharedSpellings } from './number-spellings'
import { deepPageWindow, firstPageBound, type SqlCondition } from './sort-window'
import { dateIn, datasetColumn, isDateColumn, isNumericColumn, numberIn, rowFilterConditions, type Bound } from './row-filters'

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

/** From this many rows deep, a page without its index is placed from a sample before it is sorted (sort-window.ts). */
const DEEP_OFFSET = 10_000

/**
 * How many rows the query's filters keep. Without filters that is the dataset's row count (kept
 * with the dataset, and checked by check-archive), not a pass over millions of rows; a first page
 * that came back short (`found` rows, null before the page is read) holds them all.
 */
function countRows(db: Database, query: RowQuery, table: string, found: number | null, filtered: { sql: string[]; params: Bound[] }): number {
  if (query.filters.length === 0) return sqlValues('integer').one(cachedStatement(db, 'SELECT row_count FROM datasets WHERE id = ?').pluck(), query.datasetId)
  if (found !== null && query.after === null && query.offset === 0 && found <= query.limit) return found
  return sqlValues('integer').one(cachedStatement(db, `SELECT count(*) FROM ${table} WHERE ${filtered.sql.join(' AND ')}`).pluck(), ...filtered.params)
}

/** Bound values for a cell: integers as BigInt (better-sqlite3 binds every JS number as REAL). */
const COLUMN_STATS = sqlRows({ min: 'cell', max: 'cell', distinct_values: 'integer', empty: 'integer?', text_values: 'integer?' })
const FACET = sqlRows({ value: 'cell', count: 'integer' })

function bound(value: CellValue): Bound {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value
}

/** What every reading of a page starts from: the table, its columns, and the query's conditions and order. */
interface PagePlan {
  table: string
  columns: ReturnType<typeof getDatasetColumns>
  filtered: { sql: string[]; params: Bound[] }
  /** The filters and the cursor. */
  where: string[]
  params: Bound[]
  order: string
  sortName: string | null
  indexed: boolean
}

function planPage(db: Database, query: RowQuery): PagePlan {
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
  const indexed = sortName === null || hasSortIndex(db, table, sortName)
  return { table, columns, filtered, where, params, order, sortName, indexed }
}

/**
 * Whether the page's rows, or its count, are found by a pass over every row near enough the top of
 * the table that the pass can be shared: each half of the table finds its own best rows and counts
 * its own rows (pageCandidates), and the page is the best of those (readRowPage). That is a sort on
 * a column without its index yet, or a count under filters in the stored order. (With the sort's
 * index, the page is a short walk of it; a half would sort its rows instead.) Deeper pages are
 * placed from a sample instead (sort-window.ts).
 */
export function splitsIntoHalves(db: Database, query: RowQuery): boolean {
  // Planned first whatever the answer: a query naming no dataset or column is refused here.
  const plan = planPage(db, query)
  return query.offset < DEEP_OFFSET && (query.sort === null ? query.count && query.filters.length > 0 : !plan.indexed)
}

/** The rows a half of the table offers for a page, and how many of its rows pass the filters (when the page counts them). */
export interface PageCandidates {
  rowids: number[]
  count: number | null
}

/**
 * The rows among those with rowid in [from, to] that could be on the page (splitsIntoHalves): the
 * best offset + limit + 1 of them in the page's order, and, when the query counts and filters, how
 * many of them pass the filters. Two halves of a table measured 505 and 446 ms of CPU at 10M rows
 * where the whole table took 899 ms, so two threads find a page in about half the time.
 */
export function pageCandidates(db: Database, query: RowQuery, from: number, to: number, checkpoint: Checkpoint): PageCandidates {
  const plan = planPage(db, query)
  const wanted = query.offset + query.limit + 1
  const narrowing = query.sort === null ? null : firstPageBound(db, plan.table, plan.sortName!, query.sort!.direction, plan.where, plan.params, wanted)
  checkpoint()
  // The half's range comes last: SQLite reads one upper rowid bound, the first it meets, and a
  // bound's own `rowid <= ?` (a first page of empty cells) must be the one it reads.
  const conditions = [...plan.where, ...(narrowing === null ? [] : [narrowing.sql]), 'rowid >= ?', 'rowid <= ?']
  const rowids = sqlValues('integer').all(
    cachedStatement(db, `SELECT rowid FROM ${plan.table} WHERE ${conditions.join(' AND ')} ${plan.order} LIMIT ?`).pluck(),
    ...plan.params,
    ...(narrowing?.params ?? []),
    BigInt(from),
    BigInt(to),
    wanted
  )
  if (!query.count || query.filters.length === 0) return { rowids, count: null }
  // Fewer rows than asked for, from the top of the half with no bound or cursor: they are all it holds.
  if (narrowing === null && query.after === null && rowids.length < wanted) return { rowids, count: rowids.length }
  checkpoint()
  const filters = [...plan.filtered.sql, 'rowid >= ?', 'rowid <= ?']
  const count = sqlValues('integer').one(cachedStatement(db, `SELECT count(*) FROM ${plan.table} WHERE ${filters.join(' AND ')}`).pluck(), ...plan.filtered.params, BigInt(from), BigInt(to))
  return { rowids, count }
}

/**
 * One page of a dataset's rows, sorted and filtered, continuing after `query.after` (or skipping
 * `query.offset` rows, for a jump where no cursor is at hand). Rows tie-break
 * on rowid (in the sort's direction), so the order is total and a page never repeats or skips a row. SQLite orders NULLs
 * first ascending and last descending, and compares values of different types in a fixed order
 * (numbers before text), so the keyset condition below matches ORDER BY exactly.
 */
export function queryDatasetRows(db: Database, query: RowQuery): RowPage {
  return readRowPage(db, query, NEVER_ABANDONED, null)
}

/**
 * queryDatasetRows, stopping at `checkpoint` between its statements (a page the person no longer
 * waits for), and reading the page among `halves` when the halves of the table have found their
 * candidates for it (pageCandidates; null: the page is found here).
 */
export function readRowPage(db: Database, query: RowQuery, checkpoint: Checkpoint, halves: readonly PageCandidates[] | null): RowPage {
  const { table, columns, filtered, where, params, order, sortName, indexed } = planPage(db, query)
  const selected = columns.map((column) => columnName(column.position)).join(', ')
  // Without the column's index, SQLite keeps the best rows of one pass over the table in a sorter.
  // Kept narrow (the sort value and the rowid, not every column), that pass is several times
  // quicker where most rows displace an earlier one (a descending sort of values that grow down the
  // table: 2.4 s → 0.6 s at 1M rows); the page's own columns are then read for those rows only.
  // A bound found in a few thousand rows keeps most rows out of the sorter (sort-window.ts).
  let narrowing: SqlCondition | null = null
  let offset = query.offset
  let total: number | null = null
  let placed = false
  if (halves !== null) {
    narrowing = { sql: 'rowid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(halves.flatMap((half) => half.rowids))] }
    if (halves.every((half) => half.count !== null)) total = halves.reduce((sum, half) => sum + half.count!, 0)
  } else if (!indexed) {
    const direction = query.sort!.direction
    narrowing = firstPageBound(db, table, sortName!, direction, where, params, query.offset + query.limit + 1)
    if (narrowing === null && query.offset >= DEEP_OFFSET) {
      checkpoint()
      total = countRows(db, query, table, null, filtered)
      checkpoint()
      const window = deepPageWindow(db, table, sortName!, direction, where, params, query.offset, query.limit + 1, total)
      if (window !== null) {
        narrowing = window.condition
        offset = window.skip
        placed = !window.complete
      }
    }
  }
  checkpoint()
  const pageRows = (extra: SqlCondition | null, skip: number) => {
    const conditions = extra === null ? where : [...where, extra.sql]
    const condition = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''
    const sql = indexed
      ? `SELECT rowid, ${selected} FROM ${table}${condition} ${order} LIMIT ? OFFSET ?`
      : `SELECT rowid, ${selected} FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table}${condition} ${order} LIMIT ? OFFSET ?) ${order}`
    return sqlTuples('cell').all(cachedStatement(db, sql).raw(true), ...params, ...(extra?.params ?? []), query.limit + 1, skip)
  }
  let rows = pageRows(narrowing, offset)
  // Short between the pivots, yet rows follow the upper one: the sample placed it too early (rare), so sort every row.
  if (placed && rows.length <= query.limit) {
    checkpoint()
    rows = pageRows(null, query.offset)
  }
  if (query.count && total === null) {
    checkpoint()
    total = countRows(db, query, table, rows.length, filtered)
  }
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
 * few. In a column of numbers the extremes are numbers, in a column of dates dates, and the text
 * values in either that are not (markers such as b6, (b)(6) or N/A) are counted.
 */
export function columnStats(db: Database, datasetId: number, position: number, filters: readonly RowFilter[]): ColumnStats {
  const table = tableOf(db, datasetId)
  const columns = getDatasetColumns(db, datasetId)
  const column = datasetColumn(columns, position, 'column')
  const name = columnName(column.position)
  const filtered = rowFilterConditions(columns, filters)
  const where = filtered.sql.length ? ` WHERE ${filtered.sql.join(' AND ')}` : ''
  const value = isNumericColumn(column) ? numberIn(name) : isDateColumn(column) ? dateIn(name) : name
  const stats = COLUMN_STATS.one(
    db.prepare(
      `SELECT min(${value}) AS min, max(${value}) AS max, count(DISTINCT ${name}) AS distinct_values, sum(${name} IS NULL) AS empty,
         sum(typeof(${name}) = 'text' AND ${value} IS NULL) AS text_values FROM ${table}${where}`
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
    markers: isNumericColumn(column) || isDateColumn(column) ? (stats.text_values ?? 0) : 0,
    facets,
    spellings: Object.fromEntries(sharedSpellings(db, datasetId, column.position, [stats.min, stats.max, ...(facets ?? []).map((facet) => facet.value)]))
  }
}
