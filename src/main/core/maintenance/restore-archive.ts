import { readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { checkOnOpen, FULL_CHECK_PAGES } from '../db/check-on-open'
import { schemaVersion } from '../db/migrate'
import { missingStructure } from '../db/missing-structure'
import type { Migration } from '../db/migrations/migration'
import { unwritablePhrase, unwritableReason } from '../db/open-unwritable'
import { pragmaLines, pragmaValue } from '../db/sql-rows'
import { publishFile } from '../fs/publish-file'
import { isSameFile } from '../fs/same-file'
import { importUnderWay, processIsAlive } from '../import/import-ledger'
import { InvalidRequest } from '../invalid-request'
import { getMeta } from '../meta/meta-queries'
import { assertIsArchive } from '../open-archive'
import { archiveBusyMessage, firstLineOf, isBusy, isDamage, reasonOf } from '../plain-failure'
import { differences, fingerprint, type Fingerprint } from './archive-fingerprint'
import { checkedCopy, RESTORE_MARK_KEY, restoreWorkName } from './checked-copy'

/** The archive a restore writes into: its file, and the better-sqlite3 build to reach it with. An open Archive is one. */
export interface RestoreTarget {
  readonly path: string
  readonly nativeBinding: string | null
}

/** What a restore did: the backup the archive now holds, and where its previous content was kept. */
export interface RestoreOutcome {
  from: string
  keptAs: string
  /** The content it replaced is damaged or unusable (a restore from it would be refused): kept for recovery, but --undo cannot bring it back. */
  keptUnusable: boolean
  /** How the archive differs from the backup because another program changed it right after the restore (those changes are kept). */
  changedSince: string[]
}

// sqlite3_backup_step copies this many pages at most per call: everything, in one step.
const ALL_PAGES = 0x7fffffff
// "At once": a writer that finishes within half a second (an autosave) is waited for; an import is not.
const BUSY_ATTEMPTS = 5
const BUSY_PAUSE_MS = 100
// A page size SQLite accepts, for when the archive's header cannot be read (damage).
const DEFAULT_PAGE_SIZE = 4096

// The archives this process is restoring (by absolute path). A second restore of one from the same
// process (two menu commands, say) cannot be told apart by the work folder's process id, and it
// could take the archive's lock in the moment the first lets it go between its check and its copy.
const restoring = new Set<string>()

function anotherRestoreRunning(name: string): string {
  return `Another restore of ${name} is running; let it finish, then try again. Nothing was restored.`
}

const KEPT_MARK = '.before-restore-'
const FAILED_MARK = '.failed-restore-'
const DAMAGED_MARK = '.damaged-before-repair-'

/** How one restore swaps content in: the name its kept copy carries, and a last look taken under the archive's write lock. */
interface SwapRules {
  keptMark: string
  /** Throws (an InvalidRequest) to stop before anything is written; null when there is nothing to look at. */
  underLock: (() => void) | null
}

const RESTORE: SwapRules = { keptMark: KEPT_MARK, underLock: null }

function connect(path: string, readonly: boolean, nativeBinding: string | null): Db {
  return new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
}

export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true })
}

/** The work files of restores beside the archive (`restoreWorkName`), with the process that owns each. */
function restoreFilesBeside(archivePath: string): { path: string; pid: number }[] {
  const prefix = `${basename(archivePath)}.restoring-`
  return readdirSync(dirname(archivePath))
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ path: join(dirname(archivePath), name), pid: Number(/^(\d+)/.exec(name.slice(prefix.length))?.[1]) }))
    .filter((file) => Number.isSafeInteger(file.pid) && file.pid !== process.pid)
}

/**
 * Removes what restores that died half-way left beside the archive (a full-size copy each), and
 * refuses when another restore of it is still running: two restores at once would each report
 * success while the archive holds only one backup. Runs under the archive's write lock, which
 * the other restore also takes to make its files, so the two cannot both pass.
 */
/**
 * Refuses while an import in a live process has not finished: its rows may be published and still
 * unrecorded, with no lock held, and a restore then would leave that import reporting rows the
 * archive no longer holds.
 */
