import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import type { Archive } from '../archive'
import { MigrationFailed, migrate, schemaVersion } from '../db/migrate'
import type { Migration } from '../db/migrations/migration'
import { pragmaLines, pragmaValue, sqlValues } from '../db/sql-rows'
import { isSameFile } from '../fs/same-file'
import { processIsAlive } from '../import/import-ledger'
import { InvalidRequest } from '../invalid-request'
import { assertIsArchive } from '../open-archive'
import { archiveBusyMessage, firstLineOf, isBusy, isDamage, reasonOf } from '../plain-failure'

/** What a restore did: the backup the archive now holds, and where its previous content was kept. */
export interface RestoreOutcome {
  from: string
  keptAs: string
}

// sqlite3_backup_step copies this many pages at most per call: everything, in one step.
const ALL_PAGES = 0x7fffffff
// "At once": a writer that finishes within half a second (an autosave) is waited for; an import is not.
const BUSY_ATTEMPTS = 5
const BUSY_PAUSE_MS = 100

/** What must match between the backup and the archive after a restore. */
interface Fingerprint {
  version: number
  pages: number
  /** Rows of every ordinary table (the search indexes' shadow tables included), by name. */
  rows: Record<string, number>
}

function fingerprint(db: Db): Fingerprint {
  const tables = sqlValues('text').all(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck())
  const rows: Record<string, number> = {}
  for (const table of tables) rows[table] = sqlValues('integer').one(db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck())
  return { version: schemaVersion(db), pages: pragmaValue(db, 'page_count', 'integer'), rows }
}

function differences(expected: Fingerprint, actual: Fingerprint): string[] {
  const found: string[] = []
  if (expected.version !== actual.version) found.push(`format ${actual.version}, not ${expected.version}`)
  if (expected.pages !== actual.pages) found.push(`${actual.pages} pages, not ${expected.pages}`)
  for (const table of new Set([...Object.keys(expected.rows), ...Object.keys(actual.rows)])) {
    if (expected.rows[table] !== actual.rows[table]) found.push(`${table}: ${actual.rows[table] ?? 'missing'} rows, not ${expected.rows[table] ?? 'none'}`)
  }
  return found
}

/**
 * Where a restore keeps its temporary files, beside the archive and named after the process that
 * owns them, so a restore killed half-way (kill -9, a power cut) leaves files the next one can tell
 * apart from those of a restore still running, and remove.
 */
function temporaryPath(archivePath: string, what: 'checked' | 'kept'): string {
  return `${archivePath}.restoring-${process.pid}.${what}`
}

/** Removes what restores that died half-way left beside the archive (a full-size copy each). */
function removeLeftovers(archivePath: string): void {
  const prefix = `${basename(archivePath)}.restoring-`
  for (const name of readdirSync(dirname(archivePath))) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(\d+)\./.exec(name.slice(prefix.length))?.[1])
    if (Number.isSafeInteger(pid) && pid !== process.pid && !processIsAlive(pid)) rmSync(join(dirname(archivePath), name), { force: true })
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true })
}

function connect(path: string, readonly: boolean, nativeBinding: string | null): Db {
  return new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
}

/**
 * Copies the backup beside the archive and checks the copy exactly as opening it would, migrations
 * included: a Casefile archive, whole (integrity_check), not newer than this version, and upgradable.
 * Returns the checked copy (in WAL mode, like the archive) and what the restored archive must match.
 */
function preparedCopy(from: string, archivePath: string, migrations: readonly Migration[], nativeBinding: string | null): { path: string; expected: Fingerprint } {
  const fromName = basename(from)
  const temp = temporaryPath(archivePath, 'checked')
  removeDatabaseFiles(temp)
  try {
    const source = connect(from, true, nativeBinding)
    try {
      source.prepare('VACUUM INTO ?').run(temp)
    } finally {
      source.close()
    }
    const copy = connect(temp, false, nativeBinding)
    try {
      const integrity = pragmaLines(copy, 'integrity_check(3)')
      if (integrity.join() !== 'ok') throw new InvalidRequest(`${fromName} is damaged or incomplete (${integrity.join('; ')}); nothing was restored.`)
      const version = schemaVersion(copy)
      if (version > migrations.length) {
        throw new InvalidRequest(`${fromName} was written by a newer version of Casefile (archive format ${version}; this version reads up to ${migrations.length}); nothing was restored.`)
      }
      try {
        migrate(copy, migrations)
      } catch (error) {
        if (error instanceof MigrationFailed) throw new InvalidRequest(`${fromName} cannot be opened by this version of Casefile: ${error.describe()}; nothing was restored.`)
        throw error
      }
      copy.pragma('journal_mode = WAL')
      return { path: temp, expected: fingerprint(copy) }
    } finally {
      copy.close()
    }
  } catch (error) {
    removeDatabaseFiles(temp)
    if (error instanceof InvalidRequest) throw error
    if (isDamage(error)) throw new InvalidRequest(`${fromName} is damaged or incomplete (${firstLineOf(error)}); nothing was restored.`)
    const code = (error as { code?: unknown }).code
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      throw new InvalidRequest(`There is no room beside ${basename(archivePath)} for the copy of ${fromName} that a restore checks first (the disk is full); nothing was restored.`)
    }
    throw new InvalidRequest(`Casefile could not read the backup ${fromName}: ${reasonOf(error)}; nothing was restored.`)
  }
}

/**
 * Copies every page of `sourcePath` over the archive at `archivePath` through SQLite's backup API,
 * in one transaction on the archive: other connections see the old content or the new, never a mix.
 * The first step takes the archive's write lock and copies nothing; `whileLocked` then runs with no
 * other writer able to change the archive, and only after it the pages are copied. Resolves to
 * 'busy' when another connection holds the write lock (nothing was written), else to the page counts.
 */
async function copyPagesUnderLock(
  sourcePath: string,
  archivePath: string,
  nativeBinding: string | null,
  whileLocked: () => Promise<void>
): Promise<'busy' | { totalPages: number; remainingPages: number }> {
  const source = connect(sourcePath, true, nativeBinding)
  try {
    let phase: 'locking' | 'holding' | 'copying' = 'locking'
    let failure: { error: unknown } | null = null
    const progress = await source.backup(archivePath, {
      progress: () => {
        if (failure !== null) throw failure.error
        if (phase === 'locking') {
          phase = 'holding'
          whileLocked().then(
            () => (phase = 'copying'),
            (error: unknown) => (failure = { error })
          )
        }
        // Zero pages keeps the lock (and the transaction) without copying anything yet.
        return phase === 'copying' ? ALL_PAGES : 0
      }
    })
    // better-sqlite3 treats SQLITE_BUSY as a step to retry; on the very first step it reports no
    // pages at all and resolves as if done. A real archive always has pages.
    return progress.totalPages === 0 ? 'busy' : progress
  } finally {
    source.close()
  }
}

/**
 * The archive's current pages, exactly as they are (damage included), copied to a new file `target`:
 * written under a temporary name and renamed once whole, so `--undo` never finds half a copy.
 */
async function keepPages(archive: Archive, target: string): Promise<void> {
  const temp = temporaryPath(archive.path, 'kept')
  removeDatabaseFiles(temp)
  try {
    const copied = await archive.db.backup(temp, { progress: () => ALL_PAGES })
    if (copied.remainingPages !== 0 || copied.totalPages === 0) {
      throw new InvalidRequest(`Casefile could not keep a whole copy of ${basename(archive.path)} (${copied.totalPages - copied.remainingPages} of ${copied.totalPages} pages); nothing was restored.`)
    }
    renameSync(temp, target)
  } finally {
    removeDatabaseFiles(temp)
  }
}

const KEPT_MARK = '.before-restore-'

/** A new name beside the archive for the content a restore replaces; never one that exists. */
function keptCopyPath(archivePath: string): string {
  const stem = `${archivePath}${KEPT_MARK}${new Date().toISOString().replace(/[:.]/g, '-')}`
  let candidate = `${stem}.backup`
  for (let n = 2; existsSync(candidate); n++) candidate = `${stem}-${n}.backup`
  return candidate
}

/** The copy the last restore kept of what the archive held before it; null when there is none. */
export function lastKeptCopy(archivePath: string): string | null {
  const prefix = `${basename(archivePath)}${KEPT_MARK}`
  const name = readdirSync(dirname(archivePath))
    .filter((file) => file.startsWith(prefix) && file.endsWith('.backup'))
    .sort()
    .at(-1)
  return name === undefined ? null : join(dirname(archivePath), name)
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}

/**
 * Copies the checked copy over the archive, keeping the archive's current content first. Both
 * happen while the restore holds the archive's write lock, so no change made in between is lost.
 */
async function replaceContent(archive: Archive, prepared: string, keptAs: string | null, expectedPages: number): Promise<void> {
  const name = basename(archive.path)
  for (let attempt = 1; ; attempt++) {
    let kept = false
    const whileLocked = async () => {
      if (keptAs === null) return
      await keepPages(archive, keptAs)
      kept = true
    }
    let copied: Awaited<ReturnType<typeof copyPagesUnderLock>>
    try {
      copied = await copyPagesUnderLock(prepared, archive.path, archive.nativeBinding, whileLocked)
    } catch (error) {
      if (kept && keptAs !== null) rmSync(keptAs, { force: true })
      if (error instanceof InvalidRequest) throw error
      if (isDamage(error)) {
        // SQLite will not even open a transaction on it (say, a file cut short): only a file-level
        // replacement can help, and that is for the person to do with every window closed.
        throw new InvalidRequest(
          `${name} is too damaged for SQLite to write into (${firstLineOf(error)}), so nothing was restored. Close every window and import, move ${name} aside, and copy the backup in its place.`
        )
      }
      throw new InvalidRequest(`Casefile could not restore ${name}: ${reasonOf(error)}. The archive was left as it was.`)
    }
    if (copied === 'busy') {
      if (attempt >= BUSY_ATTEMPTS) throw new InvalidRequest(`${archiveBusyMessage(name)} Nothing was restored.`)
      await sleep(BUSY_PAUSE_MS)
      continue
    }
    if (copied.remainingPages !== 0 || copied.totalPages !== expectedPages) {
      throw new InvalidRequest(`Casefile copied ${copied.totalPages - copied.remainingPages} of ${expectedPages} pages into ${name}, so the restore did not finish.`)
    }
    return
  }
}

/** Reads the archive back through a new connection and compares it with what was restored. */
function verifyRestored(archivePath: string, expected: Fingerprint, nativeBinding: string | null): string[] {
  const db = connect(archivePath, true, nativeBinding)
  try {
    const problems = pragmaLines(db, 'quick_check(3)').filter((line) => line !== 'ok')
    return [...problems, ...differences(expected, fingerprint(db))]
  } finally {
    db.close()
  }
}

/**
 * Refuses at once, before the backup is copied and checked (seconds, for a big one), when another
 * connection is writing the archive. The restore takes the lock for real later and checks again.
 */
function refuseIfBusy(archive: Archive): void {
  const probe = new Database(archive.path, { fileMustExist: true, timeout: BUSY_ATTEMPTS * BUSY_PAUSE_MS, ...(archive.nativeBinding ? { nativeBinding: archive.nativeBinding } : {}) })
  try {
    probe.exec('BEGIN IMMEDIATE')
    probe.exec('ROLLBACK')
  } catch (error) {
    if (isBusy(error)) throw new InvalidRequest(`${archiveBusyMessage(basename(archive.path))} Nothing was restored.`)
    // Anything else (damage) is for the restore itself to meet and report.
  } finally {
    probe.close()
  }
}

/**
 * Replaces the archive's content with the backup at `from`, and says so only once the archive
 * verifiably holds it. The backup is checked first, on a copy, exactly as opening it would be
 * (migrations included); then, under the archive's write lock, the current content is kept beside
 * the archive and every page of the checked copy is copied in; finally the archive is read back
 * (integrity, format, pages and rows per table). A busy archive is refused at once; a restore that
 * does not verify puts the previous content back. Works on a damaged archive: that is its purpose.
 */
export async function restoreArchive(archive: Archive, from: string, migrations: readonly Migration[]): Promise<RestoreOutcome> {
  const name = basename(archive.path)
  if (archive.readOnly?.reason === 'read-only-media') throw new InvalidRequest(`${name} cannot be written where it is (a read-only file, folder or disk), so nothing can be restored into it.`)
  if (isSameFile(from, archive.path)) throw new InvalidRequest(`${basename(from)} is the archive itself; choose a backup to restore from.`)
  try {
    assertIsArchive(from)
  } catch (error) {
    throw new InvalidRequest(firstLineOf(error))
  }
  refuseIfBusy(archive)
  removeLeftovers(archive.path)
  const prepared = preparedCopy(from, archive.path, migrations, archive.nativeBinding)
  try {
    const keptAs = keptCopyPath(archive.path)
    await replaceContent(archive, prepared.path, keptAs, prepared.expected.pages)
    const problems = verifyRestored(archive.path, prepared.expected, archive.nativeBinding)
    if (problems.length > 0) {
      await replaceContent(archive, keptAs, null, pagesOf(keptAs, archive.nativeBinding))
      throw new InvalidRequest(
        `${name} did not match ${basename(from)} after the restore (${problems.slice(0, 3).join('; ')}), so its previous content was put back. Nothing was restored.`
      )
    }
    return { from, keptAs }
  } finally {
    removeDatabaseFiles(prepared.path)
  }
}

function pagesOf(path: string, nativeBinding: string | null): number {
  const db = connect(path, true, nativeBinding)
  try {
    return pragmaValue(db, 'page_count', 'integer')
  } finally {
    db.close()
  }
}

/** Brings back the content the last restore replaced (itself a restore, so it can be undone too). */
export async function undoLastRestore(archive: Archive, migrations: readonly Migration[]): Promise<RestoreOutcome> {
  const kept = lastKeptCopy(archive.path)
  if (kept === null) throw new InvalidRequest(`There is no copy from before a restore beside ${basename(archive.path)}, so there is nothing to undo.`)
  return restoreArchive(archive, kept, migrations)
}
