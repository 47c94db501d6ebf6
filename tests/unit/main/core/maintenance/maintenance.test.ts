import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, openArchive, type Archive } from '../../../../../src/main/core/index'
import { CASEFILE_APPLICATION_ID } from '../../../../../src/main/core/db/identity'
import { backupArchive, dailyBackupFolder, rotateDailyBackup } from '../../../../../src/main/core/maintenance/backups'
import { checkArchive } from '../../../../../src/main/core/maintenance/check-archive'
import { lastKeptCopy, restoreArchive, undoLastRestore } from '../../../../../src/main/core/maintenance/restore-archive'
import { insertNote, listNotes } from '../../../../../src/main/core/notes/note-queries'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { searchRequest } from '../../../../../src/shared/search-request'
import { noteTitles } from '../../../../helpers/note-titles'
import { damageLeafPage } from '../../../../helpers/damage-archive'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function seeded() {
  const made = await tempArchive(true)
  cleanups.push(made.cleanup)
  return made
}

async function reopen(path: string): Promise<Archive> {
  const archive = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
  cleanups.push(() => archive.close())
  return archive
}


function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).filter((name) => pattern.test(name))
}

/** A backup of the seeded archive, and a note written after it so a restore has something to undo. */
async function archiveWithBackup() {
  const made = await seeded()
  const backup = join(made.dir, 'before.casefile')
  backupArchive(made.archive, backup)
  insertNote(made.archive.db, 'Written after the backup', 'x')
  return { ...made, backup }
}

