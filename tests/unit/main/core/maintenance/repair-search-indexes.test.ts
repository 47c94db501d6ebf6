// Damage confined to a search index is mended by making the index again in a fresh copy, which is
// put in the archive's place; the damaged file is kept beside it. Damage anywhere else is refused.

import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MIGRATIONS, openArchive } from '../../../../../src/main/core/index'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { checkArchive } from '../../../../../src/main/core/maintenance/check-archive'
import { repairSearchIndexes } from '../../../../../src/main/core/maintenance/repair-search-indexes'
import { locateDamage, searchIndexTables } from '../../../../../src/main/core/maintenance/search-index-damage'
import { damageLeafPage, flipBytesInLeafPage } from '../../../../helpers/damage-archive'
import { tempArchive } from '../../../../helpers/temp-archive'

// What another program does while a repair builds its copy; set by the test that needs it.
const during = vi.hoisted(() => ({ verify: null as (() => void) | null }))
vi.mock('../../../../../src/main/core/maintenance/check-archive', async (original) => {
  const real = await original<typeof import('../../../../../src/main/core/maintenance/check-archive')>()
  return {
    ...real,
    checkArchive: (...args: Parameters<typeof real.checkArchive>) => {
      during.verify?.()
      return real.checkArchive(...args)
    }
  }
})

const cleanups: (() => void)[] = []
afterEach(() => {
  during.verify = null
  while (cleanups.length) cleanups.pop()!()
})

async function damaged(damage: (path: string) => number): Promise<{ path: string; dir: string }> {
  const made = await tempArchive(true)
  cleanups.push(made.cleanup)
  insertNote(made.archive.db, 'Written before the damage', 'prosecutorial discretion, kept')
  made.archive.close()
  damage(made.path)
  return { path: made.path, dir: made.dir }
}

/** Every row of every table that is not a search index (rowids included), and the schema of those tables. */
function content(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true })
  try {
    const indexTables = searchIndexTables(db)
    const tables = db.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%'").all() as { name: string; wr: number }[]
    const all: Record<string, string[]> = {}
    for (const { name, wr } of tables) {
      if (indexTables.has(name)) continue
      const rows = db
        .prepare(`SELECT ${wr ? '' : 'rowid AS "(rowid)", '}* FROM "${name}"`)
        .safeIntegers(true)
        .all()
        .map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)))
      // The mark a restore leaves (which copy the archive holds) is the one row a repair adds.
      all[name] = rows.filter((row) => !row.includes('"key":"last_restore"')).sort()
    }
    all['(schema)'] = (db.prepare('SELECT type, name, sql FROM sqlite_schema').all() as { type: string; name: string; sql: string | null }[])
      .filter((entry) => !indexTables.has(entry.name))
      .map((entry) => `${entry.type} ${entry.name} ${entry.sql}`)
      .sort()
    return all
  } finally {
    db.close()
  }
}

/**
 * The file's bytes past SQLite's 100-byte file header (which a copy rewrites: its change counter,
 * the SQLite version that wrote it, and whether it is in WAL mode).
 */
function pagesOf(path: string): string {
  return createHash('sha256').update(readFileSync(path).subarray(100)).digest('hex')
}

async function searchWorks(path: string): Promise<void> {
  const archive = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
  try {
    expect(archive.readOnly).toBeNull()
    const report = checkArchive(archive, false)
    expect(report.integrity).toEqual(['ok'])
    expect(report.search.every((index) => index.ok)).toBe(true)
    const count = (table: string, query: string) => archive.db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(query)
    expect(count('articles_fts', 'deportations')).toBeGreaterThan(0)
    expect(count('notes_fts', 'prosecutorial')).toBe(1)
    expect(count('dataset_rows_fts', 'prosecutorial')).toBeGreaterThan(0)
    expect(count('datasets_fts', 'timeline')).toBe(1)
    // Changes work again.
    insertNote(archive.db, 'Written after the repair', 'after')
  } finally {
    archive.close()
  }
}

