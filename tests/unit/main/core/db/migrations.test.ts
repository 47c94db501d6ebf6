import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { MigrationFailed, migrate, schemaVersion } from '../../../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../../../src/main/core/db/migrations/index'
import type { Migration } from '../../../../../src/main/core/db/migrations/migration'
import { openArchiveWith } from '../../../../../src/main/core/index'
import { tempDir } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function scratch(): string {
  const made = tempDir('migrate')
  cleanups.push(made.cleanup)
  return made.dir
}

describe('the migration runner', () => {
  it('commits the migrations together with their user_version bump', () => {
    const db = new Database(':memory:')
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length)
  })

  it('rolls every pending step back when one fails, and says which step in plain words', () => {
    const db = new Database(':memory:')
    const adds: Migration = { version: MIGRATIONS.length + 1, name: 'adds a table', up: (inner) => inner.exec('CREATE TABLE added (x INTEGER)') }
    const broken: Migration = {
      version: MIGRATIONS.length + 2,
      name: 'fails half-way',
      up(inner) {
        inner.exec('CREATE TABLE half_done (x INTEGER)')
        inner.exec('INSERT INTO no_such_table VALUES (1)')
      }
    }
    migrate(db, MIGRATIONS)
    let failure: unknown = null
    try {
      migrate(db, [...MIGRATIONS, adds, broken])
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(MigrationFailed)
    expect((failure as MigrationFailed).describe()).toBe(
      `upgrading it from format ${MIGRATIONS.length} to ${MIGRATIONS.length + 2} failed at step ${MIGRATIONS.length + 2} (fails half-way): no such table: no_such_table`
    )
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('added', 'half_done')").get()).toEqual({ n: 0 })
  })

  it('refuses a gap in the numbering', () => {
    const db = new Database(':memory:')
    const skipping: Migration = { version: 3, name: 'skips 2', up: () => undefined }
    expect(() => migrate(db, [MIGRATIONS[0]!, skipping])).toThrow(/does not follow version 1/)
  })

  it('backs an existing archive up, verified, before migrating it', async () => {
    const base = scratch()
    const path = join(base, 'old.casefile')
    ;(await openArchiveWith(path, { create: true, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: MIGRATIONS })).close()
    const upgraded = await openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: [...MIGRATIONS, addsColumn] })
    expect(schemaVersion(upgraded.db)).toBe(MIGRATIONS.length + 1)
    upgraded.close()
    expect(backupsIn(base)).toEqual([`old.casefile.before-v${MIGRATIONS.length + 1}.backup`])
    const backup = new Database(join(base, backupsIn(base)[0]!), { readonly: true })
    expect(schemaVersion(backup)).toBe(MIGRATIONS.length)
    backup.close()
  })

  it('leaves the archive as it was when a later step fails, writes no backup for it however often it is tried, and names the step', async () => {
    const base = scratch()
    const path = join(base, 'old.casefile')
    const made = await openArchiveWith(path, { create: true, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: MIGRATIONS })
    made.db.prepare("INSERT INTO meta (key, value) VALUES ('kept', 'yes')").run()
    made.close()
    const schemaBefore = schemaOf(path)
    const failing: Migration = { version: MIGRATIONS.length + 2, name: 'breaks', up: (db) => db.exec('SELECT * FROM nowhere') }
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: [...MIGRATIONS, addsColumn, failing] })).rejects.toThrow(
        `Casefile can't open old.casefile: upgrading it from format ${MIGRATIONS.length} to ${MIGRATIONS.length + 2} failed at step ${MIGRATIONS.length + 2} (breaks): no such table: nowhere. Nothing was changed.`
      )
    }
    // Not even the step that would have worked is kept: the archive is at the format it had.
    expect(schemaOf(path)).toEqual(schemaBefore)
    expect(backupsIn(base)).toEqual([])
    expect(readdirSync(base).filter((name) => name.endsWith('.partial'))).toEqual([])
    const reopened = await openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: MIGRATIONS })
    expect(reopened.db.prepare("SELECT value FROM meta WHERE key = 'kept'").pluck().get()).toBe('yes')
    reopened.close()
  })

  it('says which step failed when an archive whose format number was reset to 0 is opened', async () => {
    const base = scratch()
    const path = join(base, 'reset.casefile')
    ;(await openArchiveWith(path, { create: true, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: MIGRATIONS })).close()
    const db = new Database(path)
    db.pragma('user_version = 0')
    db.close()
    await expect(openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: MIGRATIONS })).rejects.toThrow(
      `Casefile can't open reset.casefile: upgrading it from format 0 to ${MIGRATIONS.length} failed at step 1 (initial schema): table meta already exists. Nothing was changed.`
    )
    expect(backupsIn(base)).toEqual([])
  })

  it('never overwrites an older backup that carries the same name', async () => {
    const base = scratch()
    const path = join(base, 'old.casefile')
    ;(await openArchiveWith(path, { create: true, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: MIGRATIONS })).close()
    const taken = join(base, `old.casefile.before-v${MIGRATIONS.length + 1}.backup`)
    writeFileSync(taken, 'an earlier copy')
    ;(await openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, upgradeBackup: true, migrations: [...MIGRATIONS, addsColumn] })).close()
    expect(readFileSync(taken, 'utf8')).toBe('an earlier copy')
    expect(backupsIn(base)).toHaveLength(2)
  })
})

const addsColumn: Migration = {
  version: MIGRATIONS.length + 1,
  name: 'adds a column',
  up: (db) => db.exec('ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0')
}

function backupsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.backup')).sort()
}

function schemaOf(path: string): { version: number; sql: string[] } {
  const db = new Database(path, { readonly: true })
  try {
    return { version: schemaVersion(db), sql: db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all() as string[] }
  } finally {
    db.close()
  }
}
