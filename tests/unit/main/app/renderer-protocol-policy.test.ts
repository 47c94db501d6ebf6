import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../../src/main/app/content-security-policy'
import { contentTypeFor, locateRendererAsset, rendererResponseHeaders } from '../../../../src/main/app/renderer-protocol-policy'

const root = resolve('/srv/casefile/out/renderer')

describe('locateRendererAsset', () => {
  it('maps the root and files under the app host into the renderer folder', () => {
    expect(locateRendererAsset(root, 'casefile://app/')).toEqual({ kind: 'file', path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' })
    expect(locateRendererAsset(root, 'casefile://app/assets/index-abc.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8'
    })
  })

  it('ignores query and fragment', () => {
    expect(locateRendererAsset(root, 'casefile://app/index.html?x=1#/notes')).toMatchObject({ path: join(root, 'index.html') })
  })

  it('decodes escaped names', () => {
    expect(locateRendererAsset(root, 'casefile://app/assets/a%20b.css')).toMatchObject({ path: join(root, 'assets', 'a b.css') })
  })

  it('refuses every way out of the renderer folder', () => {
    for (const url of [
      'casefile://app/../../etc/passwd',
      'casefile://app/%2e%2e/%2e%2e/etc/passwd',
      'casefile://app/assets/%2e%2e%2f%2e%2e%2fsecret',
      'casefile://app/..%2f..%2fsecret',
      'casefile://app/%2fetc%2fpasswd/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      'casefile://app/..%5c..%5csecret',
      'casefile://app/index.html%00.png',
      'casefile://app/%E0%A4%A'
    ]) {
      const asset = locateRendererAsset(root, url)
      if (asset.kind === 'file') expect(asset.path.startsWith(root + '/'), `${url} → ${asset.path}`).toBe(true)
    }
    // The URL parser folds encoded dot segments at the root, so they can only land inside.
    expect(locateRendererAsset(root, 'casefile://app/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({ path: join(root, 'etc', 'passwd') })
    expect(locateRendererAsset(root, 'casefile://app/..%2f..%2fsecret')).toEqual({ kind: 'not-found' })
    expect(locateRendererAsset(root, 'casefile://app/..%5c..%5csecret')).toEqual({ kind: 'not-found' })
    expect(locateRendererAsset(root, 'casefile://app/index.html%00.png')).toEqual({ kind: 'not-found' })
    expect(locateRendererAsset(root, 'casefile://app/%E0%A4%A')).toEqual({ kind: 'not-found' })
  })

  it('keeps files whose names merely start with two dots', () => {
    expect(locateRendererAsset(root, 'casefile://app/..hidden.js')).toMatchObject({ kind: 'file', path: join(root, '..hidden.js') })
  })

  it('serves only the app host of the app scheme', () => {
    expect(locateRendererAsset(root, 'casefile://other/index.html')).toEqual({ kind: 'not-found' })
    expect(locateRendererAsset(root, 'https://app/index.html')).toEqual({ kind: 'not-found' })
    expect(locateRendererAsset(root, 'not a url')).toEqual({ kind: 'not-found' })
  })
})

describe('contentTypeFor', () => {
  it('knows what the renderer build contains', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('a.SVG')).toBe('image/svg+xml')
    expect(contentTypeFor('font.woff2')).toBe('font/woff2')
    expect(contentTypeFor('unknown.bin')).toBe('application/octet-stream')
    expect(contentTypeFor('no-extension')).toBe('application/octet-stream')
  })
})

describe('rendererResponseHeaders', () => {
  it('puts the CSP and nosniff on every response', () => {
    const headers = rendererResponseHeaders('text/plain; charset=utf-8')
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
  })
})