describe('repairing damage confined to a search index', () => {
  it.each([
    ['articles', 'bytes flipped in a leaf of articles_fts_data (the review’s generator)', (path: string) => flipBytesInLeafPage(path, 'articles_fts_data', 3, 200, 1500)],
    ['articles', 'a leaf of articles_fts_data overwritten', (path: string) => damageLeafPage(path, 'articles_fts_data', 0)],
    ['dataset rows', 'bytes flipped in a leaf of dataset_rows_fts_data', (path: string) => flipBytesInLeafPage(path, 'dataset_rows_fts_data', 3, 200, 1500)],
    ['dataset rows', 'a leaf of dataset_rows_fts_data overwritten', (path: string) => damageLeafPage(path, 'dataset_rows_fts_data', 2)],
    ['datasets', 'a leaf of datasets_fts_data overwritten', (path: string) => damageLeafPage(path, 'datasets_fts_data', 0)]
  ] as const)('rebuilds the %s index (%s): content identical, search works, the damaged file kept', async (index, _how, damage) => {
    const { path, dir } = await damaged(damage)
    const opened = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    expect(opened.readOnly?.reason).toBe('damaged')
    expect(checkArchive(opened, true).repairable).toEqual([index])
    opened.close()
    const before = content(path)
    const damagedPages = pagesOf(path)

    const outcome = await repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)

    expect(outcome.rebuilt).toEqual([index])
    expect(outcome.keptAs).toMatch(/test\.casefile\.damaged-before-repair-.*\.backup$/)
    expect(content(path)).toEqual(before)
    // The damaged file is kept page for page, damage and all.
    expect(pagesOf(outcome.keptAs)).toBe(damagedPages)
    const kept = new Database(outcome.keptAs, { readonly: true })
    expect(locateDamage(kept).indexes).toEqual([index])
    kept.close()
    await searchWorks(path)
    expect(readdirSync(dir).filter((name) => name !== 'test.casefile' && !name.endsWith('-wal') && !name.endsWith('-shm'))).toEqual([outcome.keptAs.slice(dir.length + 1)])
  })

  it('refuses damage outside the search indexes, changing nothing and leaving nothing behind', async () => {
    const { path, dir } = await damaged((file) => damageLeafPage(file, 'ds_4', 1))
    const bytes = pagesOf(path)
    const files = readdirSync(dir).sort()
    await expect(repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)).rejects.toThrow(
      /^test\.casefile is damaged outside its search indexes \(ds_4 \(.*\)\), so rebuilding them cannot mend it; nothing was changed\. Instead, bring back a backup with casefile restore FROM/
    )
    expect(pagesOf(path)).toBe(bytes)
    expect(readdirSync(dir).sort()).toEqual(files)
    const opened = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    expect(checkArchive(opened, true).repairable).toEqual([])
    opened.close()
  })

  it('refuses when both an index and a table are damaged', async () => {
    const { path } = await damaged((file) => (damageLeafPage(file, 'articles_fts_data', 0), damageLeafPage(file, 'ds_4', 1)))
    await expect(repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)).rejects.toThrow(/damaged outside its search indexes \(ds_4/)
  })

  it('says there is nothing to rebuild in a sound archive', async () => {
    const { path } = await damaged(() => 0)
    const bytes = pagesOf(path)
    await expect(repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)).rejects.toThrow(/^Casefile found no damaged search index in test\.casefile, so there is nothing to rebuild; nothing was changed\./)
    expect(pagesOf(path)).toBe(bytes)
  })

  it('refuses, keeping the other program’s change, when the archive is written while the copy is built', async () => {
    const { path, dir } = await damaged((file) => damageLeafPage(file, 'articles_fts_data', 0))
    during.verify = () => {
      during.verify = null
      const other = new Database(path)
      other.prepare("INSERT INTO meta (key, value) VALUES ('written-meanwhile', 'yes')").run()
      other.close()
    }
    await expect(repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)).rejects.toThrow(
      /^test\.casefile changed while its search indexes were being rebuilt .*; nothing was changed\./
    )
    const db = new Database(path, { readonly: true })
    expect(db.prepare("SELECT value FROM meta WHERE key = 'written-meanwhile'").pluck().get()).toBe('yes')
    expect(locateDamage(db).indexes).toEqual(['articles'])
    db.close()
    expect(readdirSync(dir).filter((name) => name.includes('.damaged-before-repair-') || name.includes('.repairing-') || name.includes('.restoring-'))).toEqual([])
  })

  it('refuses a second repair of the same archive while one runs in this process', async () => {
    const { path } = await damaged((file) => damageLeafPage(file, 'notes_fts_data', 0))
    const first = repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)
    await expect(repairSearchIndexes({ path, nativeBinding: null }, MIGRATIONS)).rejects.toThrow(/^Another restore of test\.casefile is running/)
    expect((await first).rebuilt).toEqual(['notes'])
    await searchWorks(path)
  })
})
