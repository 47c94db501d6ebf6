// Maps casefile://app/… requests to files of the built renderer. Kept free of Electron so the
// path-traversal and MIME decisions are unit-tested; security.ts only reads the file it is given.

import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'

export type RendererAsset = { kind: 'file'; path: string; contentType: string } | { kind: 'not-found' }

const NOT_FOUND: RendererAsset = { kind: 'not-found' }

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm'
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export function locateRendererAsset(rendererRoot: string, requestUrl: string): RendererAsset {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return NOT_FOUND
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return NOT_FOUND

  let pathname: string
  try {
    // The URL parser already folded literal "..", but an encoded "%2e%2e%2f" only becomes one here.
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return NOT_FOUND
  }
  // A backslash is a separator on Windows and a NUL byte truncates paths in native code.
  if (pathname.includes('\\') || pathname.includes('\0')) return NOT_FOUND

  const requested = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = resolve(rendererRoot)
  const target = resolve(root, requested)
  const inside = relative(root, target)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return NOT_FOUND
  return { kind: 'file', path: target, contentType: contentTypeFor(target) }
}

/** Headers for every response of the scheme, errors included, so no document escapes the CSP. */
export function rendererResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  }
}
