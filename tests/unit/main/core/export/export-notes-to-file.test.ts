// One routine writes notes to a file, for the app's Export (a save dialog, Electron's printer) and
// for `casefile export-notes` (a path from the command line, Chromium's printer).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportNotesToFile } from '../../../../../src/main/core/export/export-notes-to-file'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'
import { chartDrawer } from '../../../../../src/main/core/charts/aggregate-chart'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function archiveWithNote() {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const id = insertNote(made.archive.db, 'Closure rate', 'Fewer than **2 percent** were closed.').id
  return { db: made.archive.db, dir: made.dir, id }
}

describe('exportNotesToFile', () => {
  it('asks where with the name it suggests, prints a PDF from the HTML, and writes the file', async () => {
    const { db, dir, id } = await archiveWithNote()
    const asked: string[] = []
    const printed: string[] = []
    const printer = { print: async (html: string) => (printed.push(html), new TextEncoder().encode('%PDF-1.7 printed')) }
    const written = await exportNotesToFile(db, { ids: [id], format: 'pdf', title: null }, async (name) => (asked.push(name), join(dir, 'out.pdf')), printer, false, chartDrawer(db, null))
    expect(written).toEqual({ path: join(dir, 'out.pdf'), notes: 1, sources: 0 })
    expect(asked).toEqual(['Closure rate.pdf'])
    expect(printed[0]).toContain('<strong>2 percent</strong>')
    expect(readFileSync(join(dir, 'out.pdf'), 'utf8')).toBe('%PDF-1.7 printed')
    const markdown = await exportNotesToFile(db, { ids: [id, id], format: 'markdown', title: 'Dossier' }, async (name) => (asked.push(name), join(dir, 'out.md')), null, false, chartDrawer(db, null))
    expect(markdown.notes).toBe(2)
    expect(asked.at(-1)).toBe('Dossier.md')
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toContain('# Dossier')
  })

  it('writes nothing when the person cancels, and refuses a PDF without a printer before asking anything', async () => {
    const { db, dir, id } = await archiveWithNote()
    expect(await exportNotesToFile(db, { ids: [id], format: 'html', title: null }, async () => null, null, false, chartDrawer(db, null))).toEqual({ path: null, notes: 0, sources: 0 })
    let asked = false
    await expect(exportNotesToFile(db, { ids: [id], format: 'pdf', title: null }, async () => ((asked = true), join(dir, 'x.pdf')), null, false, chartDrawer(db, null))).rejects.toThrow(
      'Printing to PDF is not available here; export HTML or Markdown instead.'
    )
    expect(asked).toBe(false)
    await expect(exportNotesToFile(db, { ids: [9999], format: 'html', title: null }, async () => ((asked = true), join(dir, 'x.html')), null, false, chartDrawer(db, null))).rejects.toThrow(
      'Note 9999 was not found in this archive.'
    )
    expect(asked).toBe(false)
    expect(existsSync(join(dir, 'x.pdf')) || existsSync(join(dir, 'x.html'))).toBe(false)
  })

  it('replaces a file of that name only when asked to (the CLI’s --force, the save dialog’s Replace)', async () => {
    const { db, dir, id } = await archiveWithNote()
    const path = join(dir, 'taken.md')
    writeFileSync(path, 'the researcher’s own file')
    await expect(exportNotesToFile(db, { ids: [id], format: 'markdown', title: null }, async () => path, null, false, chartDrawer(db, null))).rejects.toThrow('taken.md already exists; choose another name. Nothing was written.')
    expect(readFileSync(path, 'utf8')).toBe('the researcher’s own file')
    await exportNotesToFile(db, { ids: [id], format: 'markdown', title: null }, async () => path, null, true, chartDrawer(db, null))
    expect(readFileSync(path, 'utf8')).toContain('Closure rate')
  })
})
