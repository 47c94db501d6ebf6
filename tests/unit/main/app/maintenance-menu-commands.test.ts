// File › Back up…, Restore from backup…, Undo last restore and Check archive say what happened in
// the very sentences the CLI prints. Electron's dialogs are replaced by recorders: each open or save
// dialog answers with the next prepared path, each question with its first button.
import { ExportFolder } from '../../../../src/main/app/export-folder'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MessageBoxOptions } from 'electron'
import { insertNote } from '../../../../src/main/core/notes/note-queries'
import { cli } from '../../../helpers/cli-in-process'
import { noteTitles } from '../../../helpers/note-titles'
import { damageLeafPage } from '../../../helpers/damage-archive'
import { tempArchive, tempDir } from '../../../helpers/temp-archive'

const shown: MessageBoxOptions[] = []
const paths: string[] = []

vi.mock('electron', () => ({
  app: { getPath: () => '/nowhere' },
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      shown.push(args.at(-1) as MessageBoxOptions)
      return { response: 0 }
    },
    showSaveDialog: async () => ({ canceled: false, filePath: paths.shift() }),
    showOpenDialog: async () => ({ canceled: false, filePaths: [paths.shift()] })
  }
}))

const { ArchiveSession } = await import('../../../../src/main/app/archive-session')
const { backupArchiveCommand, checkArchiveCommand, restoreArchiveCommand, undoRestoreCommand } = await import('../../../../src/main/app/maintenance-menu-commands')

const cleanups: (() => void)[] = []
beforeEach(() => {
  shown.length = 0
  paths.length = 0
})
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function sessionOn(path: string): Promise<InstanceType<typeof ArchiveSession>> {
  const session = new ArchiveSession({ seedDir: null, nativeBinding: null, importWorker: null, searchWorker: null, chooseSavePath: async () => null, pdfPrinter: { print: async () => new Uint8Array() }, showContextMenu: async () => null })
  await session.switchTo(path, false)
  cleanups.push(() => session.close())
  return session
}

/** A session on a seeded archive (made by the CLI, then closed) whose `leaf`-th leaf page of `table` is overwritten, and checked from the menu. */
async function checkedDamaged(table: string, leaf: number): Promise<InstanceType<typeof ArchiveSession>> {
  const made = tempDir('menu')
  cleanups.push(made.cleanup)
  const path = join(made.dir, 'a.casefile')
  expect((await cli(['--archive', path, 'info'])).code).toBe(0)
  damageLeafPage(path, table, leaf)
  const session = await sessionOn(path)
  await checkArchiveCommand(session, null)
  expect(shown.at(-1)?.message).toBe('a.casefile is damaged.')
  return session
}


/** The detail of the last dialog shown. */
const lastDetail = () => shown.at(-1)?.detail

describe('the File menu’s keeping commands', () => {
  it('refuse to back up a damaged archive with the CLI’s sentence', async () => {
    const made = await tempArchive(true)
    cleanups.push(made.cleanup)
    made.archive.close()
    damageLeafPage(made.path, 'ds_4', 1)
    const target = join(made.dir, 'copy.casefile')
    const session = await sessionOn(made.path)
    paths.push(target)
    await backupArchiveCommand(session, null, new ExportFolder(made.dir))
    const run = await cli(['--archive', made.path, 'backup', target])
    expect(shown.at(-1)?.message).toBe('The backup was not written.')
    expect(`casefile: ${lastDetail()}\n`).toBe(run.err)
  })

  it('refuse a restore while another connection writes, with the CLI’s sentence, and restore and undo once it is done', async () => {
    const made = await tempArchive(true)
    cleanups.push(made.cleanup)
    const backup = join(made.dir, 'before.casefile')
    expect((await cli(['--archive', made.path, 'backup', backup])).code).toBe(0)
    insertNote(made.archive.db, 'After the backup', '')
    made.archive.close()
    const session = await sessionOn(made.path)

    const other = new Database(made.path)
    cleanups.push(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    paths.push(backup)
    await restoreArchiveCommand(session, null)
    const run = await cli(['--archive', made.path, 'restore', backup])
    other.exec('ROLLBACK')
    expect(shown.at(-1)?.message).toBe('Nothing was restored.')
    expect(`casefile: ${lastDetail()}\n`).toBe(run.err)
    expect(noteTitles(made.path)).toEqual(['After the backup'])

    paths.push(backup)
    await restoreArchiveCommand(session, null)
    expect(shown.at(-1)?.message).toBe('Archive restored.')
    expect(noteTitles(made.path)).toEqual([])
    await undoRestoreCommand(session, null)
    expect(shown.at(-1)?.message).toBe('Archive restored.')
    expect(lastDetail()).toMatch(/^Undid the last restore: .+test\.casefile holds again the content of .+test\.casefile\.before-restore-.+\.backup\.\nThe content it had before is saved as .+ \(File › Undo last restore brings it back\)\.$/)
    expect(noteTitles(made.path)).toEqual(['After the backup'])
    // The window's API now reads the archive as it is after the undo.
    const listed = await session.api!.listNotes()
    expect(listed.ok && listed.value.map((note) => note.title)).toEqual(['After the backup'])
  })

  it('report a damaged archive from Check archive, and say there is no restore to undo', async () => {
    const session = await checkedDamaged('ds_4', 1)
    expect(shown.at(-1)?.detail).toMatch(/\nRestore a backup \(File > Restore from backup…\) and keep this file for recovery\.$/)
    await undoRestoreCommand(session, null)
    expect(shown.at(-1)).toMatchObject({ message: 'There is no restore to undo.', detail: 'No copy from before a restore is kept beside a.casefile.' })
  })

  it('offer the repair of a damaged search index from Check archive, and reopen the archive writable once the strip’s repair is done', async () => {
    const session = await checkedDamaged('articles_fts_data', 0)
    expect(session.archive?.readOnly?.reason).toBe('damaged')
    expect(shown.at(-1)?.detail).toMatch(/\nThe damage is only in the articles search index, made from the rest: Rebuild search indexes, in the strip across the window, makes it again in a checked copy and keeps this file beside it\.$/)
    const repaired = await session.api!.repairSearchIndexes()
    expect(repaired.ok && repaired.value.report[0]).toMatch(/^Rebuilt the articles search index of .*a\.casefile in a checked copy and put it in place/)
    // The session holds the archive opened again: writable, and searchable.
    expect(session.archive?.readOnly).toBeNull()
    const note = await session.api!.createNote({ title: 'After the repair', body: 'deportations' })
    expect(note.ok).toBe(true)
    const found = await session.api!.search({ query: 'deportations', kinds: ['article'], source: null, after: null, before: null, sort: 'relevance', exact: false, offset: 0, limit: 5 })
    expect(found.ok && found.value.total).toBeGreaterThan(0)
  })
})
