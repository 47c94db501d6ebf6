// Main-process entry: the app's lifecycle. It wires the pieces together and owns no policy of its own.
// Main is an ES module, which Electron loads asynchronously: everything that must precede `ready`
// (name, paths, sandbox, scheme) runs synchronously at the top level, with no top-level await.

import { app, BrowserWindow, dialog, Menu } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_ARCHIVE_NAME, importWorkerPath, nativeBindingPath, sampleDir } from '../core/index'
import { APP_ENTRY_URL, devServerOrigin, trustedOrigins } from './app-origin'
import { importFilesCommand, newArchiveCommand, openArchiveCommand, openStartupArchive } from './archive-commands'
import { pickSavePath } from './archive-dialogs'
import { printPdfWithElectron } from './electron-pdf-printer'
import { backupArchiveCommand, checkArchiveCommand, restoreArchiveCommand, undoRestoreCommand } from './maintenance-menu-commands'
import { startupArchivePath } from './startup-archive-path'
import { ArchiveSession } from './archive-session'
import { eventSender, registerIpc } from './ipc'
import { buildApplicationMenu } from './menu'
import { plainErrorMessage } from './plain-error-message'
import { guardAllWebContents, registerAppScheme, serveRenderer } from './security'
import { WINDOW_STATE_FILE } from './window-state-file'
import { createMainWindow } from './window'

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const devOrigin = devServerOrigin(devServerUrl, app.isPackaged)
const allowedOrigins = trustedOrigins(devOrigin)

app.setName('Casefile')
// Set explicitly so the archive lives in ~/.config/Casefile whatever package.json's name says.
app.setPath('userData', join(app.getPath('appData'), 'Casefile'))
app.enableSandbox()
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one archive is what WAL cannot save us from; the first instance is focused.
  app.quit()
} else {
  run()
}

function run(): void {
  const session = new ArchiveSession({
    seedDir: sampleDir(app.getAppPath()),
    nativeBinding: nativeBindingPath(app.getAppPath(), process.versions.modules),
    importWorker: importWorkerPath(join(outDir, 'main')),
    chooseSavePath: (request) => pickSavePath(currentWindow(), request),
    printPdf: printPdfWithElectron
  })
  let mainWindow: BrowserWindow | null = null
  const currentWindow = (): BrowserWindow | null => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null)
  let closed = false

  const openWindow = (): void => {
    const window = createMainWindow({
      preloadPath: join(outDir, 'preload', 'index.cjs'),
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
    guardAllWebContents(allowedOrigins)
    serveRenderer(join(outDir, 'renderer'))

    const archivePath = startupArchivePath(process.argv, process.env, join(app.getPath('userData'), DEFAULT_ARCHIVE_NAME))
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
        importFiles: () => void importFilesCommand(session, currentWindow()).catch(reportCommandFailure),
        checkArchive: () => void checkArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        backupArchive: () => void backupArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        restoreArchive: () => void restoreArchiveCommand(session, currentWindow()).catch(reportCommandFailure),
        undoRestore: () => void undoRestoreCommand(session, currentWindow()).catch(reportCommandFailure)
      })
    )
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
    if (app.isReady() && session.api !== null && currentWindow() === null) openWindow()
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
