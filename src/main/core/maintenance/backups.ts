import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Database as Db } from 'better-sqlite3'
import type { Archive } from '../archive'
import { backupDatabase } from '../db/backup-database'
import { refuseUnsafeOutputFor } from '../fs/output-target'
import { InvalidRequest } from '../invalid-request'
import { DAMAGE_WAY_OUT } from '../plain-failure'

const DAILY_KEPT = 2

/**
 * Writes a checked copy of the archive to `target` (VACUUM INTO, verified, then renamed into place).
 * A damaged archive is refused at once: a copy of it would be a damaged backup.
 */
export function backupArchive(archive: Archive, target: string): void {
  const name = basename(archive.path)
  if (archive.readOnly?.reason === 'damaged') throw new InvalidRequest(`${name} is damaged, so it cannot be backed up; nothing was written. ${DAMAGE_WAY_OUT}`)
  refuseUnsafeOutputFor(target, archive.path)
  backupDatabase(archive.db, name, target, archive.nativeBinding)
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
  backupDatabase(db, basename(archivePath), target, nativeBinding)
  const dailies = readdirSync(folder)
    .filter((file) => /^daily-\d{4}-\d{2}-\d{2}\.casefile$/.test(file))
    .sort()
  for (const old of dailies.slice(0, Math.max(0, dailies.length - DAILY_KEPT))) rmSync(join(folder, old), { force: true })
  return target
}
