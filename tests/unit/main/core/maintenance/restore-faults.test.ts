// A restore when things go wrong around it: another writer at the worst moment, a second restore, a
// copy that changes or comes out short, a result that is not the backup or fails its check, and
// another program writing right after. Faults are made where they would happen, in the backup API
// (SQLite's page copy) the restore goes through: each test wraps Database.prototype.backup.
import { spawn } from 'node:child_process'
import { readdirSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MIGRATIONS, openArchive, type Archive } from '../../../../../src/main/core/index'
import { backupArchive } from '../../../../../src/main/core/maintenance/backups'
import { checkArchive } from '../../../../../src/main/core/maintenance/check-archive'
import { lastKeptCopy, restoreArchive } from '../../../../../src/main/core/maintenance/restore-archive'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { damageLeafPage } from '../../../../helpers/damage-archive'
import { noteTitles } from '../../../../helpers/note-titles'
import { PROJECT_ROOT } from '../../../../helpers/cli-in-process'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  vi.restoreAllMocks()
  while (cleanups.length) cleanups.pop()!()
})

const original = Database.prototype.backup

type BackupOptions = Parameters<Db['backup']>[1]
type Progress = Awaited<ReturnType<Db['backup']>>

/**
 * Wraps every backup-API call. `around` gets the source connection, the destination, the options and
 * a function that runs the real copy; it decides what happens before and after.
 */
function wrapBackups(around: (source: Db, destination: string, options: BackupOptions, run: (options: BackupOptions) => Promise<Progress>) => Promise<Progress>): void {
  vi.spyOn(Database.prototype, 'backup').mockImplementation(function (this: Db, destination: string, options?: BackupOptions) {
    return around(this, destination, options, (chosen) => original.call(this, destination, chosen))
  })
}

/** A seeded archive, a backup of it, and a note written after the backup (the restore replaces it). */
async function archiveWithBackup() {
  const made = await tempArchive(true)
  cleanups.push(made.cleanup)
  const backup = join(made.dir, 'before.casefile')
  backupArchive(made.archive, backup)
  insertNote(made.archive.db, 'Written after the backup', 'x')
  return { ...made, backup }
}

/** A backup of `archive` at `path`, then changed by `statements` run in order on one connection (settings included). */
function backupWith(archive: Archive, path: string, statements: string[]): string {
  backupArchive(archive, path)
  const db = new Database(path)
  try {
    for (const statement of statements) db.exec(statement)
  } finally {
    db.close()
  }
  return path
}

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).filter((name) => pattern.test(name))
}

/** Runs `sql` through a connection of its own, as another program would. */
function elsewhere(path: string, sql: string): void {
  const db = new Database(path)
  try {
    db.exec(sql)
  } finally {
    db.close()
  }
}

