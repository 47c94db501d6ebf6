// Main-process entry: the app's lifecycle. It wires the pieces together and owns no policy of its own.
// Main is an ES module, which Electron loads asynchronously: everything that must precede `ready`
// (name, paths, sandbox, scheme, session settings) runs synchronously at the top level, with no
// top-level await.

import { app, BrowserWindow, dialog, Menu } from 'electron'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_ARCHIVE_NAME } from '../core/index'
import { probeNativeBinding } from '../core/db/probe-native-binding'
import { appLayout } from './app-layout'
import { APP_ENTRY_URL, devServerOrigin, trustedOrigins } from './app-origin'
import { importFilesCommand, newArchiveCommand, openArchiveCommand, openStartupArchive } from './archive-commands'
import { pickSavePath } from './archive-dialogs'
import { showContextMenu } from './context-menu'
import { ElectronPdfPrinter } from './electron-pdf-printer'
import { ExportFolder } from './export-folder'
import { backupArchiveCommand, checkArchiveCommand, restoreArchiveCommand, undoRestoreCommand } from './maintenance-menu-commands'
import { nativeBindingDialog } from './native-binding-message'
import { startupArchivePath } from './startup-archive-path'
import { ArchiveSession } from './archive-session'
import { eventSender, registerIpc } from './ipc'
import { buildApplicationMenu } from './menu'
import { plainErrorMessage } from '../core/plain-error-message'
import { guardAllWebContents, keepSessionsOffline, registerAppScheme, serveRenderer } from './security'
import { userDataFolder } from './user-data-folder'
import { WINDOW_STATE_FILE } from './window-state-file'
import { createMainWindow } from './window'

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const devOrigin = devServerOrigin(devServerUrl, app.isPackaged)
const allowedOrigins = trustedOrigins(devOrigin)
// From this module's own location, never app.getAppPath(): see app-layout.ts.
const layout = appLayout({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  moduleVersion: process.versions.modules
})

app.setName('Casefile')
// Set explicitly so the archive lives in ~/.config/Casefile whatever package.json's name says.
app.setPath('userData', userDataFolder(process.argv, join(app.getPath('appData'), 'Casefile')))
app.enableSandbox()
registerAppScheme()
keepSessionsOffline()

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one archive is what WAL cannot save us from; the first instance is focused.
  app.quit()
} else {
  run()
}

function run(): void {
  // Every save dialog (exports, backups, chart downloads) starts where the last one saved.
  const folder = new ExportFolder(app.getPath('documents'))
  let mainWindow: BrowserWindow | null = null
  const currentWindow = (): BrowserWindow | null => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null)
  const session = new ArchiveSession({
    seedDir: layout.sample,
    nativeBinding: layout.nativeBinding,
    importWorker: existsSync(layout.importWorker) ? layout.importWorker : missingWorker('import', layout.importWorker),
    searchWorker: existsSync(layout.searchWorker) ? layout.searchWorker : missingWorker('search', layout.searchWorker),
    chooseSavePath: (request) => pickSavePath(currentWindow(), request, folder),
    pdfPrinter: new ElectronPdfPrinter(),
    showContextMenu: (request) => showContextMenu(currentWindow(), request)
  })
  let closed = false
  // False until start-up has opened the archive and created the window: before that, macOS's
  // 'activate' (a click on the Dock icon during a start-up dialog) must not open a second one.
  let windowAllowed = false

  const openWindow = (): void => {
    const window = createMainWindow({
      preloadPath: layout.preload,
      startUrl: devOrigin !== null && devServerUrl !== undefined ? devServerUrl : APP_ENTRY_URL,
      windowStatePath: join(app.getPath('userData'), WINDOW_STATE_FILE),
      allowDevTools: !app.isPackaged
    })
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null
    })
    mainWindow = window
  }

  const focusWindow = (): void => {
    const window = currentWindow()
    if (window === null) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }

  const reportCommandFailure = (error: unknown): void => console.error('Casefile menu command failed:', error)

  const start = async (): Promise<void> => {
    // Before any archive: a database engine built for another Electron fails on every file, and each
    // failure would read as a problem with that archive.
    const engine = probeNativeBinding(layout.nativeBinding)
    if (!engine.ok) {
      if (engine.reason === 'unloadable') console.error(`Casefile could not load ${layout.nativeBinding}: ${engine.detail}`)
      const box = nativeBindingDialog(engine, app.isPackaged, process.versions.electron)
      dialog.showErrorBox(box.title, box.message)
      app.exit(1)
      return
    }

    guardAllWebContents(allowedOrigins, folder)
    serveRenderer(layout.renderer)

    const defaultArchive = join(app.getPath('userData'), DEFAULT_ARCHIVE_NAME)
    const archivePath = startupArchivePath(process.argv, process.env, defaultArchive)
    // Opening makes no folders (a mistyped path is said, not filled); the app's own folder it makes.
    if (archivePath === defaultArchive) mkdirSync(app.getPath('userData'), { recursive: true })
    const opened = await openStartupArchive(session, archivePath)
    if (!opened) {
      app.quit()
      return
    }

    session.setEventSink(eventSender(currentWindow))
    registerIpc({ session, window: currentWindow, allowedOrigins })
    Menu.setApplicationMenu(
      buildApplicationMenu({
        newArchive: () => void newArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        openArchive: () => void openArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        importFiles: (pick) => void importFilesCommand(session, currentWindow(), pick).catch(reportCommandFailure),
        checkArchive: () => void checkArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        backupArchive: () => void backupArchiveCommand(session, currentWindow(), folder).catch(reportCommandFailure),
        restoreArchive: () => void restoreArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        undoRestore: () => void undoRestoreCommand(session, currentWindow()).catch(reportCommandFailure)
      })
    )
    windowAllowed = true
    openWindow()
  }

  const closeArchive = (): void => {
    if (closed) return
    closed = true
    try {
      session.close()
    } catch (error) {
      console.error('Casefile could not close the archive cleanly:', error)
    }
  }

  app.on('second-instance', focusWindow)

  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows; 'activate' brings the window back.
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (windowAllowed && session.api !== null && currentWindow() === null) openWindow()
  })

  app.on('will-quit', closeArchive)

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Casefile failed to start:', error)
      dialog.showErrorBox('Casefile could not start', plainErrorMessage(error))
      closeArchive()
      app.exit(1)
    })
}

/** Imports and searches still work without their worker (on the main thread, slower); the log says why. */
function missingWorker(which: 'import' | 'search', path: string): null {
  console.warn(`Casefile's ${which} worker is missing (${path}); ${which === 'import' ? 'imports' : 'searches'} will run on the main thread.`)
  return null
}