describe('checkArchive', () => {
  it('finds a sound archive sound', async () => {
    const { archive } = await seeded()
    expect(checkArchive(archive, false)).toEqual({
      integrity: ['ok'],
      search: [
        { index: 'articles', ok: true, problem: null, repaired: false },
        { index: 'notes', ok: true, problem: null, repaired: false },
        { index: 'dataset rows', ok: true, problem: null, repaired: false },
        { index: 'datasets', ok: true, problem: null, repaired: false }
      ],
      ledgerSettled: 0,
      notChecked: null,
      repairable: [],
      ok: true
    })
  })

  it('rebuilds search indexes that fell out of step, and says what it found', async () => {
    const { archive } = await seeded()
    const { db } = archive
    const seed = db.prepare("SELECT id, title, byline, publisher, body FROM articles WHERE publisher = 'Colorlines'").get() as Record<string, string | number>
    db.prepare("INSERT INTO articles_fts (articles_fts, rowid, title, byline, publisher, body) VALUES ('delete', ?, ?, ?, ?, ?)").run(seed.id, seed.title, seed.byline, seed.publisher, seed.body)
    const timeline = db.prepare("SELECT id FROM datasets WHERE name LIKE '%timeline%'").pluck().get() as number
    db.prepare('DELETE FROM dataset_rows_fts WHERE rowid >= ? AND rowid < ?').run(BigInt(timeline) * 4294967296n, BigInt(timeline + 1) * 4294967296n)
    db.prepare('DELETE FROM datasets_fts WHERE rowid = ?').run(timeline)
    expect(searchArchive(db, searchRequest('prosecutors kind:article')).total).toBeLessThan(2)
    expect(searchArchive(db, searchRequest('timeline kind:dataset')).total).toBe(0)
    const unrepaired = checkArchive(archive, false)
    expect(unrepaired.ok).toBe(false)
    expect(unrepaired.search.map((index) => [index.index, index.ok])).toEqual([['articles', false], ['notes', true], ['dataset rows', false], ['datasets', false]])
    expect(unrepaired.search[3]!.problem).toBe('the datasets search index is damaged (1 entry is out of step with the datasets)')
    expect(unrepaired.search[2]!.problem).toBe('the search index is out of step with 1 dataset')
    const repaired = checkArchive(archive, true)
    expect(repaired.ok).toBe(true)
    expect(repaired.search.map((index) => index.repaired)).toEqual([true, false, true, true])
    expect(checkArchive(archive, false).ok).toBe(true)
    expect(searchArchive(db, searchRequest('"Record Number of Deportations"')).hits[0]?.id).toBe(seed.id)
    expect(searchArchive(db, searchRequest('Morton kind:data dataset:timeline')).total).toBeGreaterThan(0)
    expect(searchArchive(db, searchRequest('timeline kind:dataset')).hits.map((hit) => hit.id)).toEqual([timeline])
  })

  it('says the archive is busy when another connection is writing, instead of calling its indexes damaged', async () => {
    const { archive, path } = await seeded()
    const other = new Database(path)
    cleanups.push(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    try {
      expect(() => checkArchive(archive, true)).toThrow('The archive test.casefile is busy; close other windows or imports and try again.')
    } finally {
      other.exec('ROLLBACK')
    }
    expect(checkArchive(archive, true).ok).toBe(true)
  })

  it('checks a damaged archive (open read-only) and finds the damage', async () => {
    const { archive, path } = await seeded()
    archive.close()
    damageLeafPage(path, 'ds_4', 1)
    const damaged = await reopen(path)
    const report = checkArchive(damaged, true)
    expect(report.ok).toBe(false)
    expect(report.integrity).not.toEqual(['ok'])
    expect(report.integrity.join(' ')).toMatch(/malformed|page \d+/)
    expect(report.search).toEqual([])
    expect(report.notChecked).toBe(damaged.readOnly!.message)
  })
})

describe('backups', () => {
  it('writes a checked copy, never over an existing file', async () => {
    const { archive, dir } = await seeded()
    const target = join(dir, 'copy.casefile')
    backupArchive(archive, target)
    const copy = new Database(target, { readonly: true })
    expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(7)
    copy.close()
    expect(() => backupArchive(archive, target)).toThrow('copy.casefile already exists; choose a new name so no file is overwritten.')
  })

  it('keeps one automatic backup a day, the newest two', async () => {
    const { archive, path } = await seeded()
    const day = (iso: string) => new Date(`${iso}T12:00:00Z`)
    expect(rotateDailyBackup(archive.db, path, null, day('2026-11-27'))).toMatch(/daily-2026-11-27\.casefile$/)
    expect(rotateDailyBackup(archive.db, path, null, day('2026-11-27'))).toBeNull()
    rotateDailyBackup(archive.db, path, null, day('2026-11-28'))
    rotateDailyBackup(archive.db, path, null, day('2026-11-29'))
    expect(readdirSync(dailyBackupFolder(path)).sort()).toEqual(['daily-2026-11-28.casefile', 'daily-2026-11-29.casefile'])
  })

  it('refuses to back up a damaged archive in one plain sentence, leaving nothing behind', async () => {
    const { archive, path, dir } = await seeded()
    archive.close()
    damageLeafPage(path, 'ds_4', 1)
    const damaged = await reopen(path)
    const target = join(dir, 'copy.casefile')
    expect(() => backupArchive(damaged, target)).toThrow(
      /^test\.casefile is damaged, so it cannot be backed up; nothing was written\. See what is wrong with casefile check \(File › Check archive\)\. If only a search index is damaged, casefile check --repair \(Rebuild search indexes\) mends it; otherwise bring back a backup with casefile restore FROM/
    )
    expect(filesIn(dir, /^copy/)).toEqual([])
  })

  it('names a missing or unwritable folder instead of a temporary file, and leaves nothing behind', async () => {
    const { archive, dir } = await seeded()
    expect(() => backupArchive(archive, join(dir, 'no-such-folder', 'copy.casefile'))).toThrow(
      `Casefile could not write the backup copy.casefile: the folder ${join(dir, 'no-such-folder')} does not exist. Nothing was written.`
    )
    writeFileSync(join(dir, 'a-file'), '')
    expect(() => backupArchive(archive, join(dir, 'a-file', 'copy.casefile'))).toThrow(`${join(dir, 'a-file')} is not a folder`)
    expect(filesIn(dir, /partial/)).toEqual([])
  })
})

describe('restore', () => {
  it('restores a backup through the backup API, keeping what was there, and says where', async () => {
    const { archive, path, backup } = await archiveWithBackup()
    const outcome = await restoreArchive(archive, backup, MIGRATIONS)
    expect(outcome.from).toBe(backup)
    expect(listNotes(archive.db)).toEqual([])
    expect(noteTitles(path)).toEqual([])
    expect(noteTitles(outcome.keptAs)).toEqual(['Written after the backup'])
    expect(lastKeptCopy(path)).toBe(outcome.keptAs)
    // The restored archive is an archive like any other: it opens, writable and sound.
    archive.close()
    const again = await reopen(path)
    expect(again.readOnly).toBeNull()
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(checkArchive(again, false).ok).toBe(true)
  })

  it('refuses at once, changing nothing, while another connection holds the write lock', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    const other = new Database(path)
    cleanups.push(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    const started = Date.now()
    try {
      await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow(
        'The archive test.casefile is busy; close other windows or imports and try again. Nothing was restored.'
      )
    } finally {
      other.exec('ROLLBACK')
    }
    expect(Date.now() - started).toBeLessThan(3000)
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    // No copy is kept of a restore that did not happen, so --undo has nothing false to bring back.
    expect(filesIn(dir, /before-restore/)).toEqual([])
    expect(filesIn(dir, /restoring/)).toEqual([])
  })

  it('refuses while another process has an import under way, even between its commits, and not for one whose process died', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    // Another process importing: its rows published, its ledger line not yet written, no lock held.
    const importer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    cleanups.push(() => importer.kill())
    const running = (pid: number) =>
      archive.db
        .prepare("INSERT INTO imports (file_name, size_bytes, sha256, options, started_at, status) VALUES ('mid600k.csv', 1, '', ?, '2026-12-07T17:47:00Z', 'running')")
        .run(JSON.stringify({ process: { pid, host: hostname() } })).lastInsertRowid
    const line = running(importer.pid!)
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow(
      'test.casefile is busy: an import of mid600k.csv has not finished. Nothing was restored. Try again once it is done.'
    )
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore/)).toEqual([])
    // Once the process is gone, its line is a leftover (settled on the next open), not an import.
    importer.kill()
    await new Promise((done) => importer.once('exit', done))
    archive.db.prepare('UPDATE imports SET options = ? WHERE id = ?').run(JSON.stringify({ process: { pid: importer.pid, host: hostname() } }), line)
    expect((await restoreArchive(archive, backup, MIGRATIONS)).from).toBe(backup)
  })

  it('checks the backup on a copy exactly as opening it would, and refuses what would not open', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    const refuse = (from: string, message: string | RegExp) => expect(restoreArchive(archive, from, MIGRATIONS)).rejects.toThrow(message)

    const bogus = join(dir, 'bogus.casefile')
    writeFileSync(bogus, 'not a database')
    await refuse(bogus, 'bogus.casefile is not a Casefile archive (it is not an SQLite database). Nothing was changed.')

    const truncated = join(dir, 'truncated.casefile')
    copyFileSync(backup, truncated)
    truncateSync(truncated, Math.floor(readFileSync(backup).length / 2))
    await refuse(truncated, /^truncated\.casefile is damaged or incomplete \(.+\); nothing was restored\.$/)

    // A copy whose format number was reset to 0: opening it would rebuild the schema over its tables.
    const versionless = join(dir, 'versionless.casefile')
    copyFileSync(backup, versionless)
    const db = new Database(versionless)
    db.pragma('user_version = 0')
    db.close()
    await refuse(
      versionless,
      `versionless.casefile cannot be opened by this version of Casefile: upgrading it from format 0 to ${MIGRATIONS.length} failed at step 1 (initial schema): table meta already exists; nothing was restored.`
    )

    const newer = join(dir, 'newer.casefile')
    copyFileSync(backup, newer)
    const future = new Database(newer)
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    future.close()
    await refuse(newer, `newer.casefile was written by a newer version of Casefile (archive format ${MIGRATIONS.length + 1}; this version reads up to ${MIGRATIONS.length}); nothing was restored.`)

    await refuse(path, 'test.casefile is the archive itself; choose a backup to restore from.')
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore|restoring/)).toEqual([])
    // Every refusal left an archive that still opens.
    archive.close()
    expect((await reopen(path)).readOnly).toBeNull()
  })

  it('restores a backup in an older format by upgrading the copy first', async () => {
    const { archive, dir, path } = await archiveWithBackup()
    const older = join(dir, 'older.casefile')
    const built = await openArchive(older, { create: true, seedDir: null, nativeBinding: null })
    built.close()
    // Format 5 as an older Casefile wrote it: migration 6 gave saved searches their filters column,
    // migration 7 made the table of article pages, migration 8 gave columns their chosen digits,
    // migration 10 made the chart cache and the datasets' data version, migration 12 the table of
    // article headings, migration 13 the datasets' search index and its triggers, migration 14 the
    // datasets' sheet names.
    const db = new Database(older)
    db.exec('ALTER TABLE saved_searches DROP COLUMN filters')
    db.exec('DROP TABLE article_pages')
    db.exec('ALTER TABLE dataset_columns DROP COLUMN digits')
    db.exec('DROP TRIGGER dataset_columns_retyped')
    db.exec('DROP TABLE chart_cache')
    db.exec('ALTER TABLE datasets DROP COLUMN data_version')
    db.exec('DROP TABLE article_headings')
    for (const trigger of ['datasets_fts_insert', 'datasets_fts_rename', 'datasets_fts_delete', 'dataset_sources_fts_insert', 'dataset_sources_fts_update', 'dataset_sources_fts_delete']) db.exec(`DROP TRIGGER ${trigger}`)
    db.exec('DROP TABLE datasets_fts')
    db.exec('ALTER TABLE datasets DROP COLUMN sheet')
    db.exec('ALTER TABLE datasets DROP COLUMN sheet_table')
    db.pragma('user_version = 5')
    db.close()
    await restoreArchive(archive, older, MIGRATIONS)
    expect(archive.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(noteTitles(path)).toEqual([])
    expect(archive.db.prepare("SELECT count(*) FROM pragma_table_info('saved_searches') WHERE name = 'filters'").pluck().get()).toBe(1)
  })

  it('brings back a damaged archive from its backup; the archive then opens writable again', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    archive.close()
    damageLeafPage(path, 'ds_4', 1)
    const damaged = await reopen(path)
    expect(damaged.readOnly?.reason).toBe('damaged')
    const outcome = await restoreArchive(damaged, backup, MIGRATIONS)
    damaged.close()
    const restored = await reopen(path)
    expect(restored.readOnly).toBeNull()
    expect(checkArchive(restored, false).ok).toBe(true)
    // What the damaged archive held is kept page for page, damage and all, for recovery.
    expect(readFileSync(outcome.keptAs).length).toBeGreaterThan(0)
    expect(filesIn(dir, /before-restore/)).toHaveLength(1)
  })

  it('undoes the last restore, and says so when there is nothing to undo', async () => {
    const { archive, path, backup } = await archiveWithBackup()
    await expect(undoLastRestore(archive, MIGRATIONS)).rejects.toThrow('There is no copy from before a restore beside test.casefile, so there is nothing to undo.')
    const restored = await restoreArchive(archive, backup, MIGRATIONS)
    expect(noteTitles(path)).toEqual([])
    const undone = await undoLastRestore(archive, MIGRATIONS)
    expect(undone.from).toBe(restored.keptAs)
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(listNotes(archive.db).map((note) => note.title)).toEqual(['Written after the backup'])
    // The undo is a restore too: what the restore had brought is kept, and a second undo redoes it.
    expect(lastKeptCopy(path)).toBe(undone.keptAs)
    await undoLastRestore(archive, MIGRATIONS)
    expect(noteTitles(path)).toEqual([])
  })

  it('removes what a restore killed half-way left beside the archive; while another restore runs, refuses and removes nothing', async () => {
    const { archive, dir, backup } = await archiveWithBackup()
    const dead = 4_194_303
    expect(() => process.kill(dead, 0)).toThrow()
    const left = [`test.casefile.restoring-${dead}`, `test.casefile.restoring-${dead}.kept`, `test.casefile.restoring-${dead}.kept-wal`]
    for (const name of left) writeFileSync(join(dir, name), 'x')
    const running = `test.casefile.restoring-${process.ppid}`
    writeFileSync(join(dir, running), 'x')
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow('Another restore of test.casefile is running; let it finish, then try again. Nothing was restored.')
    expect(filesIn(dir, /restoring/).sort()).toEqual([...left, running].sort())
    expect(noteTitles(archive.path)).toEqual(['Written after the backup'])
    rmSync(join(dir, running))
    await restoreArchive(archive, backup, MIGRATIONS)
    expect(filesIn(dir, /restoring/)).toEqual([])
  })

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const { archive, dir } = await seeded()
    const pipe = join(dir, 'pipe.casefile')
    execFileSync('mkfifo', [pipe])
    await expect(restoreArchive(archive, pipe, MIGRATIONS)).rejects.toThrow(
      "Casefile can't open pipe.casefile: it is not a regular file (a named pipe, socket or device), not an archive file."
    )
    await expect(openArchive(pipe, { create: true, seedDir: null, nativeBinding: null })).rejects.toThrow('it is not a regular file')
  })

  it('refuses a backup from another program', async () => {
    const { archive, dir } = await seeded()
    const other = join(dir, 'other.casefile')
    const db = new Database(other)
    db.exec('CREATE TABLE t (x)')
    db.close()
    await expect(restoreArchive(archive, other, MIGRATIONS)).rejects.toThrow('other.casefile is an SQLite database from another program, not a Casefile archive. Nothing was changed.')
    const casefileId = new Database(other)
    expect(casefileId.pragma('application_id', { simple: true })).not.toBe(CASEFILE_APPLICATION_ID)
    casefileId.close()
  })
})
