// A stand-in for the `electron` module, for loading the built main process under plain Node. It
// records what the main process asks of Electron (and when: before or after `ready`), answers with
// plausible values, and lets the test drive it (become ready, call an IPC handler as some frame,
// fetch from the app's scheme, open a link, start a download, right-click).
//
// What this proves: how the app WIRES Electron's APIs — which handlers, options, guards and paths it
// hands over. It proves nothing about what Electron then does with them; docs/ELECTRON.md lists
// those checks, to be made by hand with a real Electron.
//
// Every export the main process imports must exist here; a missing one fails at link time, loudly.

import { EventEmitter } from 'node:events'

/** What happened, in order, each stamped with whether `ready` had fired yet. */
export const record = {
  calls: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  windows: [],
  sessions: [],
  dialogs: [],
  menus: [],
  menuPlaces: [],
  applicationMenu: null,
  openedExternally: [],
  exitCode: null,
  quitCalled: false
}

/** Set by the runner from the test's facts before the main process is imported. */
export const facts = {
  isPackaged: false,
  paths: { appData: '', documents: '', temp: '', home: '' },
  /** What dialog.showMessageBox answers: the button index, or 'wait' to leave it pending. */
  messageBoxResponse: 'cancel',
  /** Which right-click menu item the stand-in clicks: a label prefix, or null to dismiss. */
  menuAnswer: null,
  /** The path a save dialog answers with, or null for "cancelled". */
  saveDialogAnswer: null
}

let ready = false
let resolveReady = () => {}
const whenReadyPromise = new Promise((resolve) => {
  resolveReady = resolve
})

function note(what, detail) {
  record.calls.push({ what, beforeReady: !ready, detail: detail ?? null })
}

class FakeSession extends EventEmitter {
  constructor(partition) {
    super()
    this.partition = partition
    this.spellCheckerEnabled = true
    this.dictionaryDownloadURL = null
    this.permissionRequestHandler = null
    this.permissionCheckHandler = null
    this.beforeRequest = null
    this.webRequest = { onBeforeRequest: (listener) => (this.beforeRequest = listener) }
    record.sessions.push(this)
  }
  setSpellCheckerEnabled(enabled) {
    this.spellCheckerEnabled = enabled
  }
  setSpellCheckerDictionaryDownloadURL(url) {
    this.dictionaryDownloadURL = url
  }
  setPermissionRequestHandler(handler) {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler) {
    this.permissionCheckHandler = handler
  }
}

const defaultSession = new FakeSession('default')
const partitions = new Map()

export const session = {
  get defaultSession() {
    return defaultSession
  },
  fromPartition(partition) {
    if (!partitions.has(partition)) {
      const created = new FakeSession(partition)
      partitions.set(partition, created)
      app.emit('session-created', created)
    }
    return partitions.get(partition)
  }
}

let nextContentsId = 1
let nextFrameId = 100

