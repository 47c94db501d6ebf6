// Everything that keeps web content in its box: the privileged app scheme, the permission and
// navigation guards, and the webContents-wide defaults. The decisions live in *-policy modules.

import { readFile } from 'node:fs/promises'
import { app, protocol, session, shell, type Session, type WebContents } from 'electron'
import { APP_SCHEME } from './app-origin'
import { externalLinkTarget, isAppNavigation } from './navigation-policy'
import { locateRendererAsset, rendererResponseHeaders } from './renderer-protocol-policy'

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

/** Casefile needs no camera, microphone, notifications or anything else a page can ask for. */
function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}

/**
 * Applies the guards to every webContents Electron ever creates, not only the main window's, so a
 * webContents that appears some other way (a devtools extension, a future second window) is covered.
 */
export function guardAllWebContents(allowedOrigins: readonly string[]): void {
  denyPermissions(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowedOrigins))
}

function guardWebContents(contents: WebContents, allowedOrigins: readonly string[]): void {
  denyPermissions(contents.session)

  contents.on('will-attach-webview', (event) => event.preventDefault())

  const refuseForeignNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (isAppNavigation(event.url, allowedOrigins)) return
    event.preventDefault()
    console.warn(`Casefile blocked navigation to ${event.url.slice(0, 200)}`)
  }
  contents.on('will-navigate', refuseForeignNavigation)
  contents.on('will-frame-navigate', refuseForeignNavigation)
  contents.on('will-redirect', refuseForeignNavigation)

  // No page ever gets a second window; a web link opens in the user's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url)
    if (external !== null) {
      shell.openExternal(external).catch((error: unknown) => console.warn(`Could not open ${external}:`, error))
    }
    return { action: 'deny' }
  })
}
