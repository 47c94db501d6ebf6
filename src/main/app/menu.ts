// The application menu. Plain keys such as Ctrl+N belong to the renderer's own shortcuts, so the
// menu only claims the Shift and file-dialog accelerators listed here.

import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import type { ImportPick } from './archive-dialogs'

export interface MenuCommands {
  newArchive(): void
  openArchive(): void
  importFiles(pick: ImportPick): void
  checkArchive(): void
  backupArchive(): void
  restoreArchive(): void
  undoRestore(): void
}

export function buildApplicationMenu(commands: MenuCommands): Menu {
  const isMac = process.platform === 'darwin'
  const developer = !app.isPackaged

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: app.name,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' }
          ]
        }
      ]
    : []

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New archive…', accelerator: 'CmdOrCtrl+Shift+N', click: () => commands.newArchive() },
      { label: 'Open archive…', accelerator: 'CmdOrCtrl+O', click: () => commands.openArchive() },
      { type: 'separator' },
      // macOS's open dialog picks files and folders at once; elsewhere a dialog does one or the other.
      ...(isMac
        ? [{ label: 'Import files…', accelerator: 'CmdOrCtrl+I', click: () => commands.importFiles('files-and-folders') }]
        : [
            { label: 'Import files…', accelerator: 'CmdOrCtrl+I', click: () => commands.importFiles('files') },
            // No accelerator: Ctrl+Shift+I is the developer tools' own.
            { label: 'Import folder…', click: () => commands.importFiles('folders') }
          ]),
      { type: 'separator' },
      { label: 'Check archive', click: () => commands.checkArchive() },
      { label: 'Back up…', click: () => commands.backupArchive() },
      { label: 'Restore from backup…', click: () => commands.restoreArchive() },
      { label: 'Undo last restore…', click: () => commands.undoRestore() },
      // macOS keeps Quit in the app menu and closes windows from File.
      ...(isMac
        ? [{ type: 'separator' as const }, { role: 'close' as const }]
        : [{ type: 'separator' as const }, { role: 'quit' as const }])
    ]
  }

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' }
    ]
  }

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(developer
        ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }

  const windowMenu: MenuItemConstructorOptions[] = isMac ? [{ role: 'windowMenu' }] : []
  return Menu.buildFromTemplate([...appMenu, fileMenu, editMenu, viewMenu, ...windowMenu])
}
