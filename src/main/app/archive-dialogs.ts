// The native dialogs Casefile shows around archives. Each accepts a null parent because the startup
// dialogs appear before the window exists.

import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron'
import { join } from 'node:path'
import { ARCHIVE_EXTENSION, type SaveRequest } from '../core/index'
import { withArchiveExtension } from './archive-path-policy'
import type { ExportFolder } from './export-folder'

const ARCHIVE_FILTER = { name: 'Casefile archives', extensions: [ARCHIVE_EXTENSION] }
const ALL_FILES_FILTER = { name: 'All files', extensions: ['*'] }

export async function pickArchiveToOpen(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open archive',
    buttonLabel: 'Open',
    properties: ['openFile'],
    filters: [ARCHIVE_FILTER, ALL_FILES_FILTER]
  }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return choice.canceled ? null : (choice.filePaths[0] ?? null)
}

export async function pickNewArchivePath(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'New archive',
    buttonLabel: 'Create',
    defaultPath: join(app.getPath('documents'), `Research.${ARCHIVE_EXTENSION}`),
    filters: [ARCHIVE_FILTER],
    properties: ['createDirectory', 'showOverwriteConfirmation']
  }
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return null
  return withArchiveExtension(choice.filePath, ARCHIVE_EXTENSION)
}

export type ImportPick = 'files' | 'folders' | 'files-and-folders'

/**
 * On Windows and Linux one dialog cannot pick both files and folders (asked for both it picks only
 * folders), so the menu offers Import files… and Import folder…; macOS's dialog does both at once.
 */
export async function pickFilesToImport(parent: BrowserWindow | null, pick: ImportPick): Promise<string[]> {
  // No type filter: the importer recognises files by content and explains what it cannot read.
  const kinds: ('openFile' | 'openDirectory')[] = pick === 'files' ? ['openFile'] : pick === 'folders' ? ['openDirectory'] : ['openFile', 'openDirectory']
  const options: Electron.OpenDialogOptions = {
    title: pick === 'folders' ? 'Import folders' : 'Import files',
    buttonLabel: 'Import',
    properties: [...kinds, 'multiSelections']
  }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return choice.canceled ? [] : choice.filePaths
}

export type StartupChoice = 'open-another' | 'create-new' | 'quit'

export async function askAfterStartupFailure(detail: string): Promise<StartupChoice> {
  const buttons = ['Open another archive…', 'New archive…', 'Quit']
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Casefile',
    message: 'Casefile could not open its archive.',
    detail,
    buttons,
    defaultId: 0,
    cancelId: 2,
    noLink: true
  })
  const choices: readonly StartupChoice[] = ['open-another', 'create-new', 'quit']
  return choices[response] ?? 'quit'
}

export async function showProblem(parent: BrowserWindow | null, message: string, detail: string): Promise<void> {
  await showBox(parent, { type: 'error', title: 'Casefile', message, detail, buttons: ['OK'], noLink: true })
}

export async function showNotice(parent: BrowserWindow | null, message: string, detail: string): Promise<void> {
  await showBox(parent, { type: 'info', title: 'Casefile', message, detail, buttons: ['OK'], noLink: true })
}

async function showBox(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<void> {
  if (parent) await dialog.showMessageBox(parent, options)
  else await dialog.showMessageBox(options)
}

/**
 * Where to save an export or a backup; null when the person cancels. Starts in the folder the last
 * save went to, and adds the extension when it is missing.
 */
export async function pickSavePath(parent: BrowserWindow | null, request: SaveRequest, folder: ExportFolder): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: request.title,
    buttonLabel: 'Save',
    defaultPath: join(folder.current, request.suggestedName.replace(/[\\/:*?"<>|]/g, '_')),
    filters: [{ name: request.extension.toUpperCase(), extensions: [request.extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation']
  }
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return null
  const path = choice.filePath.toLowerCase().endsWith(`.${request.extension}`) ? choice.filePath : `${choice.filePath}.${request.extension}`
  folder.savedAt(path)
  return path
}
