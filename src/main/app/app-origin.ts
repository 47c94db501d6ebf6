// The renderer is served from a custom scheme rather than file:// so that it has a real origin:
// the CSP's 'self', the IPC sender check and the navigation guard all compare against it.

export const APP_SCHEME = 'casefile'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * scheme://host[:port] of a URL, or null when it has none. Built by hand because Node's URL reports
 * the origin of every non-web scheme (ours included) as the string "null".
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.host === '') return null
  return `${parsed.protocol}//${parsed.host}`
}

/**
 * The dev server electron-vite announces, as an origin, or null. A packaged app never trusts it:
 * the variable could be set by anyone who can start the program.
 */
export function devServerOrigin(devServerUrl: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || devServerUrl === undefined || devServerUrl === '') return null
  const origin = originOf(devServerUrl)
  if (origin === null) return null
  return origin.startsWith('http://') || origin.startsWith('https://') ? origin : null
}

/** Origins whose main frame may call the API and to which the window may navigate. */
export function trustedOrigins(devOrigin: string | null): readonly string[] {
  return devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin]
}
