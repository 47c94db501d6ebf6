// Runs a built Casefile main process (out/main/index.js) under plain Node with the stand-in
// `electron` module, in a child process the test drives over IPC (see main-process.ts). The
// process facts Electron would provide (process.resourcesPath, process.versions.modules and
// .electron, the command line) come from the test as JSON in CASEFILE_STAND_IN.

import { register } from 'node:module'
import { pathToFileURL } from 'node:url'

register('./hooks.mjs', import.meta.url)

const given = JSON.parse(process.env.CASEFILE_STAND_IN ?? '{}')
Object.defineProperty(process.versions, 'modules', { value: given.moduleVersion, enumerable: true, configurable: true })
Object.defineProperty(process.versions, 'electron', { value: given.electronVersion, enumerable: true, configurable: true })
process.resourcesPath = given.resourcesPath
process.argv.push(...given.argv)

const standIn = await import('./electron.mjs')
const { record, facts } = standIn
facts.isPackaged = given.isPackaged
facts.paths = given.paths
facts.messageBoxResponse = given.messageBoxResponse
facts.saveDialogAnswer = given.saveDialogAnswer

await import(pathToFileURL(given.main).href)

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until start-up has reached a resting point: a window, an exit, a quit or a waiting dialog. */
async function settle(timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (record.windows.some((window) => window.loadedURL !== null) || record.exitCode !== null || record.quitCalled) break
    if (facts.messageBoxResponse === 'wait' && standIn.pendingMessageBoxes() > 0) break
    await sleep(20)
  }
  // Let whatever the last step scheduled run too.
  await sleep(50)
}

function menuLabels(template) {
  return (template ?? []).map((item) => ({
    label: item.label ?? null,
    role: item.role ?? null,
    type: item.type ?? null,
    enabled: item.enabled ?? true,
    accelerator: item.accelerator ?? null,
    submenu: Array.isArray(item.submenu) ? menuLabels(item.submenu) : null
  }))
}

function report() {
  return {
    calls: record.calls.map((call) => ({ ...call, detail: call.detail === null ? null : JSON.parse(JSON.stringify(call.detail)) })),
    ipcChannels: [...record.ipcHandlers.keys()],
    protocolSchemes: [...record.protocolHandlers.keys()],
    windows: record.windows.map((window) => ({ options: JSON.parse(JSON.stringify(window.options)), loadedURL: window.loadedURL, hasWindowOpenHandler: window.webContents.windowOpenHandler !== null })),
    sessions: record.sessions.map((ses) => ({
      partition: ses.partition,
      spellCheckerEnabled: ses.spellCheckerEnabled,
      dictionaryDownloadURL: ses.dictionaryDownloadURL,
      hasPermissionHandler: ses.permissionRequestHandler !== null,
      downloadListeners: ses.listenerCount('will-download')
    })),
    appListeners: Object.fromEntries(standIn.app.eventNames().map((name) => [String(name), standIn.app.listenerCount(name)])),
    dialogs: record.dialogs.map((box) => JSON.parse(JSON.stringify(box))),
    menus: record.menus.map(menuLabels),
    menuPlaces: record.menuPlaces.slice(),
    applicationMenu: record.applicationMenu === null ? null : menuLabels(record.applicationMenu.template),
    openedExternally: record.openedExternally.slice(),
    exitCode: record.exitCode,
    quitCalled: record.quitCalled,
    userData: standIn.app.getPath('userData')
  }
}

function mainWindow() {
  const window = record.windows.find((candidate) => candidate.options?.webPreferences?.preload !== undefined)
  if (window === undefined) throw new Error('the main process has not created its window')
  return window
}

/** A frame as the IPC handler sees it: the window's main frame, or one of the impostors. */
function senderFor(kind) {
  const window = mainWindow()
  const contents = window.webContents
  switch (kind) {
    case 'window':
      return { sender: contents, senderFrame: { url: contents.mainFrame.url, frameTreeNodeId: contents.mainFrame.frameTreeNodeId } }
    case 'foreign-origin':
      return { sender: contents, senderFrame: { url: 'https://evil.example/index.html', frameTreeNodeId: contents.mainFrame.frameTreeNodeId } }
    case 'subframe':
      return { sender: contents, senderFrame: { url: contents.mainFrame.url, frameTreeNodeId: contents.mainFrame.frameTreeNodeId + 1 } }
    case 'other-contents':
      return { sender: { id: contents.id + 1000 }, senderFrame: { url: contents.mainFrame.url, frameTreeNodeId: contents.mainFrame.frameTreeNodeId } }
    default:
      throw new Error(`unknown sender ${kind}`)
  }
}

