import { describe, expect, it } from 'vitest'
import { startupArchivePath } from '../../../../src/main/app/startup-archive-path'

describe('startupArchivePath', () => {
  const fallback = '/home/ana/.config/Casefile/archive.casefile'

  it('prefers --archive, then CASEFILE_ARCHIVE, then the default', () => {
    expect(startupArchivePath(['electron', 'main.js', '--archive=/tmp/a.casefile'], { CASEFILE_ARCHIVE: '/tmp/b.casefile' }, fallback)).toBe('/tmp/a.casefile')
    expect(startupArchivePath(['electron', '--archive', '/tmp/c.casefile'], {}, fallback)).toBe('/tmp/c.casefile')
    expect(startupArchivePath(['electron'], { CASEFILE_ARCHIVE: '/tmp/b.casefile' }, fallback)).toBe('/tmp/b.casefile')
    expect(startupArchivePath(['electron', '--archive='], {}, fallback)).toBe(fallback)
    expect(startupArchivePath(['electron'], { CASEFILE_ARCHIVE: '' }, fallback)).toBe(fallback)
  })
})
