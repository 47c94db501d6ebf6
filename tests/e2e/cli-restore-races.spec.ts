// `casefile restore` racing other processes, each a real process on a real file: a second restore
// started while the first is under way, and another program committing all through a restore. Both
// once lost work: the first restore's check ran after it let go of the archive, so it put old
// content back over what others had committed, and two restores could both end in "Restored".
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { openArchive } from '../../src/main/core/index'
import { PROJECT_ROOT } from './launch'

const CLI = join(PROJECT_ROOT, 'out', 'main', 'cli.js')

interface Finished {
  code: number | null
  out: string
  err: string
}

/** Starts `casefile --archive ARCHIVE restore FROM` as a process of its own. */
function startRestore(archive: string, from: string): Promise<Finished> {
  const child = spawn(process.execPath, [CLI, '--archive', archive, 'restore', from], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })))
}

function filesBeside(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).filter((name) => pattern.test(name))
}

function run(db: string, sql: string): void {
  const connection = new Database(db)
  try {
    connection.exec(sql)
  } finally {
    connection.close()
  }
}

function metaKeys(db: string, like: string): string[] {
  const connection = new Database(db, { readonly: true })
  try {
    return connection.prepare('SELECT key FROM meta WHERE key LIKE ? ORDER BY key').pluck().all(like) as string[]
  } finally {
    connection.close()
  }
}

function hasTable(db: string, table: string): boolean {
  const connection = new Database(db, { readonly: true })
  try {
    return connection.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) === 1
  } finally {
    connection.close()
  }
}

/**
 * A folder with the archive a.casefile and two backups of it: big.casefile (with about 40 MB of
 * ballast, so restoring it takes a while) and other.casefile (marked in its meta table).
 */
async function scene(): Promise<{ dir: string; archive: string; big: string; other: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-restore-races-'))
  const archive = join(dir, 'a.casefile')
  ;(await openArchive(archive, { create: true, seedDir: null, nativeBinding: null })).close()
  const big = join(dir, 'big.casefile')
  const other = join(dir, 'other.casefile')
  for (const backup of [big, other]) expect(spawnSync(process.execPath, [CLI, '--archive', archive, 'backup', backup]).status).toBe(0)
  run(big, 'CREATE TABLE ballast (b BLOB); WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 400) INSERT INTO ballast SELECT randomblob(100000) FROM n')
  run(other, "INSERT INTO meta (key, value) VALUES ('other-backup', 'yes')")
  return { dir, archive, big, other }
}

test.describe('casefile restore racing other processes', () => {
  test.setTimeout(180_000)

  test('two restores at once: one is refused in words, the other restores, and the archive holds its backup', async () => {
    const { dir, archive, big, other } = await scene()
    // Another program holds big.casefile (as if still writing it), so the first restore waits in the
    // middle of its work, the archive in hand, until the second has run.
    const writing = new Database(big)
    writing.pragma('journal_mode = DELETE')
    writing.exec('BEGIN EXCLUSIVE')
    try {
      let firstEnded = false
      const first = startRestore(archive, big).finally(() => (firstEnded = true))
      // Until it has begun its work beside the archive (or has ended: then the second runs after it).
      while (filesBeside(dir, /^a\.casefile\.restoring-/).length === 0 && !firstEnded) await new Promise((resolve) => setTimeout(resolve, 5))
      const second = await startRestore(archive, other)
      writing.exec('ROLLBACK')
      const results = [await first, second]
      const winners = results.filter((result) => result.code === 0)
      const refused = results.filter((result) => result.code !== 0)
      expect(winners).toHaveLength(1)
      expect(refused).toHaveLength(1)
      expect(refused[0]!.code).toBe(1)
      expect(refused[0]!.out).toBe('')
      expect(refused[0]!.err).toMatch(
        /^casefile: (The archive a\.casefile is busy; close other windows or imports and try again|Another restore of a\.casefile is running; let it finish, then try again)\. Nothing was restored\.\n$/
      )
      const bigWon = winners[0] === results[0]
      expect(winners[0]!.out).toMatch(new RegExp(`^Restored .+a\\.casefile from .+${bigWon ? 'big' : 'other'}\\.casefile\\n`))
      // The archive holds exactly the backup that was reported restored, not the other, not a mix.
      expect(hasTable(archive, 'ballast')).toBe(bigWon)
      expect(metaKeys(archive, 'other-backup')).toEqual(bigWon ? [] : ['other-backup'])
      expect(filesBeside(dir, /before-restore/)).toHaveLength(1)
      expect(filesBeside(dir, /restoring|failed-restore|backup-(wal|shm)$/)).toEqual([])
    } finally {
      writing.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('another program committing all through a restore loses none of its rows', async () => {
    const { dir, archive, big } = await scene()
    try {
      const writer = new Database(archive, { timeout: 0 })
      const committed: string[] = []
      let done = false
      const restore = startRestore(archive, big).finally(() => (done = true))
      // Inserts until a while after the restore ends, never waiting for the lock: each that returns
      // has committed, and must be found afterwards, in the archive or in the copy the restore kept.
      for (let n = 1, after = 0; after < 20; n++) {
        try {
          writer.prepare("INSERT INTO meta (key, value) VALUES (?, 'x')").run(`probe-${n}`)
          committed.push(`probe-${n}`)
        } catch {
          // The archive is locked by the restore: this insert did not commit.
        }
        if (done) after++
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      writer.close()
      const result = await restore
      expect(result.err).toBe('')
      expect(result.code).toBe(0)
      const kept = join(dir, filesBeside(dir, /before-restore/)[0]!)
      const found = new Set([...metaKeys(archive, 'probe-%'), ...metaKeys(kept, 'probe-%')])
      expect(committed.length).toBeGreaterThan(20)
      expect(committed.filter((key) => !found.has(key))).toEqual([])
      expect(hasTable(archive, 'ballast')).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