async function fetchFromScheme(url, method) {
  const scheme = new URL(url).protocol.slice(0, -1)
  const handler = record.protocolHandlers.get(scheme)
  if (handler === undefined) return { status: null }
  const response = await handler(new Request(url, { method }))
  const body = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), length: body.length, text: body.subarray(0, 400).toString('utf8') }
}

/** A download as Electron starts one; `savedAs`, when given, is where the person saved it. */
function download(url, filename, savedAs) {
  const contents = mainWindow().webContents
  let prevented = false
  let dialogOptions = null
  let done = null
  const item = {
    getURL: () => url,
    getFilename: () => filename,
    setSaveDialogOptions: (options) => (dialogOptions = options),
    getSavePath: () => savedAs ?? '',
    once: (event, listener) => {
      if (event === 'done') done = listener
    }
  }
  contents.session.emit('will-download', { preventDefault: () => (prevented = true) }, item, contents)
  if (!prevented && savedAs !== undefined && done !== null) done({}, 'completed')
  return { prevented, dialogOptions }
}

async function handle(message) {
  switch (message.cmd) {
    case 'ready':
      standIn.becomeReady()
      await settle(message.timeoutMs ?? 20_000)
      return report()
    case 'report':
      return report()
    case 'settle':
      await settle(message.timeoutMs ?? 20_000)
      return report()
    case 'invoke': {
      const handler = record.ipcHandlers.get(message.channel)
      if (handler === undefined) return { noHandler: true }
      return { result: await handler(senderFor(message.sender), message.args) }
    }
    case 'fetch':
      return fetchFromScheme(message.url, message.method ?? 'GET')
    case 'window-open': {
      const contents = mainWindow().webContents
      const answer = contents.windowOpenHandler({ url: message.url })
      await sleep(10)
      return { answer, openedExternally: record.openedExternally.slice() }
    }
    case 'navigate': {
      let prevented = false
      mainWindow().webContents.emit('will-navigate', { url: message.url, preventDefault: () => (prevented = true) })
      return { prevented }
    }
    case 'download':
      return download(message.url, message.filename, message.savedAs)
    case 'new-session':
      // A session made after start-up, as the PDF printer's is: does it come up offline too?
      standIn.session.fromPartition(message.partition)
      return report()
    case 'contents-event': {
      // will-frame-navigate, will-redirect, will-attach-webview: did the guard refuse it?
      let prevented = false
      mainWindow().webContents.emit(message.event, { url: message.url, preventDefault: () => (prevented = true) })
      return { prevented }
    }
    case 'permission': {
      const ses = mainWindow().webContents.session
      const granted = await new Promise((resolve) => ses.permissionRequestHandler(mainWindow().webContents, message.permission, resolve))
      return { granted, checked: ses.permissionCheckHandler(mainWindow().webContents, message.permission) }
    }
    case 'menu-answer':
      facts.menuAnswer = message.answer
      return {}
    case 'answer-boxes':
      standIn.answerPendingMessageBoxes(message.response)
      return {}
    case 'emit-app':
      standIn.app.emit(message.event)
      await sleep(50)
      return report()
    case 'wait-for-jobs': {
      const handler = record.ipcHandlers.get('casefile:listJobs')
      const deadline = Date.now() + (message.timeoutMs ?? 60_000)
      for (;;) {
        const listed = await handler(senderFor('window'), undefined)
        if (!listed.ok || listed.value.every((job) => job.state !== 'running') || Date.now() > deadline) return listed
        await sleep(100)
      }
    }
    default:
      throw new Error(`unknown command ${message.cmd}`)
  }
}

process.on('message', (message) => {
  handle(message).then(
    (value) => process.send({ id: message.id, ok: true, value }),
    (error) => process.send({ id: message.id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) })
  )
})
process.send({ id: 0, ok: true, value: 'loaded' })