function refuseWhileImporting(db: Db, name: string): void {
  let file: string | null
  try {
    file = importUnderWay(db)
  } catch {
    // A ledger that cannot be read (damage, tables missing) does not stop the restore that mends it.
    return
  }
  if (file !== null) throw new InvalidRequest(`${name} is busy: an import of ${file} has not finished. Nothing was restored. Try again once it is done.`)
}

function refuseRunningAndClear(archivePath: string): void {
  const files = restoreFilesBeside(archivePath)
  if (files.some((file) => processIsAlive(file.pid))) {
    throw new InvalidRequest(anotherRestoreRunning(basename(archivePath)))
  }
  for (const file of files) rmSync(file.path, { recursive: true, force: true })
}

/** A new name beside the archive for a copy of its content (`mark` says which); never one that exists. */
function newCopyPath(archivePath: string, mark: string): string {
  const stem = `${archivePath}${mark}${new Date().toISOString().replace(/[:.]/g, '-')}`
  let candidate = `${stem}.backup`
  for (let n = 2; nameTaken(candidate); n++) candidate = `${stem}-${n}.backup`
  return candidate
}

function nameTaken(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
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
 * Puts an archive that is not in WAL mode (one made by hand, or by another tool) into it, as opening
 * it would: SQLite's backup API locks a rollback-journal file exclusively from its first step, so
 * the copy kept of it could not be read under that lock. Damage that stops this is left for the
 * restore to meet and say.
 */
function useWal(target: RestoreTarget): void {
  let db: Db | null = null
  try {
    db = new Database(target.path, { fileMustExist: true, timeout: BUSY_ATTEMPTS * BUSY_PAUSE_MS, ...(target.nativeBinding ? { nativeBinding: target.nativeBinding } : {}) })
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL')
  } catch (error) {
    if (isBusy(error)) throw new InvalidRequest(`${archiveBusyMessage(basename(target.path))} Nothing was restored.`)
  } finally {
    db?.close()
  }
}

/**
 * Takes the archive's write lock for the time the backup is copied and checked (seconds, for a big
 * one): another writer, or a second restore, is refused at once instead of finding out later, and
 * nothing is written meanwhile that the restore would replace. Null when damage keeps SQLite from
 * taking it; the restore itself then meets the damage and says so.
 */
function holdWriteLock(target: RestoreTarget): Db | null {
  const guard = new Database(target.path, { fileMustExist: true, timeout: BUSY_ATTEMPTS * BUSY_PAUSE_MS, ...(target.nativeBinding ? { nativeBinding: target.nativeBinding } : {}) })
  try {
    guard.exec('BEGIN IMMEDIATE')
    return guard
  } catch (error) {
    guard.close()
    if (isBusy(error)) throw new InvalidRequest(`${archiveBusyMessage(basename(target.path))} Nothing was restored.`)
    return null
  }
}

function releaseWriteLock(guard: Db | null): void {
  if (guard === null) return
  try {
    guard.exec('ROLLBACK')
  } finally {
    guard.close()
  }
}

/**
 * Copies every page of `source` over the archive at `archivePath` through SQLite's backup API, in one
 * transaction on the archive: other connections see the old content or the new, never a mix. The
 * first step takes the archive's write lock and copies nothing; `whileLocked` then runs with no
 * other writer able to change the archive (it is told how many pages the copy will take), and only
 * after it the pages are copied. A failure of `whileLocked` ends the copy with nothing written.
 * Resolves to 'busy' when another connection holds the write lock (nothing was written).
 */
async function copyPagesUnderLock(
  source: Db,
  archivePath: string,
  whileLocked: (sourcePages: number) => Promise<void>
): Promise<'busy' | { totalPages: number; remainingPages: number }> {
  let phase: 'locking' | 'holding' | 'copying' = 'locking'
  let failure: { error: unknown } | null = null
  const progress = await source.backup(archivePath, {
    progress: ({ totalPages }) => {
      if (failure !== null) throw failure.error
      if (phase === 'locking') {
        phase = 'holding'
        whileLocked(totalPages).then(
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
}

/**
 * True when a restore from the copy at `path` would be refused: opening it finds damage (the same
 * bounded check), it is newer than this version, or it lacks part of its format's structure. Such a
 * copy is kept for recovery, but --undo is not offered for it.
 */
function isUnusable(path: string, nativeBinding: string | null, migrations: readonly Migration[]): boolean {
  try {
    const db = connect(path, true, nativeBinding)
    try {
      const version = schemaVersion(db)
      if (version > migrations.length) return true
      if (version === migrations.length && missingStructure(db, migrations, nativeBinding).length > 0) return true
      return checkOnOpen(db, FULL_CHECK_PAGES) !== null
    } finally {
      db.close()
    }
  } catch {
    return true
  }
}

/**
 * The archive's current pages, exactly as they are (damage included), copied to the new file
 * `target` through `reader` (a connection to the archive): written under a temporary name, checked
 * to hold every page, turned to rollback-journal mode (so reading it later leaves no -wal or -shm
 * beside it) and only then given its name, so `--undo` never finds half a copy.
 */
export async function keepPages(reader: Db, archivePath: string, target: string, nativeBinding: string | null, migrations: readonly Migration[]): Promise<{ unusable: boolean }> {
  const temp = restoreWorkName(archivePath, '.kept')
  removeDatabaseFiles(temp)
  try {
    const pages = pragmaValue(reader, 'page_count', 'integer')
    const pageSize = pragmaValue(reader, 'page_size', 'integer')
    await reader.backup(temp, { progress: () => ALL_PAGES })
    const size = statSync(temp).size
    if (size !== pages * pageSize) {
      throw new InvalidRequest(`Casefile could not keep a whole copy of ${basename(archivePath)} (${Math.floor(size / pageSize)} of ${pages} pages); nothing was restored.`)
    }
    try {
      const copy = connect(temp, false, nativeBinding)
      try {
        copy.pragma('journal_mode = DELETE')
      } finally {
        copy.close()
      }
    } catch {
      // A damaged copy may refuse; it is kept as it is, for recovery.
    }
    const unusable = isUnusable(temp, nativeBinding, migrations)
    publishFile(temp, target, false)
    return { unusable }
  } finally {
    removeDatabaseFiles(temp)
  }
}

/**
 * Copies `source` (of `sourcePages` pages; `what` names it) over the archive, keeping the archive's
 * current content as `keepAs` first. Both happen while the restore holds the archive's write lock,
 * so no change made in between is lost; the page count is checked there too, before anything is
 * written. Refuses as busy after half a second of another writer.
 */
async function replaceContent(
  source: Db,
  sourcePages: number,
  what: string,
  target: RestoreTarget,
  keepAs: string,
  migrations: readonly Migration[],
  underLock: (() => void) | null
): Promise<{ keptUnusable: boolean }> {
  const name = basename(target.path)
  const reader = connect(target.path, true, target.nativeBinding)
  try {
    for (let attempt = 1; ; attempt++) {
      let kept: { unusable: boolean } | null = null
      const whileLocked = async (pages: number) => {
        if (pages !== sourcePages) throw new InvalidRequest(`${what} changed before it was copied in (${pages} pages, not ${sourcePages}); nothing was restored.`)
        underLock?.()
        // An import may have begun between the first look and this lock.
        refuseWhileImporting(reader, name)
        kept = await keepPages(reader, target.path, keepAs, target.nativeBinding, migrations)
      }
      let copied: Awaited<ReturnType<typeof copyPagesUnderLock>>
      try {
        copied = await copyPagesUnderLock(source, target.path, whileLocked)
      } catch (error) {
        if (kept !== null) rmSync(keepAs, { force: true })
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
      if (kept === null) throw new InvalidRequest(`Casefile could not keep a copy of ${name} before the restore, so nothing was restored.`)
      return { keptUnusable: (kept as { unusable: boolean }).unusable }
    }
  } finally {
    reader.close()
  }
}

/** What the archive holds right after the restore's copy, read through a new connection in one snapshot. */
interface ReadBack {
  /** The archive carries this restore's mark: its copy is in (SQLite commits it whole or not at all). */
  holdsRestore: boolean
  /** What SQLite's check finds wrong (empty when sound), and a format that is not the backup's. */
  problems: string[]
  /** How it differs from the checked copy: changes made after the restore's commit. */
  changedSince: string[]
}

function markOf(db: Db): string | null {
  try {
    const value = getMeta(db, RESTORE_MARK_KEY)
    const parsed = value === null ? null : (JSON.parse(value) as { id?: unknown })
    return typeof parsed?.id === 'string' ? parsed.id : null
  } catch {
    return null
  }
}

/** Ends a read transaction; on a damaged file SQLite may have ended it already, or fail to end it cleanly (nothing was written either way). */
function endRead(db: Db): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK')
  } catch {
    // A read leaves nothing to undo; closing the connection ends it.
  }
}

function readBack(target: RestoreTarget, mark: string, expected: Fingerprint): ReadBack {
  const db = connect(target.path, true, target.nativeBinding)
  try {
    // One read transaction, begun at once: the snapshot is the restore's commit, and whatever another
    // program commits later (it may write as soon as the restore's lock is gone) is seen as such.
    db.exec('BEGIN')
    const holdsRestore = markOf(db) === mark
    let problems: string[]
    let actual: Fingerprint | null = null
    try {
      problems = pragmaLines(db, 'quick_check(3)').filter((line) => line !== 'ok')
      actual = fingerprint(db)
    } catch (error) {
      if (!isDamage(error)) throw error
      problems = [firstLineOf(error)]
    }
    if (actual !== null && actual.version !== expected.version) problems.push(`format ${actual.version}, not ${expected.version}`)
    endRead(db)
    return { holdsRestore, problems, changedSince: actual === null ? [] : differences(expected, actual) }
  } finally {
    db.close()
  }
}

/**
 * After a restore whose result failed its check: brings back the content it replaced (kept as
 * `keptAs`), keeping what the failed restore left (and anything written onto it since) as a copy of
 * its own, so putting back never discards anyone's work. Throws the sentence that says what happened.
 */
async function putBack(target: RestoreTarget, keptAs: string, fromName: string, problems: string[], migrations: readonly Migration[]): Promise<never> {
  const name = basename(target.path)
  const why = `${name} failed its check after the restore (${problems.slice(0, 3).join('; ')})`
  const failedAs = newCopyPath(target.path, FAILED_MARK)
  const kept = connect(keptAs, true, target.nativeBinding)
  try {
    const pages = pragmaValue(kept, 'page_count', 'integer')
    await replaceContent(kept, pages, basename(keptAs), target, failedAs, migrations, null)
  } catch (error) {
    throw new InvalidRequest(
      `${why}, and its previous content could not be put back (${firstLineOf(error)}). That content is kept as ${basename(keptAs)}: casefile restore --undo brings it back.`
    )
  } finally {
    kept.close()
  }
  // The archive holds that content again; a copy of it would only make --undo undo nothing.
  rmSync(keptAs, { force: true })
  throw new InvalidRequest(`${why}, so its previous content was put back; what the restore of ${fromName} left is kept as ${basename(failedAs)}. Nothing was restored.`)
}

function pageSizeOf(path: string): number {
  try {
    return assertIsArchive(path).pageSize || DEFAULT_PAGE_SIZE
  } catch {
    return DEFAULT_PAGE_SIZE
  }
}

/**
 * Replaces the archive's content with the backup at `from`, and says so only once the archive
 * verifiably holds it.
 *
 * The archive's write lock is taken first (a busy archive is refused at once) and held while the
 * backup is copied beside it and checked exactly as opening it would be (see checkedCopy); the
 * folder that copy lives in marks this restore as running until it ends, so a second restore of
 * the same archive is refused in words (see refuseRunningAndClear). Then,
 * under the lock again, the current content is kept beside the archive and every page of the copy
 * is copied in: the copy's page count and the kept copy's completeness are checked before anything
 * is written, so a failure there leaves the archive as it was. Right after, the archive is read
 * back: it must carry this restore's mark (the copy is in), pass SQLite's check, and be in the
 * backup's format. A result that does not pass is put back (see putBack). Another program may
 * write as soon as the lock is released: its changes are kept and reported, never undone. Works on
 * a damaged archive (its purpose), and on one that cannot be opened: only its file is needed.
 */
export async function restoreArchive(target: RestoreTarget, from: string, migrations: readonly Migration[]): Promise<RestoreOutcome> {
  return oneRestoreAtATime(target.path, () => restoreOnce(target, from, migrations, RESTORE))
}

/**
 * Runs `work` (a restore, or a repair that ends in one) unless this process is already restoring
 * the archive at `archivePath`, which is then refused in words.
 */
export async function oneRestoreAtATime<T>(archivePath: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(archivePath)
  if (restoring.has(key)) throw new InvalidRequest(anotherRestoreRunning(basename(archivePath)))
  restoring.add(key)
  try {
    return await work()
  } finally {
    restoring.delete(key)
  }
}

/**
 * Puts a repaired copy of a damaged archive (made from it, see repairSearchIndexes) in its place,
 * exactly as a restore from that copy, under oneRestoreAtATime already held by the caller. The
 * damaged content is kept beside it as NAME.damaged-before-repair-….backup (not offered by --undo,
 * which would refuse it); `stillAsRead` runs under the archive's write lock before anything is
 * written, to refuse when the archive changed since the copy was read.
 */
export function restoreRepairedCopy(target: RestoreTarget, repaired: string, migrations: readonly Migration[], stillAsRead: () => void): Promise<RestoreOutcome> {
  return restoreOnce(target, repaired, migrations, { keptMark: DAMAGED_MARK, underLock: stillAsRead })
}

async function restoreOnce(target: RestoreTarget, from: string, migrations: readonly Migration[], rules: SwapRules): Promise<RestoreOutcome> {
  const name = basename(target.path)
  const fromName = basename(from)
  const unwritable = unwritableReason(target.path)
  if (unwritable !== null) {
    const where = unwritable === 'disk-full' ? `${name} cannot be written (${unwritablePhrase(name, unwritable)})` : unwritablePhrase(name, unwritable)
    throw new InvalidRequest(`${where}, so nothing can be restored into it.`)
  }
  if (isSameFile(from, target.path)) throw new InvalidRequest(`${fromName} is the archive itself; choose a backup to restore from.`)
  try {
    assertIsArchive(from)
  } catch (error) {
    throw new InvalidRequest(firstLineOf(error))
  }
  useWal(target)
  const guard = holdWriteLock(target)
  let prepared
  try {
    if (guard !== null) refuseWhileImporting(guard, name)
    refuseRunningAndClear(target.path)
    prepared = await checkedCopy(from, target.path, pageSizeOf(target.path), migrations, target.nativeBinding)
  } finally {
    releaseWriteLock(guard)
  }
  try {
    const keptAs = newCopyPath(target.path, rules.keptMark)
    const { keptUnusable } = await replaceContent(prepared.source, prepared.expected.pages, `The checked copy of ${fromName}`, target, keptAs, migrations, rules.underLock)
    const found = readBack(target, prepared.mark, prepared.expected)
    if (!found.holdsRestore) {
      // The copy is not in: the archive holds what it held (and what was kept is a copy of that).
      rmSync(keptAs, { force: true })
      throw new InvalidRequest(`${name} did not take the content of ${fromName} (SQLite reported the copy done, but it is not there), so nothing was restored.`)
    }
    if (found.problems.length > 0) await putBack(target, keptAs, fromName, found.problems, migrations)
    return { from, keptAs, keptUnusable, changedSince: found.changedSince }
  } finally {
    prepared.discard()
  }
}

/** Brings back the content the last restore replaced (itself a restore, so it can be undone too). */
export async function undoLastRestore(target: RestoreTarget, migrations: readonly Migration[]): Promise<RestoreOutcome> {
  const kept = lastKeptCopy(target.path)
  if (kept === null) throw new InvalidRequest(`There is no copy from before a restore beside ${basename(target.path)}, so there is nothing to undo.`)
  return restoreArchive(target, kept, migrations)
}

