import { describe, expect, it } from 'vitest'
import { trustedOrigins } from '../../../../src/main/app/app-origin'
import { downloadDialog, isAppDownload } from '../../../../src/main/app/download-policy'

describe('downloadDialog', () => {
  it('names what is being saved and starts in the export folder', () => {
    expect(downloadDialog('ICE removals by year.png', '/home/ana/Reports')).toEqual({
      title: 'Save chart as picture',
      defaultPath: '/home/ana/Reports/ICE removals by year.png',
      filters: [{ name: 'PNG image', extensions: ['png'] }]
    })
    expect(downloadDialog('ICE removals by year.CSV', '/home/ana/Reports')).toMatchObject({ title: 'Save chart numbers as CSV', filters: [{ name: 'CSV table', extensions: ['csv'] }] })
  })

  it('never lets the page choose the folder through the name', () => {
    expect(downloadDialog('../../.bashrc', '/home/ana/Reports').defaultPath).toBe('/home/ana/Reports/.._.._.bashrc')
    expect(downloadDialog('a\\b:c*?.png', '/r').defaultPath).toBe('/r/a_b_c__.png')
    expect(downloadDialog('line\nbreak.png', '/r').defaultPath).toBe('/r/line_break.png')
    expect(downloadDialog('   ', '/r')).toEqual({ title: 'Save file', defaultPath: '/r/Casefile download', filters: [] })
  })
})

describe('isAppDownload', () => {
  const app = trustedOrigins(null)

  it('accepts only blob: URLs of the app’s own origin', () => {
    expect(isAppDownload('blob:casefile://app/6a1f0c8e-0000-4000-8000-000000000000', app)).toBe(true)
    for (const url of ['https://example.org/x.png', 'blob:https://evil.example/1', 'blob:null/1', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'blob:', 'casefile://app/index.html']) {
      expect(isAppDownload(url, app), url).toBe(false)
    }
  })

  it('accepts the development server’s blobs only when it is trusted', () => {
    const url = 'blob:http://localhost:5173/6a1f0c8e'
    expect(isAppDownload(url, app)).toBe(false)
    expect(isAppDownload(url, trustedOrigins('http://localhost:5173'))).toBe(true)
  })
})
