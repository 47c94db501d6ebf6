import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../../src/main/app/content-security-policy'

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((part) => {
    const [name = '', ...values] = part.trim().split(/\s+/)
    return [name, values.join(' ')]
  }))
}

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY)

  it('starts from nothing and allows scripts only from the app itself', () => {
    expect(policy.get('default-src')).toBe("'none'")
    expect(policy.get('script-src')).toBe("'self'")
  })

  it('never allows eval, inline scripts or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
    expect(policy.get('script-src')).not.toContain('unsafe-inline')
  })

  it('forbids plugins, frames, forms and base rewriting', () => {
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-src', 'frame-ancestors']) {
      expect(policy.get(name), name).toBe("'none'")
    }
  })
})
