import { describe, expect, it } from 'vitest'
import { ExportFolder } from '../../../../src/main/app/export-folder'

describe('ExportFolder', () => {
  it('starts where it is told and then follows the last file saved', () => {
    const folder = new ExportFolder('/home/ana/Documents')
    expect(folder.current).toBe('/home/ana/Documents')
    folder.savedAt('/media/usb/dossier.pdf')
    expect(folder.current).toBe('/media/usb')
    folder.savedAt('/home/ana/Reports/removals.png')
    expect(folder.current).toBe('/home/ana/Reports')
  })
})
