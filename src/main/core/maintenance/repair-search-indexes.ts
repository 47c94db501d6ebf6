import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { indexDatasetRows } from '../datasets/index-dataset-rows'
import type { Migration } from '../db/migrations/migration'
import { unwritablePhrase, unwritableReason } from '../db/open-unwritable'
import { pragmaValue, sqlRows, sqlValues } from '../db/sql-rows'
import { processIsAlive } from '../import/import-ledger'
import { InvalidRequest } from '../invalid-request'
import { assertIsArchive, openArchive } from '../open-archive'
import { RESTORE_WAY_OUT, firstLineOf, isDamage, reasonOf } from '../plain-failure'
import { checkArchive } from './check-archive'
import { keepPages, oneRestoreAtATime, removeDatabaseFiles, restoreRepairedCopy, type RestoreTarget } from './restore-archive'
import { fillDatasetSearch } from '../search/fill-dataset-search'
import { locateDamage, SEARCH_INDEXES, searchIndexTables, type SearchIndexName } from './search-index-damage'

/** What a repair did: the indexes it rebuilt, where the damaged content was kept, and what another program changed right after. */
export interface RepairOutcome {
  rebuilt: SearchIndexName[]
  keptAs: string
  changedSince: string[]
}

const WORK_MARK = '.repairing-'

function connect(path: string, readonly: boolean, nativeBinding: string | null): Db {
  return new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
}

/** The files a repair builds beside the archive, named after its process so a later repair can tell one a dead process left. */
function workPath(archivePath: string, what: string): string {
  return `${archivePath}${WORK_MARK}${process.pid}${what}`
}

/** Removes what repairs killed half-way left beside the archive; a live one's files are left alone. */
function clearDeadRepairs(archivePath: string): void {
  const prefix = `${basename(archivePath)}${WORK_MARK}`
  for (const name of readdirSync(dirname(archivePath))) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(\d+)/.exec(name.slice(prefix.length))?.[1])
    if (Number.isSafeInteger(pid) && pid !== process.pid && !processIsAlive(pid)) removeDatabaseFiles(join(dirname(archivePath), name))
  }
}

function rowCounts(db: Db, tables: readonly string[]): Map<string, number> {
  return new Map(tables.map((table) => [table, sqlValues('integer').one(db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck())]))
}

function ordinaryTables(db: Db): string[] {
  return sqlValues('text').all(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck())
}

/**
 * Takes the search indexes out of `raw` (a page copy of the damaged archive, this repair's own
 * file): their rows in SQLite's schema table are removed, so nothing reads their pages again.
 * Returns the statements that make each index anew, as the archive defined it.
 */
