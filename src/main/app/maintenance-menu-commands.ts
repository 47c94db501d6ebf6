// What Check archive, Back up…, Restore from backup… and Undo last restore in the File menu do.
// Each ends in a dialog that says what happened, naming the files, in the same sentences the CLI
// prints (they come from the core).

import { basename } from 'node:path'
import { dialog, type BrowserWindow } from 'electron'
import { MIGRATIONS } from '../core/index'
import { backupArchive } from '../core/maintenance/backups'
import { checkArchive } from '../core/maintenance/check-archive'
import { restoreReport } from '../core/maintenance/restore-report'
import { lastKeptCopy, restoreArchive, undoLastRestore, type RestoreOutcome } from '../core/maintenance/restore-archive'
import { pickSavePath, showNotice, showProblem } from './archive-dialogs'
import type { ArchiveSession } from './archive-session'
import type { ExportFolder } from './export-folder'
import { plainFailure } from '../core/plain-failure'

export async function checkArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const archive = session.archive
  if (!archive) return
  try {
    const report = checkArchive(archive, true)
    const lines = report.search.filter((index) => !index.ok).map((index) => `${index.problem}: ${index.repaired ? 'rebuilt' : 'could not be rebuilt'}.`)
    if (report.notChecked !== null) lines.push(`The search indexes were not checked: ${report.notChecked}`)
    if (report.ledgerSettled > 0) lines.push(`${report.ledgerSettled} interrupted import(s) are now recorded as such.`)
    if (report.ok) await showNotice(parent, `${basename(archive.path)} is sound.`, lines.join('\n') || 'The database and its search indexes passed every check.')
    else {
      const wayOut =
        report.repairable.length > 0
          ? `The damage is only in the ${report.repairable.join(', ')} search index${report.repairable.length === 1 ? '' : 'es'}, made from the rest: Rebuild search indexes, in the strip across the window, makes ${report.repairable.length === 1 ? 'it' : 'them'} again in a checked copy and keeps this file beside it.`
          : 'Restore a backup (File > Restore from backup…) and keep this file for recovery.'
      await showProblem(parent, `${basename(archive.path)} is damaged.`, `${report.integrity.slice(0, 5).join('\n')}\n${lines.join('\n')}\n${wayOut}`)
    }
  } catch (error) {
    await showProblem(parent, `Checking ${basename(archive.path)} failed.`, plainFailure(error, basename(archive.path)))
  }
}

export async function backupArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null, folder: ExportFolder): Promise<void> {
  const archive = session.archive
  if (!archive) return
  const stem = basename(archive.path).replace(/\.casefile$/i, '')
  const target = await pickSavePath(parent, { title: 'Back up archive', suggestedName: `${stem} backup ${new Date().toISOString().slice(0, 10)}.casefile`, extension: 'casefile' }, folder)
  if (target === null) return
  try {
    backupArchive(archive, target)
    await showNotice(parent, 'Backup written.', `${basename(archive.path)} was copied, checked and saved as ${target}.`)
  } catch (error) {
    await showProblem(parent, 'The backup was not written.', plainFailure(error, basename(archive.path)))
  }
}

export async function restoreArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const archive = session.archive
  if (!archive) return
  const options: Electron.OpenDialogOptions = { title: 'Restore from backup', buttonLabel: 'Restore', properties: ['openFile'], filters: [{ name: 'Casefile archives', extensions: ['casefile', 'backup'] }] }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  const from = choice.canceled ? null : (choice.filePaths[0] ?? null)
  if (from === null) return
  const message = `Replace the content of ${basename(archive.path)} with ${basename(from)}?`
  if (!(await confirmed(parent, message, 'What the archive holds now is saved beside it first, so nothing is lost.', 'Restore'))) return
  await restoreAndReopen(session, parent, false, () => restoreArchive(archive, from, MIGRATIONS))
}

/** Brings back what the archive held before the last restore, after asking. */
export async function undoRestoreCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const archive = session.archive
  if (!archive) return
  const kept = lastKeptCopy(archive.path)
  if (kept === null) {
    await showNotice(parent, 'There is no restore to undo.', `No copy from before a restore is kept beside ${basename(archive.path)}.`)
    return
  }
  const message = `Bring back what ${basename(archive.path)} held before the last restore?`
  if (!(await confirmed(parent, message, `Its content is replaced by ${basename(kept)}; what it holds now is saved beside it first.`, 'Undo restore'))) return
  await restoreAndReopen(session, parent, true, () => undoLastRestore(archive, MIGRATIONS))
}

async function confirmed(parent: BrowserWindow | null, message: string, detail: string, action: string): Promise<boolean> {
  const confirm: Electron.MessageBoxOptions = { type: 'warning', title: 'Casefile', message, detail, buttons: [action, 'Cancel'], defaultId: 1, cancelId: 1, noLink: true }
  const { response } = parent ? await dialog.showMessageBox(parent, confirm) : await dialog.showMessageBox(confirm)
  return response === 0
}

async function restoreAndReopen(session: ArchiveSession, parent: BrowserWindow | null, undo: boolean, restore: () => Promise<RestoreOutcome>): Promise<void> {
  const archive = session.archive
  if (!archive) return
  try {
    const outcome = await restore()
    // Reopen, so the checks, migrations and recovery run on the restored content and the window shows it.
    await session.switchTo(archive.path, false)
    await session.announce()
    await showNotice(parent, 'Archive restored.', restoreReport(archive.path, outcome, undo, 'File › Undo last restore').join('.\n') + '.')
  } catch (error) {
    await showProblem(parent, 'Nothing was restored.', plainFailure(error, basename(archive.path)))
  }
}
