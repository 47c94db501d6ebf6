// The CLI's keeping commands as a person meets them: restore, undo, check and backup while another
// process writes or the archive is damaged, exports that would overwrite, and hostile file names.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, openArchive } from '../../../../src/main/core/index'
import { CASEFILE_APPLICATION_ID } from '../../../../src/main/core/db/identity'
import { insertNote } from '../../../../src/main/core/notes/note-queries'
import { cli, type CliRun } from '../../../helpers/cli-in-process'
import { noteTitles } from '../../../helpers/note-titles'
import { damageLeafPage } from '../../../helpers/damage-archive'
import { holdWriteLock } from '../../../helpers/hold-write-lock'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function folder(): string {
  const made = tempDir('cli-keeping')
  cleanups.push(made.cleanup)
  return made.dir
}


/** A seeded archive, a backup of it, and a note written after the backup. */
async function archiveWithBackup(): Promise<{ dir: string; path: string; backup: string }> {
  const dir = folder()
  const path = join(dir, 'cli.casefile')
  const backup = join(dir, 'copy.casefile')
  expect((await cli(['--archive', path, 'backup', backup])).code).toBe(0)
  const archive = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
  insertNote(archive.db, 'After the backup', '')
  archive.close()
  return { dir, path, backup }
}

/** A failure as the README promises it: exit code 1, nothing on stdout, exactly this one line on stderr. */
function expectOneLine(run: CliRun, line: string | RegExp): void {
  expect(run.code).toBe(1)
  expect(run.out).toBe('')
  expect(run.err.endsWith('\n')).toBe(true)
  expect(run.err.trimEnd().split('\n')).toHaveLength(1)
  if (typeof line === 'string') expect(run.err).toBe(`${line}\n`)
  else expect(run.err).toMatch(line)
}

