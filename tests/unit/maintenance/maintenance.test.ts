import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../../src/main/core/index'
import { backupArchive, dailyBackupFolder, restoreArchive, rotateDailyBackup } from '../../../src/main/core/maintenance/backups'
import { checkArchive } from '../../../src/main/core/maintenance/check-archive'
import { insertNote, listNotes } from '../../../src/main/core/notes/note-queries'
import { searchArchive } from '../../../src/main/core/search/search-archive'
import { searchRequest } from '../../../src/shared/search-request'
import { tempArchive } from '../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function seeded() {
  const made = await tempArchive(true)
  cleanups.push(made.cleanup)
  return made
}

describe('checkArchive', () => {
  it('finds a sound archive sound', async () => {
    const { archive } = await seeded()
    expect(checkArchive(archive.db, false)).toEqual({
      integrity: ['ok'],
      search: [
        { index: 'articles', ok: true, problem: null, repaired: false },
        { index: 'notes', ok: true, problem: null, repaired: false },
        { index: 'dataset rows', ok: true, problem: null, repaired: false }
      ],
      ledgerSettled: 0,
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
    expect(searchArchive(db, searchRequest('prosecutors kind:article')).total).toBeLessThan(2)
    const unrepaired = checkArchive(db, false)
    expect(unrepaired.ok).toBe(false)
    expect(unrepaired.search.map((index) => [index.index, index.ok])).toEqual([['articles', false], ['notes', true], ['dataset rows', false]])
    expect(unrepaired.search[2]!.problem).toBe('the search index is out of step with 1 dataset')
    const repaired = checkArchive(db, true)
    expect(repaired.ok).toBe(true)
    expect(repaired.search.map((index) => index.repaired)).toEqual([true, false, true])
    expect(checkArchive(db, false).ok).toBe(true)
    expect(searchArchive(db, searchRequest('"Record Number of Deportations"')).hits[0]?.id).toBe(seed.id)
    expect(searchArchive(db, searchRequest('Morton kind:data dataset:timeline')).total).toBeGreaterThan(0)
  })
})

describe('backups', () => {
  it('writes a checked copy, never over an existing file', async () => {
    const { archive, dir } = await seeded()
    const target = join(dir, 'copy.casefile')
    backupArchive(archive.db, target, null)
    const copy = new Database(target, { readonly: true })
    expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(7)
    copy.close()
    expect(() => backupArchive(archive.db, target, null)).toThrow('copy.casefile already exists; choose a new name so no file is overwritten.')
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

  it('restores a backup through the backup API, keeping what was there, and refuses what is not a sound archive', async () => {
    const { archive, dir, path } = await seeded()
    const backup = join(dir, 'before.casefile')
    backupArchive(archive.db, backup, null)
    insertNote(archive.db, 'Written after the backup', 'x')
    const safety = await restoreArchive(archive.db, path, backup, LATEST_SCHEMA_VERSION, null)
    expect(listNotes(archive.db)).toEqual([])
    expect(existsSync(safety)).toBe(true)
    const kept = new Database(safety, { readonly: true })
    expect(kept.prepare('SELECT title FROM notes').pluck().all()).toEqual(['Written after the backup'])
    kept.close()
    const bogus = join(dir, 'bogus.casefile')
    writeFileSync(bogus, 'not a database')
    await expect(restoreArchive(archive.db, path, bogus, LATEST_SCHEMA_VERSION, null)).rejects.toThrow('bogus.casefile is not a Casefile archive (it is not an SQLite database). Nothing was changed.')
    await expect(restoreArchive(archive.db, path, backup, LATEST_SCHEMA_VERSION - 1, null)).rejects.toThrow('was written by a newer version of Casefile; nothing was restored.')
  })
})
