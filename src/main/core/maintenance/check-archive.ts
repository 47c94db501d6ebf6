import { basename } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { Archive } from '../archive'
import { pragmaLines, pragmaValue, sqlRows, sqlValues } from '../db/sql-rows'
import { DATASET_ROW_KEY_FACTOR, datasetRowKeyRange } from '../search/dataset-row-key'
import { indexDatasetRows } from '../datasets/index-dataset-rows'
import { recoverInterruptedImports } from '../import/import-ledger'
import { InvalidRequest } from '../invalid-request'
import { archiveBusyMessage, firstLineOf, isBusy } from '../plain-failure'
import { fillDatasetSearch } from '../search/fill-dataset-search'
import { locateDamage, type SearchIndexName } from './search-index-damage'

export interface SearchIndexCheck {
  index: 'articles' | 'notes' | 'dataset rows' | 'datasets'
  ok: boolean
  /** What was wrong, in plain words, when not ok. */
  problem: string | null
  repaired: boolean
}

export interface ArchiveCheckReport {
  /** SQLite's PRAGMA integrity_check: "ok", or the problems it lists. */
  integrity: string[]
  search: SearchIndexCheck[]
  /** Ledger entries a dead process had left 'running', now settled. */
  ledgerSettled: number
  /**
   * Why the search indexes and the ledger were not checked, when the archive is open read-only
   * (their checks write); null when they were.
   */
  notChecked: string | null
  /**
   * The search indexes of a damaged archive whose damage lies in them alone, which a repair
   * (repairSearchIndexes) can make again without losing anything; empty otherwise.
   */
  repairable: SearchIndexName[]
  ok: boolean
}

// A check waits this long for another writer to finish, then says the archive is busy.
const LOCK_WAIT_MS = 1000

