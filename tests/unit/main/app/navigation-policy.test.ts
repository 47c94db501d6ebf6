import { describe, expect, it } from 'vitest'
import { trustedOrigins } from '../../../../src/main/app/app-origin'
import { externalLinkTarget, isAppNavigation } from '../../../../src/main/app/navigation-policy'

describe('isAppNavigation', () => {
  const origins = trustedOrigins(null)

  it('allows only the app origin', () => {
    expect(isAppNavigation('casefile://app/index.html', origins)).toBe(true)
    expect(isAppNavigation('https://example.org/', origins)).toBe(false)
    expect(isAppNavigation('file:///etc/passwd', origins)).toBe(false)
    expect(isAppNavigation('javascript:alert(1)', origins)).toBe(false)
  })
})

describe('externalLinkTarget', () => {
  it('hands web links to the browser', () => {
    expect(externalLinkTarget('https://www.colorlines.com/articles/x')).toBe('https://www.colorlines.com/articles/x')
    expect(externalLinkTarget('http://example.org')).toBe('http://example.org/')
  })

  it('hands e-mail addresses to the mail program', () => {
    expect(externalLinkTarget('mailto:press@example.org')).toBe('mailto:press@example.org')
    expect(externalLinkTarget('mailto:press@example.org?subject=Review%20backlog')).toBe('mailto:press@example.org?subject=Review%20backlog')
    // Not an address: nothing for a mail program to do.
    expect(externalLinkTarget('mailto:')).toBeNull()
    expect(externalLinkTarget('mailto:?body=x')).toBeNull()
  })

  it('keeps every other scheme inside', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'casefile://app/', 'smb://host/share', 'ms-msdt:x', 'nonsense']) {
      expect(externalLinkTarget(url), url).toBeNull()
    }
  })

  it('refuses links that disguise their host with credentials', () => {
    expect(externalLinkTarget('https://bank.example@evil.example/')).toBeNull()
  })
})
