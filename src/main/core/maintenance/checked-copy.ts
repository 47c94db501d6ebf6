import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { ArchiveOpenError } from '../archive-open-error'
import { schemaVersion } from '../db/migrate'
import type { Migration } from '../db/migrations/migration'
import { openUnwritable, unwritableReason } from '../db/open-unwritable'
import { pragmaLines } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'
import { setMeta } from '../meta/meta-queries'
import { openArchive } from '../open-archive'
import { firstLineOf, isDamage, reasonOf } from '../plain-failure'
import { fingerprint, type Fingerprint } from './archive-fingerprint'

/** The meta row a restore leaves in the archive: which restore put the content there. */
export const RESTORE_MARK_KEY = 'last_restore'

/** A backup copied beside the archive and checked as opening it would be: what a restore copies in. */
export interface CheckedCopy {
  /** A read-only connection to the copy, the source of the page copy. */
  source: Db
  /** What the archive must hold once the copy is in. */
  expected: Fingerprint
  /** The mark (RESTORE_MARK_KEY) this restore wrote into the copy: found in the archive, the copy is there. */
  mark: string
  /** Closes the connection and removes the copy. */
  discard(): void
}

/**
 * The folder a restore works in, beside the archive and named after the process that owns it, so a
 * restore killed half-way (kill -9, a power cut) leaves files the next one can tell apart from those
 * of a restore still running, and remove.
 */
export function restoreWorkName(archivePath: string, what: string): string {
  return `${archivePath}.restoring-${process.pid}${what}`
}

function connect(path: string, readonly: boolean, nativeBinding: string | null): Db {
  return new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
}

/**
 * Copies the backup at `from` into `copyPath` with VACUUM INTO, reading it without a trace: it is
 * opened read-only, the -wal and -shm files SQLite makes beside a WAL file to read it are removed
 * again, and one on read-only media is read in place or into memory, as opening it would.
 */
function vacuumInto(from: string, copyPath: string, nativeBinding: string | null): void {
  const made = [`${from}-wal`, `${from}-shm`].filter((file) => !existsSync(file))
  const unwritable = unwritableReason(from)
  const source = unwritable === null ? connect(from, true, nativeBinding) : openUnwritable(from, basename(from), nativeBinding, unwritable)
  try {
    source.prepare('VACUUM INTO ?').run(copyPath)
  } finally {
    source.close()
    for (const file of made) {
      // Only what this read made: an empty WAL and the index of it.
      if (file.endsWith('-shm') || (existsSync(file) && statSync(file).size === 0)) rmSync(file, { force: true })
    }
  }
}

/** Gives the copy the archive's page size: SQLite copies pages only between databases whose pages are the same size. */
function matchPageSize(copyPath: string, pageSize: number, nativeBinding: string | null): void {
  const copy = connect(copyPath, false, nativeBinding)
  try {
    if (copy.pragma('page_size', { simple: true }) === pageSize) return
    // A VACUUM INTO copy is in rollback-journal mode, where VACUUM may change the page size.
    copy.pragma(`page_size = ${Math.trunc(pageSize)}`)
    copy.exec('VACUUM')
  } finally {
    copy.close()
  }
}

/** The words of a refusal from opening the copy, said of the backup ("…; nothing was restored."). */
function refusalOf(error: ArchiveOpenError, fromName: string): InvalidRequest {
  const reason = error.message
    .replace(/^Casefile can't open [^:]+: /, '')
    .replace(/\s*Nothing was changed\..*$/s, '')
    .replace(/\.$/, '')
  return new InvalidRequest(`${fromName} cannot be opened by this version of Casefile: ${reason}; nothing was restored.`)
}

function integrityProblems(copyPath: string, nativeBinding: string | null): string[] {
  // Read-write: on a read-only connection SQLite's integrity_check skips the CHECK constraints.
  const copy = connect(copyPath, false, nativeBinding)
  try {
    return pragmaLines(copy, 'integrity_check(3)').filter((line) => line !== 'ok')
  } finally {
    copy.close()
  }
}

/**
 * Copies the backup at `from` beside the archive and checks the copy exactly as opening it would:
 * a Casefile archive, not newer than this version, upgraded by the migrations, with every table and
 * column of its format, recovered and indexed as an open does, and its whole integrity checked
 * (opening checks only part of a big archive). The copy gets the archive's page size and a mark of
 * this restore in its meta table. Anything refused is said of the backup, and nothing is left behind.
 */
export async function checkedCopy(from: string, archivePath: string, pageSize: number, migrations: readonly Migration[], nativeBinding: string | null): Promise<CheckedCopy> {
  const fromName = basename(from)
  const folder = restoreWorkName(archivePath, '')
  rmSync(folder, { recursive: true, force: true })
  // Under the backup's own name, so what opening the copy says names the backup.
  const copyPath = join(folder, fromName)
  let source: Db | null = null
  const discard = () => {
    if (source?.open) source.close()
    rmSync(folder, { recursive: true, force: true })
  }
  try {
    mkdirSync(folder)
    vacuumInto(from, copyPath, nativeBinding)
    matchPageSize(copyPath, pageSize, nativeBinding)
    const version = (() => {
      const copy = connect(copyPath, true, nativeBinding)
      try {
        return schemaVersion(copy)
      } finally {
        copy.close()
      }
    })()
    if (version > migrations.length) {
      throw new InvalidRequest(`${fromName} was written by a newer version of Casefile (archive format ${version}; this version reads up to ${migrations.length}); nothing was restored.`)
    }
    let opened
    try {
      opened = await openArchive(copyPath, { create: false, seedDir: null, nativeBinding, migrations, upgradeBackup: false })
    } catch (error) {
      if (error instanceof ArchiveOpenError) throw refusalOf(error, fromName)
      throw error
    }
    const mark = randomUUID()
    try {
      if (opened.readOnly?.reason === 'damaged') throw new InvalidRequest(`${fromName} is damaged or incomplete; nothing was restored.`)
      if (opened.readOnly !== null) throw Object.assign(new Error('no room for the checked copy'), { code: 'SQLITE_FULL' })
      setMeta(opened.db, RESTORE_MARK_KEY, JSON.stringify({ id: mark, from: fromName, at: new Date().toISOString() }))
    } finally {
      opened.close()
    }
    const problems = integrityProblems(copyPath, nativeBinding)
    if (problems.length > 0) throw new InvalidRequest(`${fromName} is damaged or incomplete (${problems.join('; ')}); nothing was restored.`)
    source = connect(copyPath, true, nativeBinding)
    return { source, expected: fingerprint(source), mark, discard }
  } catch (error) {
    discard()
    if (error instanceof InvalidRequest) throw error
    if (error instanceof ArchiveOpenError) throw new InvalidRequest(`${error.message} Nothing was restored.`)
    if (isDamage(error)) throw new InvalidRequest(`${fromName} is damaged or incomplete (${firstLineOf(error)}); nothing was restored.`)
    const code = (error as { code?: unknown }).code
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      throw new InvalidRequest(`There is no room beside ${basename(archivePath)} for the copy of ${fromName} that a restore checks first (the disk is full); nothing was restored.`)
    }
    throw new InvalidRequest(`Casefile could not read the backup ${fromName}: ${reasonOf(error)}; nothing was restored.`)
  }
}