describe('restore', () => {
  it('refuses at once, changing nothing, while another process holds the write lock', async () => {
    const { dir, path, backup } = await archiveWithBackup()
    const lock = await holdWriteLock(path)
    let run: CliRun
    try {
      run = await cli(['--archive', path, 'restore', backup])
    } finally {
      await lock.release()
    }
    expectOneLine(run, 'casefile: The archive cli.casefile is busy; close other windows or imports and try again. Nothing was restored.')
    expect(noteTitles(path)).toEqual(['After the backup'])
    expect(readdirSync(dir).filter((name) => name.includes('before-restore'))).toEqual([])
  }, 20_000)

  it('restores, and --undo brings back what the restore replaced', async () => {
    const { path, backup } = await archiveWithBackup()
    const restored = await cli(['--archive', path, 'restore', backup])
    expect(restored.code).toBe(0)
    expect(noteTitles(path)).toEqual([])
    const undone = await cli(['--archive', path, 'restore', '--undo'])
    expect(undone.err).toBe('')
    expect(undone.code).toBe(0)
    expect(undone.out).toMatch(/^Undid the last restore: .+cli\.casefile holds again the content of .+\.before-restore-.+\.backup\n/)
    expect(noteTitles(path)).toEqual(['After the backup'])
    expect((await cli(['--archive', path, 'restore', '--undo', backup])).code).toBe(2)
  })

  it('works on an archive that cannot be opened: --undo brings back the kept content, and a restore mends it', async () => {
    const { dir, path, backup } = await archiveWithBackup()
    expect((await cli(['--archive', path, 'restore', backup])).code).toBe(0)
    // Then the file is replaced by one with the archive's identity and format but none of its tables.
    const broken = join(dir, 'broken.casefile')
    const db = new Database(broken)
    db.pragma(`application_id = ${CASEFILE_APPLICATION_ID}`)
    db.pragma(`user_version = ${MIGRATIONS.length}`)
    db.exec('CREATE TABLE x (a)')
    db.close()
    copyFileSync(broken, path)
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    expectOneLine(await cli(['--archive', path, 'info']), /^casefile: Casefile can't open cli\.casefile: it lacks part of an archive's structure /)

    const undone = await cli(['--archive', path, 'restore', '--undo'])
    expect(undone.err).toBe('')
    expect(undone.code).toBe(0)
    // What it held (no tables) is kept for recovery, but --undo is not promised: it would refuse.
    expect(undone.out).toMatch(/\nThe content it had before is kept as .+\.before-restore-.+\.backup for recovery; it is damaged or incomplete, so casefile restore --undo cannot bring it back\n$/)
    expect(noteTitles(path)).toEqual(['After the backup'])
    expectOneLine(await cli(['--archive', path, 'restore', '--undo']), /^casefile: cli\.casefile\.before-restore-.+\.backup cannot be opened by this version of Casefile: it lacks part of an archive's structure .+; nothing was restored\.\n$/)
    expect(noteTitles(path)).toEqual(['After the backup'])

    copyFileSync(broken, path)
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    const restored = await cli(['--archive', path, 'restore', backup])
    expect(restored.err).toBe('')
    expect(restored.code).toBe(0)
    expect(noteTitles(path)).toEqual([])
    expect((await cli(['--archive', path, 'info'])).code).toBe(0)
  })

  it('over a damaged archive keeps it for recovery without promising --undo, which refuses', async () => {
    const { path, backup } = await archiveWithBackup()
    damageLeafPage(path, 'ds_4', 1)
    const restored = await cli(['--archive', path, 'restore', backup])
    expect(restored.code).toBe(0)
    expect(restored.out).toMatch(/^Restored .+cli\.casefile from .+copy\.casefile\nThe content it had before is kept as .+ for recovery; it is damaged or incomplete, so casefile restore --undo cannot bring it back\n$/)
    expectOneLine(await cli(['--archive', path, 'restore', '--undo']), /^casefile: cli\.casefile\.before-restore-.+\.backup is damaged or incomplete.*; nothing was restored\.\n$/)
    expect(noteTitles(path)).toEqual([])
  })

  it('leaves no -wal or -shm beside the backup it reads (a WAL-mode file) or the copies it keeps', async () => {
    const { dir, path, backup } = await archiveWithBackup()
    const wal = new Database(backup)
    wal.pragma('journal_mode = WAL')
    wal.close()
    expect((await cli(['--archive', path, 'restore', backup])).code).toBe(0)
    expect((await cli(['--archive', path, 'restore', '--undo'])).code).toBe(0)
    expect((await cli(['--archive', path, 'restore', '--undo'])).code).toBe(0)
    expect(readdirSync(dir).filter((name) => name.includes('before-restore')).length).toBe(3)
    expect(readdirSync(dir).filter((name) => /(backup|copy\.casefile)-(wal|shm|journal)$/.test(name))).toEqual([])
  })

  it('refuses a truncated backup in one line and leaves the archive as it was', async () => {
    const { dir, path, backup } = await archiveWithBackup()
    const truncated = join(dir, 'truncated.casefile')
    copyFileSync(backup, truncated)
    truncateSync(truncated, Math.floor(readFileSync(backup).length / 3))
    expectOneLine(await cli(['--archive', path, 'restore', truncated]), /^casefile: truncated\.casefile is damaged or incomplete \(.+\); nothing was restored\.\n$/)
    expect(noteTitles(path)).toEqual(['After the backup'])
  })
})

describe('check', () => {
  it('says the archive is busy, in one line, while another process writes', async () => {
    const { path } = await archiveWithBackup()
    const lock = await holdWriteLock(path)
    let run: CliRun
    try {
      run = await cli(['--archive', path, 'check'])
    } finally {
      await lock.release()
    }
    expectOneLine(run, 'casefile: The archive cli.casefile is busy; close other windows or imports and try again.')
  }, 20_000)
})

describe('a damaged archive', () => {
  it('is read with one warning line, and refuses import and backup in one line each, changing nothing', async () => {
    const { dir, path } = await archiveWithBackup()
    damageLeafPage(path, 'ds_4', 1)
    const bytes = readFileSync(path)
    const warning = 'casefile: cli.casefile is damaged, so Casefile opened it read-only and changes nothing in it. See what is wrong with casefile check (File › Check archive). If only a search index is damaged, casefile check --repair (Rebuild search indexes) mends it; otherwise bring back a backup with casefile restore FROM (File › Restore from backup…).\n'

    const info = await cli(['--archive', path, 'info'])
    expect(info.code).toBe(0)
    expect(info.out).toContain('7 articles')
    expect(info.err).toBe(warning)

    const csv = join(dir, 'figures.csv')
    writeFileSync(csv, 'year,value\n2012,409849\n')
    const imported = await cli(['--archive', path, 'import', csv])
    expectOneLine(imported, warning.trimEnd())
    // A script reading JSON lines gets one for the file (black-box review B25-16).
    const json = await cli(['--archive', path, 'import', csv, '--json'])
    expect(json.code).toBe(1)
    expect(json.err).toBe(warning)
    expect(JSON.parse(json.out)).toMatchObject({ file: 'figures.csv', status: 'failed', id: null, rows: 0, error: `figures.csv was not imported: ${warning.slice('casefile: '.length).trimEnd()}` })

    const backup = await cli(['--archive', path, 'backup', join(dir, 'another.casefile')])
    expectOneLine(backup, /^casefile: cli\.casefile is damaged, so it cannot be backed up; nothing was written\. See what is wrong/)
    expect(readdirSync(dir).filter((name) => name.startsWith('another'))).toEqual([])

    const check = await cli(['--archive', path, 'check'])
    expect(check.code).toBe(1)
    expect(check.out).toMatch(/^Database      DAMAGED: /)
    expect(check.err).toBe(warning)
    expect(readFileSync(path).equals(bytes)).toBe(true)
  })
})

describe('exports', () => {
  it('never overwrite an existing file unless --force, and name a missing folder in one line', async () => {
    const { dir, path } = await archiveWithBackup()
    const target = join(dir, 'notes.md')
    writeFileSync(target, 'my own file')
    expectOneLine(
      await cli(['--archive', path, 'export-notes', '1', '--md', target]),
      `casefile: ${target} already exists; choose another name, or add --force to replace it.`
    )
    expect(readFileSync(target, 'utf8')).toBe('my own file')
    const forced = await cli(['--archive', path, 'export-notes', '1', '--md', target, '--force'])
    expect(forced.code).toBe(0)
    expect(readFileSync(target, 'utf8')).toContain('# After the backup')
    expectOneLine(
      await cli(['--archive', path, 'export-notes', '1', '--html', join(dir, 'missing', 'x.html')]),
      `casefile: cannot write x.html: the folder ${join(dir, 'missing')} does not exist. Nothing was written.`
    )
    expect(existsSync(join(dir, 'missing'))).toBe(false)
  })

  it('never put a file in place of a named pipe, even with --force', async () => {
    const { dir, path } = await archiveWithBackup()
    const pipe = join(dir, 'pipe')
    execFileSync('mkfifo', [pipe])
    for (const command of [['export-notes', '1', '--md'], ['export-dataset', '1', '--csv']]) {
      expectOneLine(await cli(['--archive', path, ...command, pipe, '--force']), `casefile: cannot write pipe: it is a named pipe (FIFO), not a regular file; choose another name. Nothing was written.`)
      expect(statSync(pipe).isFIFO()).toBe(true)
    }
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([])
  })
})

describe('names from outside', () => {
  it('are printed with newlines and escape codes escaped, never acted on', async () => {
    const dir = folder()
    const path = join(dir, 'evil\nname.casefile')
    const csv = join(dir, 'figures\n\u001b[31mred\u202e.csv')
    writeFileSync(csv, 'year,value\n2012,409849\n')
    const imported = await cli(['--archive', path, 'import', csv])
    expect(imported.code).toBe(0)
    expect(imported.out).toMatch(/^imported {2}figures\\n\\e\[31mred\\u202e\.csv → dataset #\d+ \(1 row\) in [\d.]+ s\n$/)
    const info = await cli(['--archive', path, 'info'])
    expect(info.out).toContain('evil\\nname.casefile')
    expect(info.out.split('\n')[0]).toMatch(/^Archive {3}.+evil\\nname\.casefile$/)
    const missing = await cli(['--archive', path, 'restore', join(dir, 'no\u001b[2Jsuch.casefile')])
    expectOneLine(missing, /^casefile: Casefile can't read no\\e\[2Jsuch\.casefile: the file does not exist\.\n$/)
  })
})
