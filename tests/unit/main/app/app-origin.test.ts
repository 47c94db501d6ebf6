import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, APP_ORIGIN, devServerOrigin, originOf, trustedOrigins } from '../../../../src/main/app/app-origin'

describe('originOf', () => {
  it('gives the custom scheme a real origin, unlike URL#origin', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null')
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN)
  })

  it('keeps a non-default port and drops a default one', () => {
    expect(originOf('http://localhost:5173/src/main.ts')).toBe('http://localhost:5173')
    expect(originOf('https://example.org:443/x')).toBe('https://example.org')
  })

  it('has no origin for host-less or unparsable URLs', () => {
    expect(originOf('about:blank')).toBeNull()
    expect(originOf('file:///etc/passwd')).toBeNull()
    expect(originOf('javascript:alert(1)')).toBeNull()
    expect(originOf('')).toBeNull()
  })
})

describe('devServerOrigin', () => {
  it('uses the dev server only in an unpackaged app', () => {
    expect(devServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173')
    expect(devServerOrigin('http://localhost:5173/', true)).toBeNull()
  })

  it('ignores a missing or non-web value', () => {
    expect(devServerOrigin(undefined, false)).toBeNull()
    expect(devServerOrigin('', false)).toBeNull()
    expect(devServerOrigin('file:///tmp/x', false)).toBeNull()
    expect(devServerOrigin('casefile://evil', false)).toBeNull()
  })
})

describe('trustedOrigins', () => {
  it('always includes the app origin', () => {
    expect(trustedOrigins(null)).toEqual([APP_ORIGIN])
    expect(trustedOrigins('http://localhost:5173')).toEqual([APP_ORIGIN, 'http://localhost:5173'])
  })
})
