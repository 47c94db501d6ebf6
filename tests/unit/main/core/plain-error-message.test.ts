import { describe, expect, it } from 'vitest'
import { plainErrorMessage } from '../../../../src/main/core/plain-error-message'

describe('plainErrorMessage', () => {
  it('keeps only the first line of the message, never the stack', () => {
    const error = new Error('SQLITE_FULL: database or disk is full\nat Statement.run (native)')
    expect(plainErrorMessage(error)).toBe('SQLITE_FULL: database or disk is full')
    expect(plainErrorMessage(error)).not.toContain('at ')
  })

  it('shortens very long messages', () => {
    const message = plainErrorMessage(new Error('x'.repeat(5000)))
    expect(message.length).toBe(300)
    expect(message.endsWith('…')).toBe(true)
  })

  it('says something sensible for odd throws', () => {
    expect(plainErrorMessage(undefined)).toBe('an unexpected error occurred')
    expect(plainErrorMessage({ code: 1 })).toBe('an unexpected error occurred')
    expect(plainErrorMessage(new Error(''))).toBe('an unexpected error occurred')
    expect(plainErrorMessage('disk unplugged')).toBe('disk unplugged')
  })
})
