// Wiring of the built main bundle (out/main/index.js), loaded under Node with a stand-in `electron`
// module that records what the app asks of Electron. These tests prove what the app hands to
// Electron — handlers, window options, guards, paths, dialogs — not what Electron does with them:
// docs/ELECTRON.md lists what only a real Electron can show, and how to check it by hand.

import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { apiMethods, IPC_PREFIX } from '../../src/shared/api'
import type { ArchiveInfo, ArticleSummary, QuotedPassage } from '../../src/shared/model'
import { openArchive } from '../../src/main/core/index'
import { StandInMain, type MenuEntry, type Report } from './stand-in/main-process'
import { devLayout, ELECTRON_ABI, type NativeStandIn, type TempLayout } from './stand-in/layouts'

let layout: TempLayout | null = null
let main: StandInMain | null = null

afterEach(async () => {
  await main?.stop()
  main = null
  layout?.remove()
  layout = null
})

async function startDev(native: NativeStandIn, argv: string[] = []): Promise<{ main: StandInMain; report: Report; layout: TempLayout }> {
  layout = devLayout(native, argv)
  main = await StandInMain.start(layout.facts)
  const report = await main.ready()
  return { main, report, layout }
}

function labels(entries: MenuEntry[]): string[] {
  return entries.flatMap((entry) => [entry.label ?? entry.role ?? entry.type ?? '?', ...(entry.submenu ? labels(entry.submenu) : [])])
}

describe('before ready', () => {
  it('registers the app scheme as privileged, enables the sandbox and keeps sessions offline before Electron is ready', async () => {
    layout = devLayout('loadable', [])
    main = await StandInMain.start(layout.facts)
    const before = await main.report()
    const scheme = before.calls.find((call) => call.what === 'protocol.registerSchemesAsPrivileged')
    expect(scheme?.beforeReady).toBe(true)
    expect(scheme?.detail).toEqual({ schemes: [{ scheme: 'casefile', privileges: { standard: true, secure: true, supportFetchAPI: true } }] })
    expect(before.calls.find((call) => call.what === 'app.enableSandbox')?.beforeReady).toBe(true)
    // Every session Electron creates from now on gets its spellchecker switched off.
    expect(before.appListeners['session-created']).toBe(1)
    // The user-data folder is chosen before the single-instance lock, which is keyed on it.
    const order = before.calls.map((call) => call.what)
    expect(order.indexOf('app.setPath')).toBeLessThan(order.indexOf('app.requestSingleInstanceLock'))
    expect(order).not.toContain('app.getAppPath')
  })
})

