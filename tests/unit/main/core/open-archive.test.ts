import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
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
