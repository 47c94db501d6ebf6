import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { ArchiveOpenError } from './archive-open-error'
import type { Archive } from './archive'
import { backupDatabase } from './db/backup-database'
import { applyConnectionPragmas } from './db/connection-pragmas'
import { CASEFILE_APPLICATION_ID, parseSqliteHeader } from './db/identity'
import { migrate, schemaVersion } from './db/migrate'
import type { Migration } from './db/migrations/migration'
import { indexPendingDatasets } from './datasets/index-dataset-rows'
import { recoverInterruptedImports } from './import/import-ledger'
import { setMeta } from './meta/meta-queries'
import { seedArchive } from './seed/seed-archive'
import { APP_VERSION } from './app-version'

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
}

function connect(path: string, nativeBinding: string | null, fileMustExist: boolean): Db {
  return new Database(path, { fileMustExist, ...(nativeBinding ? { nativeBinding } : {}) })
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOENT') return 'the file does not exist'
  if (code === 'EISDIR') return 'it is a folder, not a file'
  if (code === 'EROFS') return 'the disk is read-only'
  if (code === 'ENOSPC') return 'the disk is full'
  return error instanceof Error ? error.message : String(error)
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
 * Checks, without writing a byte, that the file at `path` is a Casefile archive.
 * Anything else (a spreadsheet, an empty file, another app's SQLite database) is refused.
 */
export function assertIsArchive(path: string): void {
  const name = basename(path)
  let header: Uint8Array
  try {
    if (statSync(path).isDirectory()) {
      throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: it is a folder, not an archive file.`)
    }
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

function backupName(path: string, fromVersion: number): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
  return `${path}.before-v${fromVersion + 1}-${stamp}.backup`
}

/**
 * Builds a new archive in a temporary file and moves it into place only when it is complete,
 * so a crash during creation never leaves a half-made archive under the user's chosen name.
 */
async function createArchiveFile(path: string, options: OpenArchiveOptions): Promise<void> {
  const temp = `${path}.creating-${process.pid}`
  rmSync(temp, { force: true })
  const db = connect(temp, options.nativeBinding, false)
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
    renameSync(temp, path)
  } catch (error) {
    if (db.open) db.close()
    rmSync(temp, { force: true })
    rmSync(`${temp}-wal`, { force: true })
    rmSync(`${temp}-shm`, { force: true })
    throw error
  }
}

/** Opens the archive at `path`, creating and seeding it first when it does not exist and `create` is set. */
export async function openArchive(path: string, options: OpenArchiveOptions): Promise<Archive> {
  const absolute = resolve(path)
  const name = basename(absolute)
  if (!existsSync(absolute)) {
    if (!options.create) {
      throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: the file does not exist (${absolute}).`)
    }
    try {
      mkdirSync(dirname(absolute), { recursive: true })
      await createArchiveFile(absolute, options)
    } catch (error) {
      if (error instanceof ArchiveOpenError) throw error
      throw new ArchiveOpenError('unreadable', `Casefile can't create ${name} in ${dirname(absolute)}: ${reasonOf(error)}.`)
    }
  }
  assertIsArchive(absolute)

  let db: Db
  try {
    db = connect(absolute, options.nativeBinding, true)
  } catch (error) {
    throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${reasonOf(error)}.`)
  }
  try {
    const latest = options.migrations.length
    const version = schemaVersion(db)
    if (version > latest) {
      throw new ArchiveOpenError(
        'newer-archive',
        `${name} was written by a newer version of Casefile (archive format ${version}; this version reads up to ${latest}). ` +
          'Update Casefile to open it. Nothing was changed.'
      )
    }
    applyConnectionPragmas(db)
    // The connection that answers the window's reads keeps a 64 MB page cache (SQLite's default
    // here is 16 MB), so the index of a million-row chart stays in memory between redraws.
    db.pragma(`cache_size = -${READ_CACHE_KIB}`)
    if (version < latest) {
      backupDatabase(db, backupName(absolute, version), options.nativeBinding)
      migrate(db, options.migrations)
    }
    recoverInterruptedImports(db)
    finishSearchIndexes(db, name)
  } catch (error) {
    db.close()
    if (error instanceof ArchiveOpenError) throw error
    throw new ArchiveOpenError('unreadable', `Casefile can't open ${name}: ${reasonOf(error)}.`)
  }
  const opened = db
  return {
    path: absolute,
    db: opened,
    nativeBinding: options.nativeBinding,
    close() {
      if (opened.open) opened.close()
    }
  }
}