class FakeWebContents extends EventEmitter {
  constructor(ses) {
    super()
    this.id = nextContentsId++
    this.session = ses
    this.mainFrame = { frameTreeNodeId: nextFrameId++, url: '' }
    this.windowOpenHandler = null
    this.sent = []
    this.destroyed = false
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send(channel, payload) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return this.destroyed
  }
  getURL() {
    return this.mainFrame.url
  }
  printToPDF() {
    return Promise.resolve(new Uint8Array([0x25, 0x50, 0x44, 0x46]))
  }
  /** As if the person had zoomed in once (View › Zoom In), so coordinates must be scaled. */
  getZoomFactor() {
    return 1.25
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    note('BrowserWindow', { options })
    const partition = options?.webPreferences?.partition
    this.options = options
    this.webContents = new FakeWebContents(partition ? session.fromPartition(partition) : defaultSession)
    this.loadedURL = null
    this.destroyed = false
    this.maximized = false
    record.windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadURL(url) {
    this.loadedURL = url
    this.webContents.mainFrame.url = url
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  loadFile(path) {
    return this.loadURL(`file://${path}`)
  }
  show() {}
  focus() {}
  restore() {}
  maximize() {
    this.maximized = true
  }
  isMaximized() {
    return this.maximized
  }
  isMinimized() {
    return false
  }
  getNormalBounds() {
    return { x: this.options?.x ?? 0, y: this.options?.y ?? 0, width: this.options?.width ?? 800, height: this.options?.height ?? 600 }
  }
  isDestroyed() {
    return this.destroyed
  }
  destroy() {
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

class FakeApp extends EventEmitter {
  constructor() {
    super()
    this.name = 'Electron'
    this.paths = new Map()
  }
  get isPackaged() {
    return facts.isPackaged
  }
  setName(name) {
    note('app.setName', { name })
    this.name = name
  }
  getName() {
    return this.name
  }
  getVersion() {
    return '0.0.0-stand-in'
  }
  getPath(name) {
    if (this.paths.has(name)) return this.paths.get(name)
    if (name === 'userData') return `${facts.paths.appData}/${this.name}`
    const path = facts.paths[name]
    if (!path) throw new Error(`the stand-in has no path called ${name}`)
    return path
  }
  setPath(name, path) {
    note('app.setPath', { name, path })
    this.paths.set(name, path)
  }
  getAppPath() {
    // The app must never ask: see src/main/app/app-layout.ts.
    note('app.getAppPath')
    return '/nonexistent/app-path'
  }
  enableSandbox() {
    note('app.enableSandbox')
  }
  requestSingleInstanceLock() {
    note('app.requestSingleInstanceLock')
    return true
  }
  whenReady() {
    return whenReadyPromise
  }
  isReady() {
    return ready
  }
  quit() {
    note('app.quit')
    record.quitCalled = true
  }
  exit(code) {
    note('app.exit', { code })
    record.exitCode = code ?? 0
  }
}

export const app = new FakeApp()

/** Called by the runner: what Electron does when it has started. */
export function becomeReady() {
  ready = true
  // Whether Electron emits 'session-created' for the default session is not assumed here: the app
  // must configure that session itself (docs/ELECTRON.md lists the check with a real Electron).
  app.emit('ready')
  resolveReady()
}

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    note('protocol.registerSchemesAsPrivileged', { schemes })
  },
  handle(scheme, handler) {
    note('protocol.handle', { scheme })
    record.protocolHandlers.set(scheme, handler)
  }
}

export const ipcMain = {
  handle(channel, handler) {
    note('ipcMain.handle', { channel })
    if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    record.ipcHandlers.set(channel, handler)
  },
  removeHandler(channel) {
    record.ipcHandlers.delete(channel)
  }
}

let pendingBoxes = []

export function pendingMessageBoxes() {
  return pendingBoxes.length
}

/** Settles every message box left waiting ('wait'), with this button. */
export function answerPendingMessageBoxes(response) {
  const waiting = pendingBoxes
  pendingBoxes = []
  for (const settle of waiting) settle(response)
}

export const dialog = {
  showErrorBox(title, content) {
    note('dialog.showErrorBox')
    record.dialogs.push({ kind: 'error-box', title, content })
  },
  showMessageBox(...args) {
    const options = args.at(-1)
    note('dialog.showMessageBox')
    record.dialogs.push({ kind: 'message-box', title: options.title ?? '', message: options.message ?? '', detail: options.detail ?? '', buttons: options.buttons ?? [] })
    const answer = facts.messageBoxResponse
    if (answer === 'wait') return new Promise((settle) => pendingBoxes.push((response) => settle({ response, checkboxChecked: false })))
    const response = answer === 'cancel' ? (options.cancelId ?? 0) : answer
    return Promise.resolve({ response, checkboxChecked: false })
  },
  showOpenDialog(...args) {
    record.dialogs.push({ kind: 'open', options: args.at(-1) })
    return Promise.resolve({ canceled: true, filePaths: [] })
  },
  showSaveDialog(...args) {
    record.dialogs.push({ kind: 'save', options: args.at(-1) })
    const answer = facts.saveDialogAnswer
    return Promise.resolve(answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer })
  }
}

class FakeMenu {
  constructor(template) {
    this.template = template
  }
  static buildFromTemplate(template) {
    return new FakeMenu(template)
  }
  static setApplicationMenu(menu) {
    note('Menu.setApplicationMenu')
    record.applicationMenu = menu
  }
  popup(options) {
    record.menus.push(this.template)
    record.menuPlaces.push({ x: options?.x ?? null, y: options?.y ?? null })
    const wanted = facts.menuAnswer
    const item = wanted === null ? undefined : this.template.find((entry) => typeof entry.label === 'string' && entry.label.startsWith(wanted))
    item?.click?.()
    options?.callback?.()
  }
}

export const Menu = FakeMenu

export const shell = {
  openExternal(url) {
    record.openedExternally.push(url)
    return Promise.resolve()
  }
}

const display = { id: 1, workArea: { x: 0, y: 0, width: 1600, height: 1000 }, bounds: { x: 0, y: 0, width: 1600, height: 1000 }, scaleFactor: 1 }

export const screen = {
  getPrimaryDisplay: () => display,
  getAllDisplays: () => [display]
}

export const nativeTheme = { shouldUseDarkColors: false }

export default { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell }
