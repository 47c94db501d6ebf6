// Starts Casefile for an end-to-end test on whichever back end this machine has:
//  1. the real Electron app, when its binary is installed and runs;
//  2. otherwise the built renderer in headless Chromium, with the very same archive API bridged in
//     as window.casefile: the preload's own builder (createBridge) runs in the page, and its calls
//     reach serveCall through page.exposeFunction, as the app's reach it through IPC.
// When neither is available the caller is told why, so the suite can skip loudly instead of passing.

import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { _electron, chromium, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import { apiMethods, type ApiEvent, type ApiMethod } from '../../src/shared/api'
import { createBridge } from '../../src/shared/create-bridge'
import type { Result } from '../../src/shared/result'
import { createArchiveApi, importWorkerPath, openArchive, sampleDir, serveCall, type ArchiveApiOptions } from '../../src/main/core/index'
import { contextMenuTemplate } from '../../src/main/app/context-menu-template'
import type { ContextMenuCommand } from '../../src/shared/context-menu'
import { locateRendererAsset, rendererResponseHeaders } from '../../src/main/app/renderer-protocol-policy'
import { APP_ORIGIN } from '../../src/main/app/app-origin'
import { ChromiumPdfPrinter } from '../../src/main/cli/chromium-pdf-printer'

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..')
const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer')
/** The browser back end serves the renderer here; the name can never resolve on a real network. */
export const BROWSER_ORIGIN = 'https://app.casefile.invalid'

import { CHROMIUM_FLAGS } from '../../src/main/cli/chromium-flags'

export { CHROMIUM_FLAGS }

export type Backend = 'electron' | 'chromium'

export interface LaunchedCasefile {
  page: Page
  backend: Backend
  /** Requests the page tried to make outside the app (always refused); a test can assert it is empty. */
  blockedRequests: string[]
  /**
   * Files the app saved through its save dialog. The "dialog" answers at once with
   * <archive folder>/saved/<suggested name> in both back ends (in Electron, its dialog is replaced).
   */
  savedFiles(): Promise<string[]>
  /**
   * The right-click menus shown so far, as their items. From now on each menu chooses `command`
   * (null: dismissed) instead of waiting for a person.
   */
  answerContextMenus(command: ContextMenuCommand): Promise<void>
  contextMenus(): Promise<MenuShown[]>
  close(): Promise<void>
}

export interface MenuShown {
  items: { label: string; enabled: boolean }[]
}

/** Electron's own labels for the editing roles the menu uses. */
const ROLE_LABELS: Readonly<Record<string, string>> = { cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All' }

export class BackendUnavailable extends Error {}

/**
 * The Electron executable, if it is installed and answers. Looked up without require('electron'),
 * which would try to download the binary on a machine that has none.
 */
function electronBinary(): string | null {
  if (process.env.CASEFILE_E2E_BACKEND === 'chromium') return null
  const packageDir = join(PROJECT_ROOT, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  // The same Electron npm start runs: ELECTRON_EXEC_PATH (a hand-copied one), else the installed one.
  const handCopied = process.env.ELECTRON_EXEC_PATH
  const binary = handCopied ? resolve(handCopied) : relative ? join(packageDir, 'dist', relative) : null
  if (!binary || !existsSync(binary)) return null
  const probe = spawnSync(binary, ['--version'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 15_000 })
  return probe.status === 0 ? binary : null
}

export function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  return existsSync(candidate) ? candidate : null
}

async function launchElectron(binary: string, archivePath: string): Promise<LaunchedCasefile> {
  const main = join(PROJECT_ROOT, 'out', 'main', 'index.js')
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` before the end-to-end tests.`)
  const folder = dirname(resolve(archivePath))
  // Its own user-data folder: never the person's ~/.config/Casefile, never their Casefile's lock.
  const userData = join(folder, 'user-data')
  const app: ElectronApplication = await _electron.launch({
    executablePath: binary,
    args: [main, `--archive=${archivePath}`, `--user-data-dir=${userData}`],
    env: { ...process.env, CASEFILE_ARCHIVE: archivePath }
  })
  // Native dialogs and menus cannot be clicked by Playwright: the save dialog answers with
  // <archive folder>/saved/<name> and menus choose what the test asked for, recorded as they go.
  await app.evaluate(({ dialog, Menu }, savedDir) => {
    const scope = globalThis as unknown as { __casefileSaved: string[]; __casefileMenus: { items: { label: string; enabled: boolean }[] }[]; __casefileMenuAnswer: string | null }
    scope.__casefileSaved = []
    scope.__casefileMenus = []
    scope.__casefileMenuAnswer = null
    const answerSave = async (...args: unknown[]) => {
      const options = args.at(-1) as { defaultPath?: string }
      const name = (options.defaultPath ?? 'export').split(/[\\/]/).pop() ?? 'export'
      const filePath = `${savedDir}/${name}`
      scope.__casefileSaved.push(filePath)
      return { canceled: false, filePath }
    }
    dialog.showSaveDialog = answerSave as typeof dialog.showSaveDialog
    Menu.prototype.popup = function (this: Electron.Menu, options?: Electron.PopupOptions) {
      scope.__casefileMenus.push({ items: this.items.filter((item) => item.type !== 'separator').map((item) => ({ label: item.label, enabled: item.enabled })) })
      const wanted = scope.__casefileMenuAnswer
      const item = this.items.find((candidate) => (wanted === 'quote' && candidate.label === 'Quote in note…') || (wanted === 'search' && candidate.label.startsWith('Search the archive')))
      item?.click()
      options?.callback?.()
    }
  }, join(folder, 'saved'))
  const page = await app.firstWindow()
  return {
    page,
    backend: 'electron',
    blockedRequests: [],
    savedFiles: () => app.evaluate(() => (globalThis as unknown as { __casefileSaved: string[] }).__casefileSaved.slice()),
    answerContextMenus: (command) =>
      app.evaluate((_electron, answer) => {
        ;(globalThis as unknown as { __casefileMenuAnswer: string | null }).__casefileMenuAnswer = answer
      }, command),
    contextMenus: () => app.evaluate(() => (globalThis as unknown as { __casefileMenus: MenuShown[] }).__casefileMenus.slice()),
    close: () => app.close()
  }
}

/**
 * Runs in the page before any of its scripts, as the preload runs before the app's: window.casefile
 * is made by `build` (createBridge, whose source text is put into the page) over the function the
 * harness exposes. Only the local members differ from the preload's, because only they can.
 */
function installBridge(build: typeof createBridge, { methods, dropDir }: { methods: readonly ApiMethod[]; dropDir: string }): void {
  type Invoke = (method: ApiMethod, args: unknown) => Promise<Result<unknown>>
  const scope = globalThis as unknown as { __casefileInvoke: Invoke; __casefileDispatch?: (event: ApiEvent) => void }
  const invoke = scope.__casefileInvoke
  const listeners = new Set<(event: ApiEvent) => void>()
  Object.defineProperty(scope, '__casefileDispatch', {
    value: (event: ApiEvent) => listeners.forEach((listener) => listener(event)),
    enumerable: false
  })
  const bridge = build(methods, (method, args) => invoke(method, args), {
    onEvent: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    // In the app the preload asks Electron where a dropped file lives; a page in plain Chromium
    // cannot know, so dropped files are looked up by name in the test's drop folder.
    pathForFile: (file) => `${dropDir}/${file.name}`
  })
  Object.defineProperty(globalThis, 'casefile', { value: bridge, enumerable: true })
}

async function launchChromium(executablePath: string, archivePath: string, dropDir: string): Promise<LaunchedCasefile> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npm run build\` before the end-to-end tests.`)
  }
  let archive = await openArchive(archivePath, { create: true, seedDir: sampleDir(PROJECT_ROOT), nativeBinding: null })
  let page: Page | null = null
  const pending: ApiEvent[] = []
  const dispatch = (event: ApiEvent) => {
    if (!page) {
      pending.push(event)
      return
    }
    page.evaluate((e) => (globalThis as unknown as { __casefileDispatch: (e: unknown) => void }).__casefileDispatch(e), event).catch(() => {
      // The page may be closing; events after that have no one to go to.
    })
  }
  // The built worker, as in the app: imports run off the thread that serves the page. The save
  // dialog answers with a file in saved/ beside the archive; PDFs print with this same Chromium.
  const savedFiles: string[] = []
  const savedDir = join(dirname(resolve(archivePath)), 'saved')
  // The menu the app would show, built by the app's own template; it chooses what the test asked.
  const menus: MenuShown[] = []
  let menuAnswer: ContextMenuCommand = null
  const options: ArchiveApiOptions = {
    importWorker: importWorkerPath(join(PROJECT_ROOT, 'out', 'main')),
    searchWorker: join(PROJECT_ROOT, 'out', 'main', 'search-worker.js'),
    chooseSavePath: async (request) => {
      mkdirSync(savedDir, { recursive: true })
      const path = join(savedDir, request.suggestedName.replace(/[\\/:*?"<>|]/g, '_'))
      savedFiles.push(path)
      return path
    },
    pdfPrinter: new ChromiumPdfPrinter(executablePath),
    showContextMenu: async (request) => {
      let chosen: ContextMenuCommand = null
      const template = contextMenuTemplate(request, process.platform, (command) => (chosen = command))
      menus.push({
        items: template
          .filter((item) => item.type !== 'separator')
          .map((item) => ({ label: item.label ?? ROLE_LABELS[item.role ?? ''] ?? '', enabled: item.enabled ?? true }))
      })
      const wanted = menuAnswer
      const item = template.find((candidate) => (wanted === 'quote' && candidate.label === 'Quote in note…') || (wanted === 'search' && candidate.label?.startsWith('Search the archive')))
      item?.click?.({} as never, undefined, {} as never)
      return chosen
    },
    // As the app's session does after a repair: the archive opened again, and the window told.
    reopen: async () => {
      const previous = { archive, handle }
      archive = await openArchive(archivePath, { create: false, seedDir: null, nativeBinding: null })
      handle = createArchiveApi(archive, dispatch, options)
      void previous.handle.dispose().then(() => previous.archive.close())
      const info = await handle.api.getArchiveInfo()
      if (info.ok) dispatch({ type: 'archive-changed', info: info.value })
    }
  }
  let handle = createArchiveApi(archive, dispatch, options)
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS })
  } catch (error) {
    await handle.dispose()
    archive.close()
    throw error
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
  const blockedRequests: string[] = []

  // Serve the built renderer from disk under the app's own CSP; refuse everything else.
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url.startsWith(`${BROWSER_ORIGIN}/`)) {
      const asset = locateRendererAsset(RENDERER_DIR, APP_ORIGIN + url.slice(BROWSER_ORIGIN.length))
      if (asset.kind === 'file' && existsSync(asset.path)) {
        await route.fulfill({ status: 200, headers: rendererResponseHeaders(asset.contentType), body: readFileSync(asset.path) })
        return
      }
      await route.fulfill({ status: 404, headers: rendererResponseHeaders('text/plain; charset=utf-8'), body: 'Not found' })
      return
    }
    blockedRequests.push(url)
    await route.abort('blockedbyclient')
  })

  // Served as the app's IPC calls are, by serveCall: unknown methods and bad arguments, and every
  // failure, come back as the contract's error values.
  await page.exposeFunction('__casefileInvoke', (method: unknown, args: unknown): Promise<Result<unknown>> => serveCall(handle, method, args))
  // The page gets the builder's own source text: the shared module cannot be imported there.
  await page.addInitScript({ content: `(${installBridge.toString()})(${createBridge.toString()}, ${JSON.stringify({ methods: apiMethods, dropDir })})` })
  await page.goto(`${BROWSER_ORIGIN}/index.html`)
  for (const event of pending.splice(0)) dispatch(event)

  return {
    page,
    backend: 'chromium',
    blockedRequests,
    savedFiles: () => Promise.resolve(savedFiles.slice()),
    answerContextMenus: (command) => {
      menuAnswer = command
      return Promise.resolve()
    },
    contextMenus: () => Promise.resolve(menus.slice()),
    async close() {
      await browser.close()
      await handle.dispose()
      archive.close()
    }
  }
}

/** Where files dropped on the window come from in the browser back end, unless a test says otherwise. */
export const DEFAULT_DROP_DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'import')

/** Launches Casefile on `archivePath` (created and seeded when it does not exist). */
export async function launchCasefile({ archivePath, dropDir = DEFAULT_DROP_DIR }: { archivePath: string; dropDir?: string }): Promise<LaunchedCasefile> {
  const electron = electronBinary()
  if (electron) return launchElectron(electron, archivePath)
  const browser = chromiumPath()
  if (browser) return launchChromium(browser, archivePath, dropDir)
  throw new BackendUnavailable(
    'No end-to-end back end: the Electron binary is not installed and no Chromium was found ' +
      '(set CHROMIUM_PATH or install Debian’s chromium at /usr/bin/chromium).'
  )
}
