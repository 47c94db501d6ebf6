import { describe, expect, it } from 'vitest'
import { withArchiveExtension } from '../../../../src/main/app/archive-path-policy'

describe('withArchiveExtension', () => {
  it('adds the extension a Linux save dialog leaves off', () => {
    expect(withArchiveExtension('/home/ana/Research', 'casefile')).toBe('/home/ana/Research.casefile')
    expect(withArchiveExtension('/home/ana/report.2012', 'casefile')).toBe('/home/ana/report.2012.casefile')
  })

  it('leaves a name that already has it, in any case', () => {
    expect(withArchiveExtension('/home/ana/Research.casefile', 'casefile')).toBe('/home/ana/Research.casefile')
    expect(withArchiveExtension('C:\\Users\\Ana\\Research.CASEFILE', 'casefile')).toBe('C:\\Users\\Ana\\Research.CASEFILE')
  })
})