describe('a restore refuses, writing nothing and keeping no copy,', () => {
  it('when the archive is busy, before the backup is even read', async () => {
    const { archive, path, dir } = await archiveWithBackup()
    // A damaged backup would be refused as damaged once read; the busy archive is said first.
    const damaged = join(dir, 'damaged.casefile')
    backupArchive(archive, damaged)
    truncateSync(damaged, 8192)
    const other = new Database(path)
    cleanups.push(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    try {
      await expect(restoreArchive(archive, damaged, MIGRATIONS)).rejects.toThrow('The archive test.casefile is busy; close other windows or imports and try again. Nothing was restored.')
    } finally {
      other.exec('ROLLBACK')
    }
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore|restoring/)).toEqual([])
  })

  it('when another writer takes the lock between the check of the backup and the copy', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    let other: Db | null = null
    wrapBackups(async (_source, destination, options, run) => {
      if (destination === path && other === null) {
        other = new Database(path)
        other.exec('BEGIN IMMEDIATE')
        const release = setTimeout(() => other!.exec('ROLLBACK'), 1500)
        cleanups.push(() => clearTimeout(release))
      }
      return run(options)
    })
    cleanups.push(() => other?.close())
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow('The archive test.casefile is busy; close other windows or imports and try again. Nothing was restored.')
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore|restoring/)).toEqual([])
  })

  it('when the checked copy changes before it is copied in (its page count is checked under the lock)', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    wrapBackups(async (source, destination, options, run) => {
      if (destination === path) elsewhere(source.name, `CREATE TABLE grown (b BLOB); INSERT INTO grown VALUES (zeroblob(200000));`)
      return run(options)
    })
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow(
      /^The checked copy of before\.casefile changed before it was copied in \(\d+ pages, not \d+\); nothing was restored\.$/
    )
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore|restoring/)).toEqual([])
  })

  it('when the copy it keeps of the archive comes out short', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    wrapBackups(async (_source, destination, options, run) => {
      const done = await run(options)
      if (destination.endsWith('.kept')) truncateSync(destination, 8192)
      return done
    })
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow(/^Casefile could not keep a whole copy of test\.casefile \(2 of \d+ pages\); nothing was restored\.$/)
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore|restoring/)).toEqual([])
  })

  it('when it is not complete and sound: the whole integrity check, beyond what opening checks', async () => {
    const { archive, path, dir } = await archiveWithBackup()
    // Over 16 MiB, so opening checks only the first page of a table this big: the CHECK constraint
    // broken in its last row is found by the restore's full integrity_check alone.
    const big = backupWith(archive, join(dir, 'big.casefile'), [
      'CREATE TABLE extra (v INTEGER CHECK (v > 0)); CREATE TABLE ballast (b BLOB)',
      'WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 20000) INSERT INTO extra SELECT v FROM n',
      'PRAGMA ignore_check_constraints = ON',
      'INSERT INTO extra VALUES (-1)',
      'WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 180) INSERT INTO ballast SELECT zeroblob(100000) FROM n'
    ])
    await expect(restoreArchive(archive, big, MIGRATIONS)).rejects.toThrow('big.casefile is damaged or incomplete (CHECK constraint failed in extra); nothing was restored.')
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore|restoring/)).toEqual([])
  })
})

describe('after the copy, a restore', () => {
  it('says nothing was restored when the archive does not hold the copy, and keeps no copy for --undo', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    wrapBackups(async (_source, destination, options, run) => {
      const done = await run(options)
      if (destination === path) {
        // What the copy wrote is gone again, as if it had never been committed.
        const kept = new Database(lastKeptCopy(path)!, { readonly: true })
        try {
          await original.call(kept, path)
        } finally {
          kept.close()
        }
      }
      return done
    })
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow(
      'test.casefile did not take the content of before.casefile (SQLite reported the copy done, but it is not there), so nothing was restored.'
    )
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    expect(lastKeptCopy(path)).toBeNull()
    expect(filesIn(dir, /restoring|failed-restore/)).toEqual([])
  })

  it('puts the previous content back when the result fails its check, keeping that result as a copy', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    wrapBackups(async (_source, destination, options, run) => {
      const done = await run(options)
      if (destination === path && filesIn(dir, /failed-restore/).length === 0) {
        // The disk spoils a page of what was just written.
        elsewhere(path, 'PRAGMA wal_checkpoint(TRUNCATE)')
        damageLeafPage(path, 'ds_4', 1)
      }
      return done
    })
    await expect(restoreArchive(archive, backup, MIGRATIONS)).rejects.toThrow(
      /^test\.casefile failed its check after the restore \(.+\), so its previous content was put back; what the restore of before\.casefile left is kept as test\.casefile\.failed-restore-[\dTZ-]+\.backup\. Nothing was restored\.$/
    )
    expect(noteTitles(path)).toEqual(['Written after the backup'])
    // Put back, the previous content needs no copy for --undo; the failed result is kept as it was.
    expect(lastKeptCopy(path)).toBeNull()
    expect(filesIn(dir, /failed-restore/)).toHaveLength(1)
    expect(filesIn(dir, /restoring/)).toEqual([])
    archive.close()
    const again = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    cleanups.push(() => again.close())
    expect(again.readOnly).toBeNull()
    expect(checkArchive(again, false).ok).toBe(true)
  })

  it('keeps what another program writes right after it, and says so', async () => {
    const { archive, path, backup } = await archiveWithBackup()
    wrapBackups(async (_source, destination, options, run) => {
      const done = await run(options)
      if (destination === path) elsewhere(path, "INSERT INTO notes (title, body, created_at, updated_at) VALUES ('Written right after the restore', '', '2026-01-01', '2026-01-01')")
      return done
    })
    const outcome = await restoreArchive(archive, backup, MIGRATIONS)
    expect(outcome.changedSince).toContain('notes: 1 row, not 0')
    expect(noteTitles(path)).toEqual(['Written right after the restore'])
    expect(noteTitles(outcome.keptAs)).toEqual(['Written after the backup'])
  })
})

