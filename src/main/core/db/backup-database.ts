import { basename } from 'node:path'
import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { nameIsTaken } from '../fs/output-target'
import { FileExistsError, publishFile } from '../fs/publish-file'
import { writableFolderProblem } from '../fs/writable-folder'
import { temporaryBeside } from '../fs/write-file-atomic'
import { InvalidRequest } from '../invalid-request'
import { DAMAGE_WAY_OUT, isDamage, reasonOf } from '../plain-failure'

/**
 * Writes a consistent copy of `db` (the archive called `name`) to `target` through VACUUM INTO
 * (never a file copy, which could catch the WAL half-written), checks the copy, and only then gives
 * it its final name. Any failure leaves nothing behind and says why in one sentence.
 */
export function backupDatabase(db: Db, name: string, target: string, nativeBinding: string | null): void {
  const targetName = basename(target)
  const exists = () => new InvalidRequest(`${targetName} already exists; choose a new name so no file is overwritten.`)
  if (nameIsTaken(target)) throw exists()
  const folderProblem = writableFolderProblem(target)
  if (folderProblem !== null) throw new InvalidRequest(`Casefile could not write the backup ${targetName}: ${folderProblem}. Nothing was written.`)
  const temp = temporaryBeside(target, 'partial')
  rmSync(temp, { force: true })
  try {
    db.prepare('VACUUM INTO ?').run(temp)
    const copy = new Database(temp, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
    try {
      const check = copy.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw new InvalidRequest(`The backup of ${name} failed its check after writing (${String(check)}); nothing was kept.`)
      const original = db.pragma('user_version', { simple: true })
      const copied = copy.pragma('user_version', { simple: true })
      if (original !== copied) throw new InvalidRequest(`The backup of ${name} came out as format ${String(copied)}, not ${String(original)}; nothing was kept.`)
    } finally {
      copy.close()
    }
    // Put in place only if the name is still free: never over a file that appeared meanwhile.
    publishFile(temp, target, false)
  } catch (error) {
    rmSync(temp, { force: true })
    if (error instanceof InvalidRequest) throw error
    if (error instanceof FileExistsError) throw exists()
    if (isDamage(error)) throw new InvalidRequest(`${name} is damaged, so it cannot be backed up: part of it cannot be read. Nothing was written. ${DAMAGE_WAY_OUT}`)
    throw new InvalidRequest(`Casefile could not write the backup ${targetName}: ${reasonOf(error)}. Nothing was written.`)
  }
}