function failureOf(work: () => void): string | null {
  try {
    work()
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Datasets whose rows are still to be added to the search index. */
function pendingDatasets(db: Database): number[] {
  return sqlValues('integer').all(db.prepare('SELECT id FROM datasets WHERE search_indexed_at IS NULL').pluck())
}

/**
 * Datasets whose search entries do not number one per row (an index that fell out of step), and
 * entries left for datasets that are gone or hold no text.
 */
function datasetsOutOfStep(db: Database): number[] {
  const counted = sqlRows({ id: 'integer', n: 'integer' })
  const indexed = new Map(
    counted
      .all(
        db.prepare(
          `SELECT d.id, d.row_count AS n FROM datasets d
            WHERE d.search_indexed_at IS NOT NULL AND EXISTS (SELECT 1 FROM dataset_columns c WHERE c.dataset_id = d.id AND c.type = 'text')`
        )
      )
      .map((dataset) => [dataset.id, dataset.n])
  )
  const pending = new Set(pendingDatasets(db))
  const actual = new Map(
    counted.all(db.prepare(`SELECT rowid / ${DATASET_ROW_KEY_FACTOR} AS id, count(*) AS n FROM dataset_rows_fts GROUP BY 1`)).map((row) => [row.id, row.n])
  )
  const wrong = [...indexed].filter(([id, rows]) => (actual.get(id) ?? 0) !== rows).map(([id]) => id)
  const stray = [...actual.keys()].filter((id) => !indexed.has(id) && !pending.has(id))
  return [...wrong, ...stray]
}

function integrityOf(db: Database): string[] {
  // integrity_check also reads every row (CHECK constraints, the search indexes' own checks) and can
  // stop at the first unreadable one; quick_check then still lists the damaged pages.
  for (const check of ['integrity_check', 'quick_check']) {
    try {
      return pragmaLines(db, check)
    } catch (error) {
      // So damaged that SQLite cannot even walk it (its schema, say): that is the finding.
      if (check === 'quick_check') return [firstLineOf(error)]
    }
  }
  return []
}

/**
 * Runs `work` holding the archive's write lock: the search indexes' own integrity checks are
 * writes, and a repair must not interleave with another process's changes. Another writer that does
 * not finish within LOCK_WAIT_MS makes the check refuse with the busy sentence.
 */
function withWriteLock<T>(db: Database, name: string, work: () => T): T {
  const wait = pragmaValue(db, 'busy_timeout', 'integer')
  db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`)
  try {
    db.exec('BEGIN IMMEDIATE')
  } catch (error) {
    if (isBusy(error)) throw new InvalidRequest(archiveBusyMessage(name))
    throw error
  } finally {
    db.pragma(`busy_timeout = ${Math.trunc(wait)}`)
  }
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
}

function searchChecks(db: Database, repair: boolean): SearchIndexCheck[] {
  const search: SearchIndexCheck[] = []
  for (const [index, table] of [
    ['articles', 'articles_fts'],
    ['notes', 'notes_fts']
  ] as const) {
    // rank = 1 also compares the index with the text it was built from.
    const check = () => db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run()
    const problem = failureOf(check)
    let repaired = false
    if (problem !== null && repair) {
      db.prepare(`INSERT INTO ${table} (${table}) VALUES ('rebuild')`).run()
      repaired = failureOf(check) === null
    }
    search.push({ index, ok: problem === null, problem: problem === null ? null : `the ${index} search index does not match the ${index} (${problem})`, repaired })
  }
  const internal = failureOf(() => db.prepare("INSERT INTO dataset_rows_fts (dataset_rows_fts) VALUES ('integrity-check')").run())
  const outOfStep = internal === null ? datasetsOutOfStep(db) : []
  const rowsOk = internal === null && outOfStep.length === 0
  let rowsRepaired = false
  if (!rowsOk && repair) {
    // A contentless index cannot rebuild itself; the datasets' rows are indexed again.
    db.transaction(() => {
      if (internal !== null) {
        db.prepare('DELETE FROM dataset_rows_fts').run()
        db.prepare('UPDATE datasets SET search_indexed_at = NULL').run()
      } else {
        for (const id of outOfStep) {
          db.prepare('DELETE FROM dataset_rows_fts WHERE rowid >= ? AND rowid < ?').run(...datasetRowKeyRange(id))
          db.prepare('UPDATE datasets SET search_indexed_at = NULL WHERE id = ?').run(id)
        }
      }
    })()
    for (const id of pendingDatasets(db)) indexDatasetRows(db, id)
    rowsRepaired = datasetsOutOfStep(db).length === 0 && failureOf(() => db.prepare("INSERT INTO dataset_rows_fts (dataset_rows_fts) VALUES ('integrity-check')").run()) === null
  }
  search.push({
    index: 'dataset rows',
    ok: rowsOk,
    problem: rowsOk ? null : internal !== null ? `the dataset rows search index is damaged (${internal})` : `the search index is out of step with ${outOfStep.length} dataset${outOfStep.length === 1 ? '' : 's'}`,
    repaired: rowsRepaired
  })
  // The datasets' names and sources: rank = 1 compares the index with the copy of them it keeps,
  // and each dataset must have its one entry; a repair fills it again from the datasets themselves.
  const datasetsCheck = () => {
    db.prepare("INSERT INTO datasets_fts (datasets_fts, rank) VALUES ('integrity-check', 1)").run()
    const missing = sqlValues('integer').one(
      db.prepare(`SELECT (SELECT count(*) FROM datasets d WHERE NOT EXISTS (SELECT 1 FROM datasets_fts f WHERE f.rowid = d.id))
                       + (SELECT count(*) FROM datasets_fts f WHERE NOT EXISTS (SELECT 1 FROM datasets d WHERE d.id = f.rowid))`).pluck()
    )
    if (missing > 0) throw new Error(`${missing} ${missing === 1 ? 'entry is' : 'entries are'} out of step with the datasets`)
  }
  const datasetsProblem = failureOf(datasetsCheck)
  let datasetsRepaired = false
  if (datasetsProblem !== null && repair) {
    db.transaction(() => fillDatasetSearch(db))()
    datasetsRepaired = failureOf(datasetsCheck) === null
  }
  search.push({ index: 'datasets', ok: datasetsProblem === null, problem: datasetsProblem === null ? null : `the datasets search index is damaged (${datasetsProblem})`, repaired: datasetsRepaired })
  return search
}

/**
 * Runs SQLite's integrity check and FTS5's on every search index, compares the row index with the
 * datasets it covers, and, when `repair` is set, rebuilds any search index that is out of step
 * (the index is derived data: rebuilding it loses nothing). Also settles interrupted imports. An
 * archive open read-only gets the integrity check alone (the other checks write); a busy one is
 * refused with the busy sentence rather than misreported as damaged.
 */
export function checkArchive(archive: Archive, repair: boolean): ArchiveCheckReport {
  const { db } = archive
  if (archive.readOnly !== null) {
    const integrity = integrityOf(db)
    const found = archive.readOnly.reason === 'damaged' ? locateDamage(db) : null
    const repairable = found !== null && found.elsewhere.length === 0 ? found.indexes : []
    return { integrity, search: [], ledgerSettled: 0, notChecked: archive.readOnly.message, repairable, ok: integrity.length === 1 && integrity[0] === 'ok' }
  }
  return withWriteLock(db, basename(archive.path), () => {
    const integrity = integrityOf(db)
    const search = searchChecks(db, repair)
    const ledgerSettled = recoverInterruptedImports(db)
    return { integrity, search, ledgerSettled, notChecked: null, repairable: [], ok: integrity.length === 1 && integrity[0] === 'ok' && search.every((index) => index.ok || index.repaired) }
  })
}