describe('a development checkout with its Electron database engine', () => {
  it('opens the default archive in the user-data folder and shows one locked-down window', async () => {
    const { report, layout } = await startDev('loadable')
    expect(report.dialogs).toEqual([])
    expect(report.exitCode).toBeNull()
    expect(report.userData).toBe(join(layout.facts.paths.appData, 'Casefile'))
    expect(existsSync(join(report.userData, 'archive.casefile'))).toBe(true)
    expect(report.windows).toHaveLength(1)
    const window = report.windows[0]!
    expect(window.loadedURL).toBe('casefile://app/index.html')
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    })
    const preload = window.options.webPreferences['preload'] as string
    expect(preload).toBe(join(layout.dir, 'checkout', 'out', 'preload', 'index.cjs'))
    expect(existsSync(preload)).toBe(true)
    expect(report.calls.map((call) => call.what)).not.toContain('app.getAppPath')
  })

  it('registers exactly one IPC handler per contract method, and no other', async () => {
    const { report } = await startDev('loadable')
    expect([...report.ipcChannels].sort()).toEqual(apiMethods.map((method) => IPC_PREFIX + method).sort())
  })

  it('answers the window and refuses a foreign origin, a subframe and another webContents', async () => {
    const { main, layout } = await startDev('loadable')
    const own = await main.invoke('getArchiveInfo', undefined, 'window')
    expect(own).toMatchObject({ ok: true })
    expect(own !== 'no handler' && own.ok && (own.value as ArchiveInfo).path).toBe(join(layout.facts.paths.appData, 'Casefile', 'archive.casefile'))
    for (const sender of ['foreign-origin', 'subframe', 'other-contents'] as const) {
      expect(await main.invoke('getArchiveInfo', undefined, sender), sender).toEqual({ ok: false, error: { code: 'bad-request', message: 'This request did not come from the Casefile window.' } })
    }
    expect(await main.invoke('getArticle', { id: 'one' }, 'window')).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(await main.invoke('runShell', {}, 'window')).toBe('no handler')
  })

  it('serves each call through serveCall: a missing note is not-found, quoting and undoing a deletion are one call each', async () => {
    const { main } = await startDev('loadable')
    expect(await main.invoke('getNote', { id: 999999 }, 'window')).toEqual({ ok: false, error: { code: 'not-found', message: 'Note 999999 was not found in this archive.' } })
    const articles = await main.invoke('listArticles', undefined, 'window')
    if (articles === 'no handler' || !articles.ok) throw new Error('listArticles was not answered')
    const article = (articles.value as ArticleSummary[])[0]!
    const quoted = await main.invoke('quoteInNote', { target: { kind: 'new', title: 'Quoted' }, articleId: article.id, start: 0, end: 6 }, 'window')
    expect(quoted).toMatchObject({ ok: true, value: { created: true, note: { title: 'Quoted' }, citation: { kind: 'article', sourceId: article.id } } })
    const noteId = quoted !== 'no handler' && quoted.ok ? (quoted.value as QuotedPassage).note.id : 0
    const deleted = await main.invoke('deleteNote', { id: noteId }, 'window')
    expect(deleted).toMatchObject({ ok: true, value: { note: { id: noteId, title: 'Quoted' }, citations: [{ kind: 'article', sourceId: article.id, start: 0, end: 6 }] } })
    const restored = await main.invoke('restoreNote', deleted !== 'no handler' && deleted.ok ? deleted.value : null, 'window')
    expect(restored).toMatchObject({ ok: true, value: { title: 'Quoted' } })
  })

  it('serves the built renderer under casefile://app/ with its CSP, and refuses traversal', async () => {
    const { main } = await startDev('loadable')
    const page = await main.fetch('casefile://app/index.html', 'GET')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(page.text).toContain('<title>Casefile</title>')
    // Files that are there, one and two folders above the renderer: none may be served.
    const checkout = join(layout!.dir, 'checkout')
    writeFileSync(join(checkout, 'out', 'secret.txt'), 'one folder up\n')
    writeFileSync(join(checkout, 'secret.txt'), 'two folders up\n')
    for (const url of [
      'casefile://app/../secret.txt',
      'casefile://app/%2e%2e/secret.txt',
      'casefile://app/..%2fsecret.txt',
      'casefile://app/..%2f..%2fsecret.txt',
      'casefile://app/%2e%2e%2f%2e%2e%2fsecret.txt',
      'casefile://app/%2e%2e%5csecret.txt',
      'casefile://app/assets/..%2f..%2fsecret.txt',
      'casefile://other/index.html',
      'casefile://app/missing.js'
    ]) {
      expect((await main.fetch(url, 'GET')).status, url).toBe(404)
    }
    expect((await main.fetch('casefile://app/index.html', 'POST')).status).toBe(405)
  })

  it('keeps every session off the network: spellchecker off and pointed at nothing, permissions denied, windows and navigation refused', async () => {
    const { main, report } = await startDev('loadable')
    expect(report.sessions.length).toBeGreaterThan(0)
    for (const ses of report.sessions) {
      expect(ses.spellCheckerEnabled, ses.partition).toBe(false)
      expect(ses.dictionaryDownloadURL, ses.partition).toBe('http://127.0.0.1:9/')
      expect(ses.hasPermissionHandler, ses.partition).toBe(true)
    }
    expect(await main.send({ cmd: 'permission', permission: 'media' })).toEqual({ granted: false, checked: false })
    expect(await main.send({ cmd: 'navigate', url: 'https://example.org/' })).toEqual({ prevented: true })
    expect(await main.send({ cmd: 'navigate', url: 'casefile://app/index.html' })).toEqual({ prevented: false })
    for (const event of ['will-frame-navigate', 'will-redirect']) {
      expect(await main.send({ cmd: 'contents-event', event, url: 'https://example.org/' }), event).toEqual({ prevented: true })
      expect(await main.send({ cmd: 'contents-event', event, url: 'casefile://app/index.html' }), event).toEqual({ prevented: false })
    }
    expect(await main.send({ cmd: 'contents-event', event: 'will-attach-webview', url: 'casefile://app/index.html' })).toEqual({ prevented: true })
    // A session created later (the PDF printer makes its own) comes up offline as well.
    const later = await main.send<Report>({ cmd: 'new-session', partition: 'made-later' })
    expect(later.sessions.find((ses) => ses.partition === 'made-later')).toMatchObject({ spellCheckerEnabled: false, dictionaryDownloadURL: 'http://127.0.0.1:9/' })
  })

  it('hands web links to the browser and e-mail addresses to the mail program, and nothing else anywhere', async () => {
    const { main } = await startDev('loadable')
    type Opened = { answer: { action: string }; openedExternally: string[] }
    const web = await main.send<Opened>({ cmd: 'window-open', url: 'https://www.colorlines.com/articles/x' })
    expect(web.answer).toEqual({ action: 'deny' })
    const mail = await main.send<Opened>({ cmd: 'window-open', url: 'mailto:press@example.org?subject=Review' })
    const file = await main.send<Opened>({ cmd: 'window-open', url: 'file:///etc/passwd' })
    expect(file.answer).toEqual({ action: 'deny' })
    expect(mail.openedExternally).toEqual(['https://www.colorlines.com/articles/x', 'mailto:press@example.org?subject=Review'])
    expect(file.openedExternally).toHaveLength(2)
  })

  it('gives a chart download a titled save dialog in the export folder, and refuses downloads the app did not make', async () => {
    const { main, layout } = await startDev('loadable')
    type Downloaded = { prevented: boolean; dialogOptions: { title: string; defaultPath: string; filters: unknown[] } | null }
    const png = await main.send<Downloaded>({ cmd: 'download', url: 'blob:casefile://app/6a1f0c8e-0000-4000-8000-000000000000', filename: 'Removals by year.png' })
    expect(png.prevented).toBe(false)
    expect(png.dialogOptions).toEqual({ title: 'Save chart as picture', defaultPath: join(layout.facts.paths.documents, 'Removals by year.png'), filters: [{ name: 'PNG image', extensions: ['png'] }] })
    const csv = await main.send<Downloaded>({ cmd: 'download', url: 'blob:casefile://app/6a1f0c8e-0000-4000-8000-000000000001', filename: 'Removals by year.csv' })
    expect(csv.dialogOptions?.title).toBe('Save chart numbers as CSV')
    for (const url of ['https://example.org/setup.exe', 'blob:https://evil.example/1234', 'data:text/plain,x']) {
      expect(await main.send<Downloaded>({ cmd: 'download', url, filename: 'x.png' }), url).toEqual({ prevented: true, dialogOptions: null })
    }
    // Saved elsewhere: the next save dialog starts there.
    const reports = join(layout.dir, 'Reports')
    await main.send<Downloaded>({ cmd: 'download', url: 'blob:casefile://app/6a1f0c8e-0000-4000-8000-000000000002', filename: 'a.png', savedAs: join(reports, 'a.png') })
    const next = await main.send<Downloaded>({ cmd: 'download', url: 'blob:casefile://app/6a1f0c8e-0000-4000-8000-000000000003', filename: 'b.csv' })
    expect(next.dialogOptions?.defaultPath).toBe(join(reports, 'b.csv'))
  })

  it('shows the right-click menu the page asks for and answers with the command chosen', async () => {
    const { main } = await startDev('loadable')
    const request = { selection: 'closed 4,403 cases', editable: false, quotable: true, x: 10, y: 20 }
    await main.send({ cmd: 'menu-answer', answer: 'Quote in note' })
    expect(await main.invoke('showContextMenu', request, 'window')).toEqual({ ok: true, value: { command: 'quote' } })
    await main.send({ cmd: 'menu-answer', answer: 'Search the archive' })
    expect(await main.invoke('showContextMenu', request, 'window')).toEqual({ ok: true, value: { command: 'search' } })
    await main.send({ cmd: 'menu-answer', answer: null })
    expect(await main.invoke('showContextMenu', { selection: '', editable: true, quotable: false, x: 10, y: 20 }, 'window')).toEqual({ ok: true, value: { command: null } })
    const report = await main.report()
    expect(report.menus.map(labels)).toEqual([
      ['Quote in note…', 'Search the archive for “closed 4,403 cases”', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll'],
      ['Quote in note…', 'Search the archive for “closed 4,403 cases”', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll'],
      ['cut', 'copy', 'paste', 'separator', 'selectAll']
    ])
    expect(report.menus[2]!.map((entry) => entry.enabled)).toEqual([false, false, true, true, true])
    // Where the page said, scaled by the page's zoom (the stand-in's is 1.25).
    expect(report.menuPlaces).toEqual([{ x: 13, y: 25 }, { x: 13, y: 25 }, { x: 13, y: 25 }])
    expect(await main.invoke('showContextMenu', request, 'foreign-origin')).toMatchObject({ ok: false })
  })

  it('offers Import files… and Import folder… in the File menu (one dialog cannot pick both off macOS)', async () => {
    const { report } = await startDev('loadable')
    const file = report.applicationMenu?.find((entry) => entry.label === 'File')
    expect(labels(file?.submenu ?? [])).toEqual(expect.arrayContaining(['Import files…', 'Import folder…']))
  })

  it('keeps the archive and the lock in the folder --user-data-dir names', async () => {
    layout = devLayout('loadable', [])
    const elsewhere = join(layout.dir, 'e2e-user-data')
    main = await StandInMain.start({ ...layout.facts, argv: [`--user-data-dir=${elsewhere}`] })
    const report = await main.ready()
    expect(report.userData).toBe(elsewhere)
    expect(existsSync(join(elsewhere, 'archive.casefile'))).toBe(true)
    // Nothing was created in the system's folder.
    expect(existsSync(join(layout.facts.paths.appData, 'Casefile'))).toBe(false)
  })
})

