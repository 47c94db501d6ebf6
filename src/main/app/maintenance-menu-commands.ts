// What Check archive, Back up… and Restore from backup… in the File menu do. Each ends in a dialog
// that says what happened, naming the files.

import { basename } from 'node:path'
import { dialog, type BrowserWindow } from 'electron'
import { LATEST_SCHEMA_VERSION } from '../core/index'
import { backupArchive, restoreArchive } from '../core/maintenance/backups'
import { checkArchive } from '../core/maintenance/check-archive'
import { pickSavePath, showNotice, showProblem } from './archive-dialogs'
import type { ArchiveSession } from './archive-session'
import type { ExportFolder } from './export-folder'
import { plainErrorMessage } from './plain-error-message'

export async function checkArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const archive = session.archive
  if (!archive) return
  try {
    const report = checkArchive(archive.db, true)
    const lines = report.search.filter((index) => !index.ok).map((index) => `${index.problem}: ${index.repaired ? 'rebuilt' : 'could not be rebuilt'}.`)
    if (report.ledgerSettled > 0) lines.push(`${report.ledgerSettled} interrupted import(s) are now recorded as such.`)
    if (report.ok) await showNotice(parent, `${basename(archive.path)} is sound.`, lines.join('\n') || 'The database and its search indexes passed every check.')
    else await showProblem(parent, `${basename(archive.path)} is damaged.`, `${report.integrity.slice(0, 5).join('\n')}\n${lines.join('\n')}\nRestore a backup (File > Restore from backup…) and keep this file for recovery.`)
  } catch (error) {
    await showProblem(parent, `Checking ${basename(archive.path)} failed.`, plainErrorMessage(error))
  }
}

export async function backupArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null, folder: ExportFolder): Promise<void> {
  const archive = session.archive
  if (!archive) return
  const stem = basename(archive.path).replace(/\.casefile$/i, '')
  const target = await pickSavePath(parent, { title: 'Back up archive', suggestedName: `${stem} backup ${new Date().toISOString().slice(0, 10)}.casefile`, extension: 'casefile' }, folder)
  if (target === null) return
  try {
    backupArchive(archive.db, target, archive.nativeBinding)
    await showNotice(parent, 'Backup written.', `${basename(archive.path)} was copied, checked and saved as ${target}.`)
  } catch (error) {
    await showProblem(parent, 'The backup was not written.', plainErrorMessage(error))
  }
}

export async function restoreArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const archive = session.archive
  if (!archive) return
  const options: Electron.OpenDialogOptions = { title: 'Restore from backup', buttonLabel: 'Restore', properties: ['openFile'], filters: [{ name: 'Casefile archives', extensions: ['casefile', 'backup'] }] }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  const from = choice.canceled ? null : (choice.filePaths[0] ?? null)
  if (from === null) return
  const confirm: Electron.MessageBoxOptions = {
    type: 'warning',
    title: 'Casefile',
    message: `Replace the content of ${basename(archive.path)} with ${basename(from)}?`,
    detail: 'What the archive holds now is saved beside it first, so nothing is lost.',
    buttons: ['Restore', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true
  }
  const { response } = parent ? await dialog.showMessageBox(parent, confirm) : await dialog.showMessageBox(confirm)
  if (response !== 0) return
  try {
    const safety = await restoreArchive(archive.db, archive.path, from, LATEST_SCHEMA_VERSION, archive.nativeBinding)
    // Reopen, so migrations and recovery run on the restored content and the window shows it.
    await session.switchTo(archive.path, false)
    await session.announce()
    await showNotice(parent, 'Archive restored.', `${basename(archive.path)} now holds the content of ${basename(from)}. What it held before is saved as ${safety}.`)
  } catch (error) {
    await showProblem(parent, 'Nothing was restored.', plainErrorMessage(error))
  }
}
