import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ArchiveOpenError, LATEST_SCHEMA_VERSION, openArchive } from '../../../../src/main/core/index'
import { CASEFILE_APPLICATION_ID } from '../../../../src/main/core/db/identity'
import { SAMPLE_DIR, tempArchive, tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function dir(): string {
  const made = tempDir('open')
  cleanups.push(made.cleanup)
  return made.dir
}

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

async function openError(path: string, create: boolean): Promise<ArchiveOpenError> {
  try {
    ;(await openArchive(path, { create, seedDir: null, nativeBinding: null })).close()
  } catch (error) {
    if (error instanceof ArchiveOpenError) return error
    throw error
  }
  throw new Error(`expected ${path} to be refused`)
}

describe('openArchive', () => {
  it('creates a new archive with the Casefile identity, the latest schema and the safety pragmas', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const { db } = made.archive
    expect(db.pragma('application_id', { simple: true })).toBe(CASEFILE_APPLICATION_ID)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    // No leftovers from building the file in a temporary place.
    expect(readdirSync(made.dir).filter((name) => name.includes('creating'))).toEqual([])
  })

  it('sets the pragmas again on every later connection', async () => {
    const made = await tempArchive(false)
    made.archive.close()
    const again = await openArchive(made.path, { create: false, seedDir: null, nativeBinding: null })
    cleanups.push(() => {
      again.close()
      made.cleanup()
    })
    expect(again.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(again.db.pragma('synchronous', { simple: true })).toBe(2)
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('refuses a file that is not SQLite and leaves it byte for byte as it was', async () => {
    const path = join(dir(), 'notes.casefile')
    writeFileSync(path, 'year,removals\n2012,409849\n'.repeat(20))
    const before = digest(path)
    const error = await openError(path, true)
    expect(error.code).toBe('not-an-archive')
    expect(error.message).toContain('notes.casefile is not a Casefile archive')
    expect(digest(path)).toBe(before)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('refuses an empty file without initialising it', async () => {
    const path = join(dir(), 'empty.casefile')
    writeFileSync(path, '')
    const error = await openError(path, true)
    expect(error.code).toBe('not-an-archive')
    expect(error.message).toContain('empty')
    expect(readFileSync(path).length).toBe(0)
  })

  it("refuses another program's SQLite database unchanged", async () => {
    const path = join(dir(), 'other.db')
    const other = new Database(path)
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
    other.close()
    const before = digest(path)
    const error = await openError(path, true)
    expect(error.code).toBe('not-an-archive')
    expect(error.message).toContain('other.db is an SQLite database from another program')
    expect(digest(path)).toBe(before)
  })

  it('refuses an archive written by a newer Casefile and names both versions', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    made.archive.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    made.archive.close()
    const before = digest(made.path)
    const error = await openError(made.path, false)
    expect(error.code).toBe('newer-archive')
    expect(error.message).toContain(`archive format ${LATEST_SCHEMA_VERSION + 5}`)
    expect(error.message).toContain(`reads up to ${LATEST_SCHEMA_VERSION}`)
    expect(digest(made.path)).toBe(before)
  })

  it('explains a folder, a missing file and an impossible location', async () => {
    const base = dir()
    const folder = join(base, 'folder.casefile')
    mkdirSync(folder)
    expect((await openError(folder, true)).message).toMatch(/folder.casefile: it is a folder/)
    const missing = await openError(join(base, 'missing.casefile'), false)
    expect(missing.code).toBe('unreadable')
    expect(missing.message).toContain('missing.casefile: the file does not exist')
    const blocker = join(base, 'plainfile')
    writeFileSync(blocker, 'x')
    const impossible = await openError(join(blocker, 'inside.casefile'), true)
    expect(impossible.code).toBe('unreadable')
    expect(impossible.message).toContain("can't create inside.casefile")
  })

  it('refuses a link to nothing, or a loop of links, and never replaces it with a new archive', async () => {
    const base = dir()
    const dangling = join(base, 'usb.casefile')
    const gone = join(base, 'unmounted-drive', 'research.casefile')
    symlinkSync(gone, dangling)
    const refused = await openError(dangling, true)
    expect(refused.code).toBe('unreadable')
    expect(refused.message).toBe(`Casefile can't open usb.casefile: it is a link to ${gone}, which is not there (a drive not connected?). Nothing was changed.`)
    expect(readlinkSync(dangling)).toBe(gone)
    const loop = join(base, 'loop.casefile')
    symlinkSync(loop, loop)
    expect((await openError(loop, true)).message).toBe("Casefile can't open loop.casefile: it is a link that leads back to itself (a loop of symbolic links). Nothing was changed.")
    expect(readlinkSync(loop)).toBe(loop)
    expect(readdirSync(base).sort()).toEqual(['loop.casefile', 'usb.casefile'])
    // A link to an archive that is there opens it.
    const real = join(base, 'real.casefile')
    ;(await openArchive(real, { create: true, seedDir: null, nativeBinding: null })).close()
    symlinkSync(real, join(base, 'alias.casefile'))
    const alias = await openArchive(join(base, 'alias.casefile'), { create: true, seedDir: null, nativeBinding: null })
    alias.close()
    expect(lstatSync(join(base, 'alias.casefile')).isSymbolicLink()).toBe(true)
  })

  it('makes no folders: a new archive in a folder that does not exist is refused, naming the folder', async () => {
    const base = dir()
    const refused = await openError(join(base, 'nope', 'deeper', 'x.casefile'), true)
    expect(refused.message).toBe(`Casefile can't create x.casefile: the folder ${join(base, 'nope', 'deeper')} does not exist.`)
    expect(readdirSync(base)).toEqual([])
  })

  it('refuses, unchanged, a file with the archive identity and format but not its tables or columns', async () => {
    const base = dir()
    const bare = join(base, 'bare.casefile')
    const db = new Database(bare)
    db.pragma(`application_id = ${CASEFILE_APPLICATION_ID}`)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`)
    db.exec('CREATE TABLE x (a)')
    db.close()
    const before = digest(bare)
    expect((await openError(bare, false)).message).toMatch(
      /^Casefile can't open bare\.casefile: it lacks part of an archive's structure \((table|index) \w+, (table|index) \w+, (table|index) \w+ and \d+ more\), so this version of Casefile cannot use it\. Nothing was changed\. Bring back a backup with casefile restore FROM\.$/
    )
    expect(digest(bare)).toBe(before)
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    made.archive.db.exec('ALTER TABLE saved_searches DROP COLUMN filters')
    made.archive.close()
    expect((await openError(made.path, false)).message).toContain("it lacks part of an archive's structure (column saved_searches.filters)")
  })

  it('leaves no archive behind when seeding fails', async () => {
    const base = dir()
    const badSeed = join(base, 'seed')
    mkdirSync(badSeed)
    writeFileSync(join(badSeed, 'manifest.json'), JSON.stringify({ articles: [{ file: 'nope.txt' }], datasets: [] }))
    const path = join(base, 'new.casefile')
    await expect(openArchive(path, { create: true, seedDir: badSeed, nativeBinding: null })).rejects.toThrow(ArchiveOpenError)
    expect(readdirSync(base)).toEqual(['seed'])
  })

  it('seeds a new archive from the sample folder', async () => {
    const path = join(dir(), 'seeded.casefile')
    const archive = await openArchive(path, { create: true, seedDir: SAMPLE_DIR, nativeBinding: null })
    cleanups.push(() => archive.close())
    const counts = archive.db.prepare('SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM datasets) AS d').get()
    expect(counts).toEqual({ a: 7, d: 5 })
  })
})