describe('two restores at once', () => {
  it('refuse the second while the first runs, and the first verifies its own result', async () => {
    const { archive, path, backup, dir } = await archiveWithBackup()
    const other = join(dir, 'other.casefile')
    const made = await openArchive(other, { create: true, seedDir: null, nativeBinding: null })
    insertNote(made.db, 'Only in the other backup', '')
    made.close()
    let second: Promise<unknown> | null = null
    wrapBackups(async (_source, destination, options, run) => {
      if (destination !== path || second !== null) return run(options)
      let held = true
      // The second starts in this process while the first is about to copy its pages in.
      second = restoreArchive(archive, other, MIGRATIONS).then(
        () => 'restored',
        (error: Error) => error.message
      )
      void second.finally(() => (held = false))
      return run({ progress: (progress) => (held ? 0 : options!.progress!(progress)) })
    })
    const first = await restoreArchive(archive, backup, MIGRATIONS)
    expect(await second).toBe('Another restore of test.casefile is running; let it finish, then try again. Nothing was restored.')
    expect(first.from).toBe(backup)
    expect(noteTitles(path)).toEqual([])
    expect(noteTitles(first.keptAs)).toEqual(['Written after the backup'])
    expect(filesIn(dir, /before-restore/)).toHaveLength(1)
  })
})

describe('another program writing all through a restore', () => {
  it('loses none of its writes: each is in the archive afterwards, or in the copy kept of it', async () => {
    const { archive, path, dir } = await archiveWithBackup()
    // A backup big enough that the restore takes a while (about 20 MB).
    const big = backupWith(archive, join(dir, 'big.casefile'), [
      'CREATE TABLE ballast (b BLOB)',
      'WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 200) INSERT INTO ballast SELECT randomblob(100000) FROM n'
    ])
    // The writer inserts a row every few milliseconds without waiting for the lock, and prints the
    // number of each insert that committed.
    const script = `
      const Database = require('better-sqlite3')
      const db = new Database(process.argv[1], { timeout: 0 })
      let n = 0
      const timer = setInterval(() => {
        n++
        try { db.prepare("INSERT INTO meta (key, value) VALUES (?, 'x')").run('probe-' + n); console.log(n) } catch {}
      }, 3)
      process.stdin.on('data', () => { clearInterval(timer); db.close(); process.exit(0) })
    `
    const writer = spawn(process.execPath, ['-e', script, path], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
    let printed = ''
    writer.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()))
    await new Promise((resolve) => setTimeout(resolve, 300))
    const outcome = await restoreArchive(archive, big, MIGRATIONS)
    await new Promise((resolve) => setTimeout(resolve, 300))
    writer.stdin.write('stop\n')
    await new Promise((resolve) => writer.on('exit', resolve))
    const committed = printed.trim().split('\n').filter(Boolean).map(Number)
    const probes = (file: string) => {
      const read = new Database(file, { readonly: true })
      try {
        return new Set(read.prepare("SELECT key FROM meta WHERE key LIKE 'probe-%'").pluck().all() as string[])
      } finally {
        read.close()
      }
    }
    const now = probes(path)
    const kept = probes(outcome.keptAs)
    expect(committed.length).toBeGreaterThan(20)
    expect(committed.filter((n) => !now.has(`probe-${n}`) && !kept.has(`probe-${n}`))).toEqual([])
    // Some were written after the restore, onto the restored content (the backup has none).
    expect(now.size).toBeGreaterThan(0)
    expect(probes(big).size).toBe(0)
  }, 60_000)
})
