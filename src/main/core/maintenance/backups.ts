import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { backupDatabase } from '../db/backup-database'
import { InvalidRequest } from '../invalid-request'
import { assertIsArchive } from '../open-archive'

const DAILY_KEPT = 2

/** Writes a checked copy of the archive to `target` (VACUUM INTO, verified, then renamed into place). */
export function backupArchive(db: Db, target: string, nativeBinding: string | null): void {
  if (existsSync(target)) throw new InvalidRequest(`${basename(target)} already exists; choose a new name so no file is overwritten.`)
  backupDatabase(db, target, nativeBinding)
}

/** Where an archive's automatic daily backups live: a folder beside it. */
export function dailyBackupFolder(archivePath: string): string {
  return join(dirname(archivePath), `${basename(archivePath)}.backups`)
}

/**
 * Today's automatic backup, once a day: written beside the archive (checked, then renamed), and the
 * oldest ones removed so the newest DAILY_KEPT remain. Returns the new backup's path, or null when
 * today's already exists.
 */
export function rotateDailyBackup(db: Db, archivePath: string, nativeBinding: string | null, today = new Date()): string | null {
  const folder = dailyBackupFolder(archivePath)
  mkdirSync(folder, { recursive: true })
  const name = `daily-${today.toISOString().slice(0, 10)}.casefile`
  const target = join(folder, name)
  if (existsSync(target)) return null
  backupDatabase(db, target, nativeBinding)
  const dailies = readdirSync(folder)
    .filter((file) => /^daily-\d{4}-\d{2}-\d{2}\.casefile$/.test(file))
    .sort()
  for (const old of dailies.slice(0, Math.max(0, dailies.length - DAILY_KEPT))) rmSync(join(folder, old), { force: true })
  return target
}

/**
 * Replaces the archive's content with the backup at `from`, through SQLite's backup API (so a
 * connection that has the archive open sees the old content or the new, never a mix). The backup
 * is checked first: a Casefile archive, whole, and not newer than this version reads. The current
 * content is saved beside the archive before anything changes; returns that copy's path.
 */
export async function restoreArchive(db: Db, archivePath: string, from: string, latestSchema: number, nativeBinding: string | null): Promise<string> {
  try {
    assertIsArchive(from)
  } catch (error) {
    throw new InvalidRequest(error instanceof Error ? error.message : String(error))
  }
  const source = new Database(from, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
  try {
    const integrity = source.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new InvalidRequest(`${basename(from)} is damaged (${String(integrity)}); nothing was restored.`)
    const version = Number(source.pragma('user_version', { simple: true }))
    if (version > latestSchema) throw new InvalidRequest(`${basename(from)} was written by a newer version of Casefile; nothing was restored.`)
    const safety = `${archivePath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.backup`
    backupDatabase(db, safety, nativeBinding)
    await source.backup(archivePath)
    return safety
  } finally {
    source.close()
  }
}
