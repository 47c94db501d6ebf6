// Everything that keeps web content in its box and the app off the network: the privileged app
// scheme, the permission, navigation and download guards, the spellchecker's dictionary download,
// and the webContents-wide defaults. The decisions live in *-policy modules.

import { readFile } from 'node:fs/promises'
import { app, protocol, session, shell, type Session, type WebContents } from 'electron'
import { APP_SCHEME } from './app-origin'
import { downloadDialog, isAppDownload } from './download-policy'
import type { ExportFolder } from './export-folder'
import { externalLinkTarget, isAppNavigation } from './navigation-policy'
import { locateRendererAsset, rendererResponseHeaders } from './renderer-protocol-policy'

/**
 * Where Chromium would fetch spellchecker dictionaries if anything turned the spellchecker back on:
 * the discard port of this machine, so even then no request leaves it.
 */
export const NO_DICTIONARY_SERVER = 'http://127.0.0.1:9/'

/** Must run before `ready`: Chromium fixes the set of standard schemes at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // Deliberately not corsEnabled and not bypassCSP: other origins cannot read app files, and the
    // CSP header applies to the app itself.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves the built renderer from `rendererRoot` under casefile://app/. Call after `ready`. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed')
    const asset = locateRendererAsset(rendererRoot, request.url)
    if (asset.kind === 'not-found') return plainResponse(404, 'Not found')
    let body: Buffer
    try {
      body = await readFile(asset.path)
    } catch {
      // Missing files and directories alike; the renderer never needs a listing.
      return plainResponse(404, 'Not found')
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: rendererResponseHeaders(asset.contentType)
    })
  })
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: rendererResponseHeaders('text/plain; charset=utf-8') })
}

/**
 * On Windows and Linux Chromium downloads Hunspell dictionaries from Google for the system's
 * language as soon as a session's spellchecker starts. Casefile never needs the network, so the
 * spellchecker is off in every session (and every window, see window.ts) and points at nothing.
 * Registered before `ready`, so the default session is covered from the moment it exists.
 */
export function keepSessionsOffline(): void {
  app.on('session-created', keepSessionOffline)
}

function keepSessionOffline(target: Session): void {
  target.setSpellCheckerEnabled(false)
  target.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_SERVER)
}

/** Casefile needs no camera, microphone, notifications or anything else a page can ask for. */
function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}

const guardedSessions = new WeakSet<Session>()

function guardSession(target: Session, allowedOrigins: readonly string[], folder: ExportFolder): void {
  if (guardedSessions.has(target)) return
  guardedSessions.add(target)
  keepSessionOffline(target)
  denyPermissions(target)
  target.on('will-download', (event, item) => {
    if (!isAppDownload(item.getURL(), allowedOrigins)) {
      event.preventDefault()
      console.warn(`Casefile refused a download of ${item.getURL().slice(0, 200)}`)
      return
    }
    item.setSaveDialogOptions(downloadDialog(item.getFilename(), folder.current))
    item.once('done', (_done, state) => {
      if (state === 'completed') folder.savedAt(item.getSavePath())
    })
  })
}

/**
 * Applies the guards to every webContents Electron ever creates, not only the main window's, so a
 * webContents that appears some other way (a devtools extension, a future second window) is covered.
 */
export function guardAllWebContents(allowedOrigins: readonly string[], folder: ExportFolder): void {
  guardSession(session.defaultSession, allowedOrigins, folder)
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowedOrigins, folder))
}

function guardWebContents(contents: WebContents, allowedOrigins: readonly string[], folder: ExportFolder): void {
  guardSession(contents.session, allowedOrigins, folder)

  contents.on('will-attach-webview', (event) => event.preventDefault())

  const refuseForeignNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (isAppNavigation(event.url, allowedOrigins)) return
    event.preventDefault()
    console.warn(`Casefile blocked navigation to ${event.url.slice(0, 200)}`)
  }
  contents.on('will-navigate', refuseForeignNavigation)
  contents.on('will-frame-navigate', refuseForeignNavigation)
  contents.on('will-redirect', refuseForeignNavigation)

  // No page ever gets a second window; a web link opens in the user's browser instead, an e-mail
  // address in their mail program.
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url)
    if (external !== null) {
      shell.openExternal(external).catch((error: unknown) => console.warn(`Could not open ${external}:`, error))
    }
    return { action: 'deny' }
  })
}
