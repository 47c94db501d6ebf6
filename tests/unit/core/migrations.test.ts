import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../src/main/core/db/migrations/index'
import type { Migration } from '../../../src/main/core/db/migrations/migration'
import { openArchiveWith } from '../../../src/main/core/index'
import { tempDir } from '../../helpers/temp-archive'

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
  it('commits each migration together with its user_version bump', () => {
    const db = new Database(':memory:')
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length)
  })

  it('rolls a failing migration back entirely and keeps the previous version', () => {
    const db = new Database(':memory:')
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'fails half-way',
      up(inner) {
        inner.exec('CREATE TABLE half_done (x INTEGER)')
        inner.exec('INSERT INTO no_such_table VALUES (1)')
      }
    }
    migrate(db, MIGRATIONS)
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no such table/)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 })
  })

  it('refuses a gap in the numbering', () => {
    const db = new Database(':memory:')
    const skipping: Migration = { version: 3, name: 'skips 2', up: () => undefined }
    expect(() => migrate(db, [MIGRATIONS[0]!, skipping])).toThrow(/does not follow version 1/)
  })

  it('backs an existing archive up, verified, before migrating it, and a failed migration leaves the old version', async () => {
    const base = scratch()
    const path = join(base, 'old.casefile')
    ;(await openArchiveWith(path, { create: true, seedDir: null, nativeBinding: null, migrations: MIGRATIONS })).close()
    const next: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'adds a column',
      up: (db) => db.exec('ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0')
    }
    const upgraded = await openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, migrations: [...MIGRATIONS, next] })
    expect(schemaVersion(upgraded.db)).toBe(MIGRATIONS.length + 1)
    upgraded.close()
    const backups = readdirSync(base).filter((name) => name.endsWith('.backup'))
    expect(backups).toHaveLength(1)
    const backup = new Database(join(base, backups[0]!), { readonly: true })
    expect(schemaVersion(backup)).toBe(MIGRATIONS.length)
    backup.close()

    const failing: Migration = { version: MIGRATIONS.length + 2, name: 'breaks', up: (db) => db.exec('SELECT * FROM nowhere') }
    await expect(
      openArchiveWith(path, { create: false, seedDir: null, nativeBinding: null, migrations: [...MIGRATIONS, next, failing] })
    ).rejects.toThrow(/no such table: nowhere/)
    const after = new Database(path, { readonly: true })
    expect(schemaVersion(after)).toBe(MIGRATIONS.length + 1)
    after.close()
    expect(readdirSync(base).filter((name) => name.endsWith('.backup'))).toHaveLength(2)
    expect(existsSync(join(base, `${backups[0]}.partial`))).toBe(false)
  })
})
