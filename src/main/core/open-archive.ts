import { closeSync, existsSync, lstatSync, openSync, readlinkSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { ArchiveOpenError } from './archive-open-error'
import type { Archive, ReadOnlyState } from './archive'
import { backupDatabase } from './db/backup-database'
import { FileExistsError, publishFile } from './fs/publish-file'
import { writableFolderProblem } from './fs/writable-folder'
import { checkOnOpen, FULL_CHECK_PAGES } from './db/check-on-open'
import { applyConnectionPragmas } from './db/connection-pragmas'
import { CASEFILE_APPLICATION_ID, parseSqliteHeader, type SqliteHeader } from './db/identity'
import { MigrationFailed, migrate, schemaVersion, trialMigrate } from './db/migrate'
import type { Migration } from './db/migrations/migration'
import { indexPendingDatasets } from './datasets/index-dataset-rows'
import { missingStructure } from './db/missing-structure'
import { recoverInterruptedImports } from './import/import-ledger'
import { setMeta } from './meta/meta-queries'
import { seedArchive } from './seed/seed-archive'
import { APP_VERSION } from './app-version'
import { archiveBusyMessage, firstLineOf, isBusy, isDamage, reasonOf } from './plain-failure'
import { damagedState, unwritableState } from './read-only-state'
import { clearStaleCompanions, openUnwritable, unwritablePhrase, unwritableReason, unwritableWayOut } from './db/open-unwritable'

const READ_CACHE_KIB = 65536

export interface OpenArchiveOptions {
  /** Create (and seed) the archive when no file exists at the path. */
  create: boolean
  /** Folder holding manifest.json and the sample files; null creates an empty archive. */
  seedDir: string | null
  /** Path of a better-sqlite3 build for this runtime (Electron's ABI); null = the default build. */
  nativeBinding: string | null
  /** The schema steps to apply; production passes MIGRATIONS, tests may pass their own. */
  migrations: readonly Migration[]
  /**
   * Take a checked backup beside the archive before upgrading its format. Only a throwaway copy
   * that is opened to be checked (what a restore does with a backup) goes without.
   */
  upgradeBackup: boolean
}

function connect(path: string, nativeBinding: string | null, fileMustExist: boolean, readonly: boolean): Db {
  return new Database(path, { fileMustExist, readonly, ...(nativeBinding ? { nativeBinding } : {}) })
}

function readHeader(path: string): Uint8Array {
  const bytes = new Uint8Array(100)
  const fd = openSync(path, 'r')
  try {
    const read = readSync(fd, bytes, 0, 100, 0)
    return bytes.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/**
 * Checks, without writing a byte, that the file at `path` is a Casefile archive, and returns its
 * header. Anything else (a spreadsheet, an empty file, another app's SQLite database) is refused.
 */
export function assertIsArchive(path: string): SqliteHeader {
  const name = basename(path)
  let header: Uint8Array
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) {
      throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: it is a folder, not an archive file.`)
    }
    // Reading a named pipe or a device would wait for a writer that may never come.
    if (!stat.isFile()) throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: it is not a regular file (a named pipe, socket or device), not an archive file.`)
    header = readHeader(path)
  } catch (error) {
    if (error instanceof ArchiveOpenError) throw error
    throw new ArchiveOpenError('unreadable', `Casefile can't read ${name}: ${reasonOf(error)}.`)
  }
  const parsed = parseSqliteHeader(header)
  if (!parsed.isSqlite) {
    const what = header.length === 0 ? 'the file is empty' : 'it is not an SQLite database'
    throw new ArchiveOpenError('not-an-archive', `${name} is not a Casefile archive (${what}). Nothing was changed.`)
  }
  if (parsed.applicationId !== CASEFILE_APPLICATION_ID) {
    throw new ArchiveOpenError(
      'not-an-archive',
      `${name} is an SQLite database from another program, not a Casefile archive. Nothing was changed.`
    )
  }
  return parsed
}

/**
 * Builds the search index of datasets whose import stopped after their rows were published. A busy
 * archive (another Casefile indexing it right now) is left for the next open.
 */
function finishSearchIndexes(db: Db, name: string): void {
  if (!db.prepare("SELECT 1 FROM pragma_table_info('datasets') WHERE name = 'search_indexed_at'").get()) return
  try {
    indexPendingDatasets(db)
  } catch (error) {
    console.warn(`Casefile could not finish the search index of ${name} now: ${reasonOf(error)}`)
  }
}

/**
 * True when something has the name `path`. A symbolic link to nothing (an archive on a drive that
 * is not connected) or a loop of links is refused: creating a new archive there would replace it.
 */
function entryExists(path: string, name: string): boolean {
  try {
    if (!lstatSync(path).isSymbolicLink()) return true
  } catch {
    return false
  }
  try {
    statSync(path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const what = code === 'ENOENT' ? `it is a link to ${readlinkSync(path)}, which is not there (a drive not connected?)` : reasonOf(error)
    throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${what}. Nothing was changed.`)
  }
}

/**
 * Builds a new archive in a temporary file and moves it into place only when it is complete,
 * so a crash during creation never leaves a half-made archive under the user's chosen name. It is
 * put in place only while the name is free: if another process made the archive meanwhile, that
 * one is opened.
 */
async function createArchiveFile(path: string, options: OpenArchiveOptions): Promise<void> {
  const temp = `${path}.creating-${process.pid}`
  rmSync(temp, { force: true })
  const db = connect(temp, options.nativeBinding, false, false)
  try {
    // Set in rollback-journal mode so the identity is in the main file's header at once.
    db.pragma('journal_mode = DELETE')
    db.pragma(`application_id = ${CASEFILE_APPLICATION_ID}`)
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = FULL')
    migrate(db, options.migrations)
    const now = new Date().toISOString()
    db.transaction(() => {
      setMeta(db, 'created_at', now)
      setMeta(db, 'created_by', `Casefile ${APP_VERSION}`)
    })()
    if (options.seedDir) await seedArchive(db, options.seedDir)
    db.pragma('journal_mode = WAL')
    db.close()
    try {
      publishFile(temp, path, false)
    } catch (error) {
      if (!(error instanceof FileExistsError)) throw error
      rmSync(temp, { force: true })
    }
  } catch (error) {
    if (db.open) db.close()
    rmSync(temp, { force: true })
    rmSync(`${temp}-wal`, { force: true })
    rmSync(`${temp}-shm`, { force: true })
    throw error
  }
}

/** The sentence that refuses an archive written by a newer Casefile. */
export function newerArchiveMessage(name: string, version: number, latest: number): string {
  return (
    `${name} was written by a newer version of Casefile (archive format ${version}; this version reads up to ${latest}). ` +
    'Update Casefile to open it. Nothing was changed.'
  )
}

/**
 * Where the backup taken before upgrading an archive to `version` goes: one name per version, so
 * trying the same upgrade again never piles up copies. A name already taken (by a copy of other
 * content that happens to sit there) is never overwritten; the new copy gets the time as well.
 */
function preMigrationBackupPath(path: string, version: number): string {
  const plain = `${path}.before-v${version}.backup`
  if (!existsSync(plain)) return plain
  return `${path}.before-v${version}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}.backup`
}

/**
 * Upgrades the archive's format. The steps are first tried and rolled back, so a step that cannot
 * succeed is reported before anything is written, backup included; then a checked backup is taken
 * and every step commits in one transaction.
 */
function upgrade(db: Db, path: string, name: string, options: OpenArchiveOptions): void {
  const from = schemaVersion(db)
  try {
    trialMigrate(db, options.migrations)
  } catch (error) {
    if (error instanceof MigrationFailed) throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${error.describe()}. Nothing was changed.`)
    throw error
  }
  const backup = options.upgradeBackup ? preMigrationBackupPath(path, options.migrations.length) : null
  if (backup !== null) backupDatabase(db, name, backup, options.nativeBinding)
  try {
    migrate(db, options.migrations)
  } catch (error) {
    if (!(error instanceof MigrationFailed)) throw error
    const kept = backup === null ? '' : `; the copy taken before the upgrade is ${basename(backup)}`
    throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${error.describe()}. The archive was left at format ${from}${kept}.`)
  }
}

/**
 * Refuses an archive that lacks tables or columns of its format (see missingStructure). Damage that
 * stops the schema from being read is left for the check on open to find and say.
 */
function refuseIfIncomplete(db: Db, name: string, migrations: readonly Migration[], nativeBinding: string | null): void {
  let missing: string[]
  try {
    missing = missingStructure(db, migrations, nativeBinding)
  } catch (error) {
    if (isDamage(error)) return
    throw error
  }
  if (missing.length === 0) return
  const listed = `${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`
  throw new ArchiveOpenError(
    'unreadable',
    `Casefile can't open ${name}: it lacks part of an archive's structure (${listed}), so this version of Casefile cannot use it. Nothing was changed. Bring back a backup with casefile restore FROM.`
  )
}

/**
 * The archive's format. PRAGMA user_version sees a version committed in the WAL; when damage stops
 * SQLite from answering, the main file's header says what it last knew.
 */
function versionOf(db: Db, header: SqliteHeader): number {
  try {
    return schemaVersion(db)
  } catch (error) {
    if (isDamage(error)) return header.userVersion
    throw error
  }
}

/** The connection's settings, then the bounded check; damage that stops either of them is the finding. */
function settleAndCheck(db: Db, readOnlyMedia: boolean): string | null {
  try {
    if (!readOnlyMedia) applyConnectionPragmas(db)
    return checkOnOpen(db, FULL_CHECK_PAGES)
  } catch (error) {
    if (isDamage(error)) return firstLineOf(error)
    throw error
  }
}

function archiveOf(path: string, db: Db, nativeBinding: string | null, readOnly: ReadOnlyState | null): Archive {
  return {
    path,
    db,
    nativeBinding,
    readOnly,
    close() {
      if (db.open) db.close()
    }
  }
}

/**
 * Opens the archive at `path`, creating and seeding it first when it does not exist and `create` is
 * set. Every open runs a bounded integrity check: a damaged archive opens read-only (so nothing is
 * written over the damage) and says so; so does an archive on read-only media.
 */
export async function openArchive(path: string, options: OpenArchiveOptions): Promise<Archive> {
  const absolute = resolve(path)
  const name = basename(absolute)
  if (!entryExists(absolute, name)) {
    if (!options.create) {
      throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: the file does not exist (${absolute}).`)
    }
    // No folder is made: a mistyped path is said, not filled with new folders and a new archive.
    const folderProblem = writableFolderProblem(absolute)
    if (folderProblem !== null) throw new ArchiveOpenError('unreadable', `Casefile can't create ${name}: ${folderProblem}.`)
    try {
      await createArchiveFile(absolute, options)
    } catch (error) {
      if (error instanceof ArchiveOpenError) throw error
      throw new ArchiveOpenError('unreadable', `Casefile can't create ${name} in ${dirname(absolute)}: ${reasonOf(error)}.`)
    }
  }
  const header = assertIsArchive(absolute)
  clearStaleCompanions(absolute)
  const unwritable = unwritableReason(absolute)
  const readOnlyMedia = unwritable !== null

  let db: Db
  try {
    db = unwritable !== null ? openUnwritable(absolute, name, options.nativeBinding, unwritable) : connect(absolute, options.nativeBinding, true, false)
  } catch (error) {
    if (error instanceof ArchiveOpenError) throw error
    throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${reasonOf(error)}.`)
  }
  try {
    const latest = options.migrations.length
    const version = versionOf(db, header)
    if (version > latest) throw new ArchiveOpenError('newer-archive', newerArchiveMessage(name, version, latest))
    // Before anything is set on the connection (WAL rewrites the header), so a refusal changes nothing.
    if (version === latest) refuseIfIncomplete(db, name, options.migrations, options.nativeBinding)
    const problem = settleAndCheck(db, readOnlyMedia)
    if (problem !== null || unwritable !== null) {
      if (version < latest) {
        const why = problem !== null ? 'it is damaged' : unwritablePhrase(name, unwritable!)
        throw new ArchiveOpenError(
          'unreadable',
          `Casefile can't open ${name}: it is in an older format (${version}) that must be upgraded to ${latest}, and ${why}, so it cannot be upgraded. Nothing was changed. ` +
            (problem !== null ? 'Bring back a backup with casefile restore FROM.' : unwritableWayOut(unwritable!))
        )
      }
      if (problem === null) return archiveOf(absolute, db, options.nativeBinding, unwritableState(name, unwritable!))
      if (unwritable === null) {
        // Reopened for reading only, so no code path can write over the damage.
        db.close()
        db = connect(absolute, options.nativeBinding, true, true)
        settleAndCheck(db, false)
      }
      return archiveOf(absolute, db, options.nativeBinding, damagedState(name))
    }
    // The connection that answers the window's reads keeps a 64 MB page cache (SQLite's default
    // here is 16 MB), so the index of a million-row chart stays in memory between redraws.
    db.pragma(`cache_size = -${READ_CACHE_KIB}`)
    if (version < latest) {
      upgrade(db, absolute, name, options)
      refuseIfIncomplete(db, name, options.migrations, options.nativeBinding)
    }
    recoverInterruptedImports(db)
    finishSearchIndexes(db, name)
  } catch (error) {
    db.close()
    if (error instanceof ArchiveOpenError) throw error
    if (isBusy(error)) throw new ArchiveOpenError('unreadable', `Casefile can't open ${name} now: ${archiveBusyMessage(name)}`)
    throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${reasonOf(error)}.`)
  }
  return archiveOf(absolute, db, options.nativeBinding, null)
}