describe('start-up dialogs', () => {
  it('opens no window while start-up is still asking, even when macOS asks for one (activate)', async () => {
    layout = devLayout('loadable', [])
    // The archive to open is not one, so start-up asks what to do. The person chooses New archive…
    // and names an archive that exists: Casefile opens it and says so in a notice. While that
    // notice is up the archive is open, and a click on the Dock icon must not open a window early.
    const notAnArchive = join(layout.dir, 'notes.txt')
    writeFileSync(notAnArchive, 'not a database\n')
    const existing = join(layout.dir, 'Research.casefile')
    ;(await openArchive(existing, { create: true, seedDir: null, nativeBinding: null })).close()
    main = await StandInMain.start({ ...layout.facts, argv: [`--archive=${notAnArchive}`], messageBoxResponse: 'wait', saveDialogAnswer: existing })
    const asking = await main.ready()
    expect(asking.dialogs.map((box) => box.message)).toEqual(['Casefile could not open its archive.'])
    expect((await main.send<Report>({ cmd: 'emit-app', event: 'activate' })).windows).toHaveLength(0)

    await main.send({ cmd: 'answer-boxes', response: 1 })
    const noticed = await main.send<Report>({ cmd: 'settle' })
    expect(noticed.dialogs.map((box) => box.kind)).toEqual(['message-box', 'save', 'message-box'])
    expect(noticed.dialogs.map((box) => box.message ?? null)).toEqual(['Casefile could not open its archive.', null, 'Archive opened'])
    expect((await main.send<Report>({ cmd: 'emit-app', event: 'activate' })).windows).toHaveLength(0)

    await main.send({ cmd: 'answer-boxes', response: 0 })
    const started = await main.send<Report>({ cmd: 'settle' })
    expect(started.windows).toHaveLength(1)
    // Once the window exists, activate with a window open adds none.
    expect((await main.send<Report>({ cmd: 'emit-app', event: 'activate' })).windows).toHaveLength(1)
  })

  it('quits without a window when the person chooses Quit', async () => {
    layout = devLayout('loadable', [])
    const notAnArchive = join(layout.dir, 'notes.txt')
    writeFileSync(notAnArchive, 'not a database\n')
    main = await StandInMain.start({ ...layout.facts, argv: [`--archive=${notAnArchive}`], messageBoxResponse: 2 })
    const report = await main.ready()
    expect(report.quitCalled).toBe(true)
    expect(report.windows).toHaveLength(0)
  })
})

describe('without a usable Electron database engine', () => {
  for (const native of ['missing', 'unloadable'] as const) {
    it(`stops at once with one dialog that names the fix when the engine is ${native}`, async () => {
      const { report, layout, main } = await startDev(native)
      expect(report.dialogs).toHaveLength(1)
      const box = report.dialogs[0]!
      expect(box.kind).toBe('error-box')
      expect(box.title).toBe('Casefile cannot start')
      expect(box.content).toContain('npm run rebuild:electron-sqlite')
      expect(box.content).not.toMatch(/NODE_MODULE_VERSION|dlopen|invalid ELF|\.node\b/)
      expect(report.exitCode).toBe(1)
      expect(report.windows).toHaveLength(0)
      // Nothing was opened or created on the way.
      expect(existsSync(join(layout.facts.paths.appData, 'Casefile', 'archive.casefile'))).toBe(false)
      // The loader's own words go to the log, for whoever reads it.
      if (native === 'unloadable') expect(main.output.join('')).toContain(`electron-${ELECTRON_ABI}`)
    })
  }
})
