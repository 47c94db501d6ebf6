// The one application window: locked-down webPreferences, and a size and place remembered across
// runs (see window-state-policy.ts for why the saved file is not trusted).

import { BrowserWindow, nativeTheme, screen } from 'electron'
import { readWindowState, writeWindowState } from './window-state-file'
import { MIN_WINDOW_SIZE, placeWindow, type WindowState } from './window-state-policy'

export interface MainWindowOptions {
  preloadPath: string
  startUrl: string
  windowStatePath: string
  allowDevTools: boolean
}

// Matches the renderer's page background so the window does not flash white before first paint.
const DARK_BACKGROUND = '#1b1d21'
const LIGHT_BACKGROUND = '#ffffff'

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id)
  const placement = placeWindow(readWindowState(options.windowStatePath), [
    primary.workArea,
    ...others.map((display) => display.workArea)
  ])

  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Casefile',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? DARK_BACKGROUND : LIGHT_BACKGROUND,
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Off so that no dictionary is ever downloaded (security.ts keepSessionsOffline).
      spellcheck: false,
      // A middle click must not open a link in a new window behind the window-open guard's back.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.allowDevTools
    }
  })
  if (placement.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  // Saved on close rather than on every move: one small write, and the normal (unmaximised) bounds
  // are what the next launch needs.
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    writeWindowState(options.windowStatePath, state)
  })

  window.loadURL(options.startUrl).catch((error: unknown) => {
    console.error(`Casefile could not load its interface from ${options.startUrl}:`, error)
  })
  return window
}