function dropIndexes(raw: string, nativeBinding: string | null): { table: string; sql: string }[] {
  const db = connect(raw, false, nativeBinding)
  try {
    const owned = [...searchIndexTables(db).keys()]
    const made = SEARCH_INDEXES.flatMap(({ table }) =>
      sqlRows({ sql: 'text' })
        .all(db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"), table)
        .map((row) => ({ table, sql: row.sql }))
    )
    // DROP TABLE would walk the damaged pages to free them, and fail on them; the unused pages
    // are left behind when the copy is vacuumed.
    db.unsafeMode(true)
    db.pragma('writable_schema = ON')
    const remove = db.prepare("DELETE FROM sqlite_schema WHERE type = 'table' AND name = ?")
    db.transaction(() => owned.forEach((name) => remove.run(name)))()
    db.pragma('writable_schema = OFF')
    return made
  } finally {
    db.close()
  }
}

/**
 * Makes `fresh` from `raw` with VACUUM INTO (every table but the search indexes, row for row,
 * rowids kept), checks that each table holds as many rows as before, then makes the indexes anew
 * from the content they index: FTS5's rebuild for articles and notes, and the datasets' rows
 * indexed again as an import indexes them (the time each dataset was first indexed is kept).
 */
function buildFresh(raw: string, fresh: string, made: readonly { table: string; sql: string }[], nativeBinding: string | null): void {
  const source = connect(raw, true, nativeBinding)
  let before: Map<string, number>
  try {
    before = rowCounts(source, ordinaryTables(source))
    source.prepare('VACUUM INTO ?').run(fresh)
  } finally {
    source.close()
  }
  const db = connect(fresh, false, nativeBinding)
  try {
    const after = rowCounts(db, [...before.keys()])
    const lost = [...before].filter(([table, rows]) => after.get(table) !== rows)
    if (lost.length > 0) throw new Error(`the copy holds other rows than the archive (${lost.map(([table]) => table).join(', ')})`)
    const indexedAt = sqlRows({ id: 'integer', at: 'text?' }).all(db.prepare('SELECT id, search_indexed_at AS at FROM datasets ORDER BY id'))
    db.transaction(() => {
      for (const { table, sql } of made) {
        db.exec(sql)
        // The datasets' index keeps its own copy of their names and sources, lost with it: it is filled from them.
        if (table === 'datasets_fts') fillDatasetSearch(db)
        else if (table !== 'dataset_rows_fts') db.prepare(`INSERT INTO ${table} (${table}) VALUES ('rebuild')`).run()
      }
      db.prepare('UPDATE datasets SET search_indexed_at = NULL').run()
    })()
    if (made.some((index) => index.table === 'dataset_rows_fts')) for (const { id } of indexedAt) indexDatasetRows(db, id)
    const keep = db.prepare('UPDATE datasets SET search_indexed_at = ? WHERE id = ?')
    db.transaction(() => indexedAt.forEach(({ id, at }) => at !== null && keep.run(at, id)))()
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/** Opens the repaired copy as Casefile opens an archive and runs the whole check on it: it must be sound, search indexes and all. */
async function verifyFresh(fresh: string, name: string, nativeBinding: string | null, migrations: readonly Migration[]): Promise<void> {
  const opened = await openArchive(fresh, { create: false, seedDir: null, nativeBinding, migrations, upgradeBackup: false })
  try {
    const report = opened.readOnly === null ? checkArchive(opened, false) : null
    if (report === null || !report.ok) {
      const problems = report === null ? [opened.readOnly?.message ?? ''] : [...report.integrity.filter((line) => line !== 'ok'), ...report.search.flatMap((index) => index.problem ?? [])]
      throw new InvalidRequest(`The copy of ${name} with its search indexes rebuilt did not pass its check (${problems.slice(0, 3).join('; ')}), so it was not put in place; nothing was changed.`)
    }
  } finally {
    opened.close()
  }
}

/**
 * Mends an archive whose damage lies only in its search indexes, which are derived data, without
 * ever writing into the damaged file: every other table is checked on its own first (any damage
 * there is refused, as today: only a backup can mend that). Then a copy of the archive's pages is
 * taken in one read, the indexes are taken out of it, the rest is vacuumed into a fresh file
 * beside the archive and the indexes are made again there; that file must pass Casefile's open and
 * its whole check. It is then put in place exactly as a restore does (see restoreArchive: under the
 * archive's write lock, the damaged content kept page for page beside it, the result read back),
 * but only if no other program wrote to the archive since it was read.
 */
export function repairSearchIndexes(target: RestoreTarget, migrations: readonly Migration[]): Promise<RepairOutcome> {
  return oneRestoreAtATime(target.path, () => repairOnce(target, migrations))
}

async function repairOnce(target: RestoreTarget, migrations: readonly Migration[]): Promise<RepairOutcome> {
  const name = basename(target.path)
  const unwritable = unwritableReason(target.path)
  if (unwritable !== null) {
    const where = unwritable === 'disk-full' ? `${name} cannot be written (${unwritablePhrase(name, unwritable)})` : unwritablePhrase(name, unwritable)
    throw new InvalidRequest(`${where}, so its search indexes cannot be rebuilt; nothing was changed.`)
  }
  try {
    assertIsArchive(target.path)
  } catch (error) {
    throw new InvalidRequest(firstLineOf(error))
  }
  clearDeadRepairs(target.path)
  const raw = workPath(target.path, '.pages')
  // Under a name of its own: a restore records it as where the content came from.
  const fresh = workPath(target.path, '.casefile')
  removeDatabaseFiles(raw)
  removeDatabaseFiles(fresh)
  const reader = connect(target.path, true, target.nativeBinding)
  try {
    const found = locateDamage(reader)
    if (found.elsewhere.length > 0) {
      throw new InvalidRequest(`${name} is damaged outside its search indexes (${found.elsewhere.slice(0, 3).join('; ')}), so rebuilding them cannot mend it; nothing was changed. Instead, ${RESTORE_WAY_OUT}`)
    }
    if (found.indexes.length === 0) {
      throw new InvalidRequest(`Casefile found no damaged search index in ${name}, so there is nothing to rebuild; nothing was changed. casefile check (File › Check archive) says what is wrong, if anything.`)
    }
    // One read: the copy and the version it is compared with later are of the same moment.
    reader.exec('BEGIN')
    let readAt: number
    try {
      sqlValues('integer').one(reader.prepare('SELECT count(*) FROM sqlite_schema').pluck())
      readAt = pragmaValue(reader, 'data_version', 'integer')
      await keepPages(reader, target.path, raw, target.nativeBinding, migrations)
    } finally {
      if (reader.inTransaction) reader.exec('COMMIT')
    }
    buildFresh(raw, fresh, dropIndexes(raw, target.nativeBinding), target.nativeBinding)
    removeDatabaseFiles(raw)
    await verifyFresh(fresh, name, target.nativeBinding, migrations)
    const stillAsRead = () => {
      if (pragmaValue(reader, 'data_version', 'integer') !== readAt) {
        throw new InvalidRequest(`${name} changed while its search indexes were being rebuilt (another program wrote to it, or another repair finished first); nothing was changed. casefile check says whether it still needs a repair.`)
      }
    }
    let outcome
    try {
      outcome = await restoreRepairedCopy(target, fresh, migrations, stillAsRead)
    } catch (error) {
      // The restore's refusals end "nothing was restored"; what the person asked for was a repair.
      if (error instanceof InvalidRequest) throw new InvalidRequest(error.message.replace(/(n|N)othing was restored\./, '$1othing was changed.'))
      throw error
    }
    return { rebuilt: found.indexes, keptAs: outcome.keptAs, changedSince: outcome.changedSince }
  } catch (error) {
    if (error instanceof InvalidRequest) throw error
    if (isDamage(error)) throw new InvalidRequest(`${name} is damaged outside its search indexes (${firstLineOf(error)}), so rebuilding them cannot mend it; nothing was changed. Instead, ${RESTORE_WAY_OUT}`)
    const code = (error as { code?: unknown }).code
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') throw new InvalidRequest(`There is no room beside ${name} for the copy a repair builds (the disk is full); nothing was changed.`)
    throw new InvalidRequest(`Casefile could not rebuild the search indexes of ${name}: ${reasonOf(error)}; nothing was changed.`)
  } finally {
    reader.close()
    removeDatabaseFiles(raw)
    removeDatabaseFiles(fresh)
  }
}

/** What a repair did, in the lines the CLI prints and the app's dialog shows. */
export function repairReport(archivePath: string, outcome: RepairOutcome): string[] {
  const indexes = outcome.rebuilt.join(', ')
  const lines = [
    `Rebuilt the ${indexes} search index${outcome.rebuilt.length === 1 ? '' : 'es'} of ${archivePath} in a checked copy and put it in place: its articles, notes, datasets and charts are as they were, and search and changes work again`,
    `The damaged file is kept as it was, as ${outcome.keptAs}; nothing in it is needed any more`
  ]
  if (outcome.changedSince.length > 0) lines.push(`Another program changed it right after the repair (${outcome.changedSince.slice(0, 3).join('; ')}); those changes are kept`)
  return lines
}
