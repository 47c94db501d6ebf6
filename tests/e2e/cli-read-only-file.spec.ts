// An archive file made read-only (chmod 444) in a folder its owner may write, as a person does to
// protect a finished archive, then made writable again. SQLite gives the -wal and -shm files it
// makes the archive's permissions; left behind read-only, they made every later change fail with
// SQLite's own "attempt to write a readonly database" until the person deleted a file they know
// nothing about (review R23-3). Root, whom permissions do not stop, runs the CLI as "nobody".
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openArchive } from '../../src/main/core/index'
import { PROJECT_ROOT } from './launch'

const CLI = join(PROJECT_ROOT, 'out', 'main', 'cli.js')
const NOBODY = 65534
const AS_NOBODY = process.getuid?.() === 0
const READ_ONLY =
  'casefile: a.casefile cannot be written where it is (a read-only file, folder or disk), so Casefile opened it read-only: reading, search and export work, changes do not. To change it, copy it to a writable folder and open the copy.'

function own(dir: string): void {
  if (!AS_NOBODY) return
  for (const name of ['', ...readdirSync(dir)]) chownSync(join(dir, name), NOBODY, NOBODY)
}

function cli(dir: string, argv: string[]): { status: number | null; stdout: string; stderr: string } {
  own(dir)
  const args = [CLI, `--archive=${join(dir, 'a.casefile')}`, ...argv]
  const options = { encoding: 'utf8' as const, timeout: 60_000 }
  return AS_NOBODY
    ? spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, ...args], options)
    : spawnSync(process.execPath, args, options)
}

/**
 * "nobody" must reach the built CLI: a project cloned into a folder only its owner may enter (as
 * `mktemp -d` makes one) is opened for the run, each such folder up to the root, and closed again.
 */
function letNobodyReachProject(): () => void {
  if (!AS_NOBODY) return () => undefined
  const opened: { path: string; mode: number }[] = []
  for (let path = PROJECT_ROOT; ; path = dirname(path)) {
    const mode = statSync(path).mode & 0o7777
    if ((mode & 0o001) === 0) {
      chmodSync(path, mode | 0o001)
      opened.push({ path, mode })
    }
    if (dirname(path) === path) break
  }
  return () => {
    for (const { path, mode } of opened) chmodSync(path, mode)
  }
}

test.describe('an archive file made read-only, then writable again', () => {
  let dir = ''
  let closeProject: () => void = () => undefined
  test.beforeAll(() => {
    closeProject = letNobodyReachProject()
  })
  test.afterAll(() => closeProject())
  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-read-only-file-'))
    chmodSync(dir, 0o755)
    const archive = await openArchive(join(dir, 'a.casefile'), { create: true, seedDir: null, nativeBinding: null })
    archive.close()
    for (const name of ['one', 'two', 'three']) writeFileSync(join(dir, `${name}.txt`), `Memo ${name}\n\nThe removals rose in fiscal year 2012.\n`)
  })
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('is read while read-only, then changed once writable, with nothing to delete by hand', () => {
    const archive = join(dir, 'a.casefile')
    chmodSync(archive, 0o444)
    const refused = cli(dir, ['import', join(dir, 'one.txt')])
    expect(refused.status).toBe(1)
    expect(refused.stderr.trim().split('\n')).toEqual([READ_ONLY])
    for (const file of [`${archive}-wal`, `${archive}-shm`]) {
      if (existsSync(file)) expect(statSync(file).mode & 0o200, `${file} is left writable by its owner`).toBe(0o200)
    }
    chmodSync(archive, 0o644)
    const imported = cli(dir, ['import', join(dir, 'one.txt')])
    expect(imported.stderr).toBe('')
    expect(imported.status).toBe(0)
    expect(imported.stdout).toMatch(/^imported {2}one\.txt → article #\d+/)
  })

  test('clears the read-only -shm an earlier version left, but keeps a -wal that holds changes', () => {
    const archive = join(dir, 'a.casefile')
    // What an earlier read-only open left: SQLite's index of the log, with the archive's 444.
    writeFileSync(`${archive}-shm`, Buffer.alloc(32 * 1024))
    writeFileSync(`${archive}-wal`, '')
    chmodSync(`${archive}-shm`, 0o444)
    chmodSync(`${archive}-wal`, 0o444)
    const imported = cli(dir, ['import', join(dir, 'two.txt')])
    expect(imported.stderr).toBe('')
    expect(imported.status).toBe(0)
    expect(imported.stdout).toMatch(/^imported {2}two\.txt → article #\d+/)

    // A log that may hold the archive's latest changes is never deleted: the refusal names it.
    const log = Buffer.alloc(4096, 7)
    writeFileSync(`${archive}-wal`, log)
    writeFileSync(`${archive}-shm`, Buffer.alloc(32 * 1024))
    chmodSync(`${archive}-shm`, 0o444)
    const kept = cli(dir, ['import', join(dir, 'three.txt')])
    expect(kept.status).toBe(1)
    expect(kept.stdout).toBe('')
    expect(kept.stderr.trim().split('\n')).toEqual([
      'casefile: a.casefile cannot be written where it is (a read-only file, folder or disk), and its latest changes are still in a.casefile-wal, which SQLite can only read where it may write. Copy both files to a writable folder and open the copy.'
    ])
    expect(readFileSync(`${archive}-wal`)).toEqual(log)
  })
})
