import { describe, expect, it } from 'vitest'
import { APP_ORIGIN, trustedOrigins } from '../../../../src/main/app/app-origin'
import { isTrustedSender } from '../../../../src/main/app/sender-trust-policy'

const production = trustedOrigins(null)
const development = trustedOrigins('http://localhost:5173')
const mainFrame = { isMainFrame: true, isOurWebContents: true }

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing the app', () => {
    expect(isTrustedSender({ ...mainFrame, frameUrl: `${APP_ORIGIN}/index.html` }, production)).toBe(true)
    expect(isTrustedSender({ ...mainFrame, frameUrl: `${APP_ORIGIN}/index.html#/notes/3` }, production)).toBe(true)
  })

  it('refuses a subframe even when it shows the app', () => {
    expect(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false, isOurWebContents: true }, production)).toBe(false)
  })

  it('refuses any other webContents', () => {
    expect(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, isOurWebContents: false }, production)).toBe(false)
  })

  it('refuses a frame Electron no longer knows', () => {
    expect(isTrustedSender({ ...mainFrame, frameUrl: null }, production)).toBe(false)
  })

  it('refuses foreign and look-alike origins', () => {
    for (const frameUrl of [
      'https://example.org/',
      'file:///home/user/out/renderer/index.html',
      'casefile://app.evil/index.html',
      'casefile://other/index.html',
      'http://app/index.html',
      'about:blank',
      'data:text/html,hi',
      '',
      'not a url'
    ]) {
      expect(isTrustedSender({ ...mainFrame, frameUrl }, production), frameUrl).toBe(false)
    }
  })

  it('ignores user info, which is not part of an origin', () => {
    expect(isTrustedSender({ ...mainFrame, frameUrl: 'casefile://someone@app/index.html' }, production)).toBe(true)
  })

  it('trusts the dev server only when it is in the allowed list', () => {
    expect(isTrustedSender({ ...mainFrame, frameUrl: 'http://localhost:5173/' }, development)).toBe(true)
    expect(isTrustedSender({ ...mainFrame, frameUrl: 'http://localhost:5173/' }, production)).toBe(false)
    expect(isTrustedSender({ ...mainFrame, frameUrl: 'http://localhost:5174/' }, development)).toBe(false)
  })
})
