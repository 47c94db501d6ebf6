// One plain line for every failure: every CLI command, run as a real process, in every bad situation
// a person meets (a missing or read-only folder, another process writing, a damaged, truncated or
// newer archive, …). Each cell says what the command must do there. A failure is exit code 1 (2 for
// a usage mistake), nothing on stdout, exactly one line on stderr in plain words (no class names,
// no errno codes, no temporary files), and the archive's bytes unchanged unless the cell changes
// it on purpose. A success prints what it did; on an archive open read-only it also prints the one
// warning line. New situations are new rows of SITUATIONS (a FIFO, a file that changes, …).
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { openArchive } from '../../src/main/core/index'
import { insertNote } from '../../src/main/core/notes/note-queries'
import { damageLeafPage } from '../helpers/damage-archive'
import { holdWriteLock, holdWriteLockFor } from '../helpers/hold-write-lock'
import { PROJECT_ROOT } from './launch'

const CLI = join(PROJECT_ROOT, 'out', 'main', 'cli.js')

/** Where one cell's files live: the archive alone in its folder, the command's inputs, its outputs. */
interface Scene {
  archive: string
  archiveDir: string
  inputs: string
  outputs: string
  backup: string
  csv: string
  spec: string
}

const COMMANDS = {
  info: (s: Scene) => ['info'],
  search: (s: Scene) => ['search', 'deportations'],
  import: (s: Scene) => ['import', s.csv],
  chart: (s: Scene) => ['chart', s.spec],
  'chart --png': (s: Scene) => ['chart', s.spec, '--png', join(s.outputs, 'chart.png')],
  check: (s: Scene) => ['check'],
  backup: (s: Scene) => ['backup', join(s.outputs, 'copy.casefile')],
  restore: (s: Scene) => ['restore', s.backup],
  'restore --undo': (s: Scene) => ['restore', '--undo'],
  'export-notes': (s: Scene) => ['export-notes', '1', '--md', join(s.outputs, 'notes.md')],
  'export-dataset': (s: Scene) => ['export-dataset', String(templateDataset), '--csv', join(s.outputs, 'rows.csv')]
} satisfies Record<string, (scene: Scene) => string[]>

type Command = keyof typeof COMMANDS

/** What a successful command prints first on stdout. */
const SUCCESS: Record<Command, RegExp> = {
  info: /^Archive {3}/,
  search: /^\d+ match(es)? for “deportations”/,
  import: /^imported {2}figures\.csv → dataset #\d+ \(2 rows\)/,
  chart: /^ICE removals\nfiscal_year/,
  'chart --png': /^ICE removals\n/,
  check: /^Database {6}ok\n/,
  backup: /^Backed up /,
  restore: /^Restored /,
  'restore --undo': /^Undid the last restore: /,
  'export-notes': /^Exported 1 note with 0 sources to /,
  'export-dataset': /^Exported 65 rows of dataset #\d+ to /
}

type Outcome =
  /** Exit 0 and the command's usual output; the archive is left as it was. */
  | 'works'
  /** Exit 0 and the command's usual output; the archive changed, as it was asked to. */
  | 'changes'
  /** Exit 1, nothing on stdout, this one line on stderr. */
  | { fails: string | RegExp }
  /** Exit 1 with a report on stdout (check finding damage), one line on stderr. */
  | { reports: RegExp }
  /** Exit 2 (a usage mistake), one line on stderr. */
  | { usage: RegExp }

interface Situation {
  name: string
  /** Turns the default scene (a sound seeded archive and good inputs) into this situation; returns what ends it. */
  arrange(scene: Scene): Promise<(() => Promise<void>) | null>
  /** A folder of the scene that is on read-only media while the command runs. */
  readOnly: ((scene: Scene) => string) | null
  /** A folder of the scene that is on a full disk while the command runs (its files stay in it). */
  fullDisk: ((scene: Scene) => string) | null
  /** The line a successful command prints on stderr here (the archive is open read-only), if any. */
  warning: string | null
  /** Extra arguments given to every command. */
  extra: string[]
  outcomes: Partial<Record<Command, Outcome>>
}

const DAMAGE_WAY_OUT = 'See what is wrong with casefile check \\(File › Check archive\\)\\. If only a search index is damaged, casefile check --repair \\(Rebuild search indexes\\) mends it; otherwise bring back a backup with casefile restore FROM \\(File › Restore from backup…\\)\\.'
const BUSY = 'casefile: The archive a.casefile is busy; close other windows or imports and try again.'
const READ_ONLY_MEDIA =
  'casefile: a.casefile cannot be written where it is (a read-only file, folder or disk), so Casefile opened it read-only: reading, search and export work, changes do not. To change it, copy it to a writable folder and open the copy.'
const DAMAGED = `casefile: a.casefile is damaged, so Casefile opened it read-only and changes nothing in it. ${DAMAGE_WAY_OUT.replaceAll('\\', '')}`
const FULL =
  'casefile: The disk holding a.casefile is full, so Casefile opened it read-only: reading, search and export work, changes do not. To change it, free some space on the disk and open it again.'
const nothingToEnd = async () => null

/** Changes the SQLite file at `path` through a connection of its own; an arrangement with nothing to end. */
function changeDatabase(path: string, change: (db: Database.Database) => void): null {
  const db = new Database(path)
  try {
    change(db)
  } finally {
    db.close()
  }
  return null
}

const SITUATIONS: Situation[] = [
  {
    name: 'inputs and outputs in a folder that does not exist',
    arrange: async (scene) => {
      rmSync(scene.inputs, { recursive: true })
      rmSync(scene.outputs, { recursive: true })
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: {
      info: 'works',
      search: 'works',
      import: { fails: /^failed {4}Casefile can't read figures\.csv: the file does not exist/ },
      chart: { fails: /^casefile: cannot read .+removals\.json: the file does not exist$/ },
      'chart --png': { fails: /^casefile: cannot write chart\.png: the folder .+outputs does not exist\. Nothing was written\.$/ },
      check: 'works',
      backup: { fails: /^casefile: Casefile could not write the backup copy\.casefile: the folder .+outputs does not exist\. Nothing was written\.$/ },
      restore: { fails: /^casefile: Casefile can't read copy\.casefile: the file does not exist\.$/ },
      'restore --undo': { fails: 'casefile: There is no copy from before a restore beside a.casefile, so there is nothing to undo.' },
      'export-notes': { fails: /^casefile: cannot write notes\.md: the folder .+outputs does not exist\. Nothing was written\.$/ },
      'export-dataset': { fails: /^casefile: cannot write rows\.csv: the folder .+outputs does not exist\. Nothing was written\.$/ }
    }
  },
  {
    name: 'outputs onto a read-only disk',
    arrange: nothingToEnd,
    readOnly: (scene) => scene.outputs,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: {
      info: 'works',
      'chart --png': { fails: /^casefile: cannot write chart\.png: the folder .+outputs cannot be written to \((the disk is read-only|permission denied)\)\. Nothing was written\.$/ },
      backup: { fails: /^casefile: Casefile could not write the backup copy\.casefile: the folder .+outputs cannot be written to \((the disk is read-only|permission denied)\)\. Nothing was written\.$/ },
      'export-notes': { fails: /^casefile: cannot write notes\.md: the folder .+outputs cannot be written to \((the disk is read-only|permission denied)\)\. Nothing was written\.$/ },
      'export-dataset': { fails: /^casefile: cannot write rows\.csv: the folder .+outputs cannot be written to \((the disk is read-only|permission denied)\)\. Nothing was written\.$/ }
    }
  },
  {
    name: 'outputs onto files that exist',
    arrange: async (scene) => {
      for (const name of ['chart.png', 'copy.casefile', 'notes.md', 'rows.csv']) writeFileSync(join(scene.outputs, name), 'mine')
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: {
      'chart --png': { fails: /^casefile: .+chart\.png already exists; choose another name, or add --force to replace it\.$/ },
      backup: { fails: 'casefile: copy.casefile already exists; choose a new name so no file is overwritten.' },
      'export-notes': { fails: /^casefile: .+notes\.md already exists; choose another name, or add --force to replace it\.$/ },
      'export-dataset': { fails: /^casefile: .+rows\.csv already exists; choose another name, or add --force to replace it\.$/ }
    }
  },
  {
    name: 'the archive on a read-only disk',
    arrange: nothingToEnd,
    readOnly: (scene) => scene.archiveDir,
    fullDisk: null,
    warning: READ_ONLY_MEDIA,
    extra: [],
    outcomes: {
      info: 'works',
      search: 'works',
      import: { fails: READ_ONLY_MEDIA },
      chart: 'works',
      check: 'works',
      backup: 'works',
      restore: { fails: 'casefile: a.casefile cannot be written where it is (a read-only file, folder or disk), so nothing can be restored into it.' },
      'restore --undo': { fails: 'casefile: There is no copy from before a restore beside a.casefile, so there is nothing to undo.' },
      'export-notes': 'works',
      'export-dataset': 'works'
    }
  },
  {
    name: 'another process writing the archive (the sqlite3 shell in BEGIN IMMEDIATE)',
    arrange: async (scene) => {
      const lock = await holdWriteLock(scene.archive)
      return () => lock.release()
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: {
      info: 'works',
      search: 'works',
      chart: 'works',
      check: { fails: BUSY },
      backup: 'works',
      restore: { fails: `${BUSY} Nothing was restored.` },
      'export-notes': 'works',
      'export-dataset': 'works'
    }
  },
  {
    // An import does not give up on a lock another program holds: it waits, saying so on a terminal, and
    // goes on once the lock is free (the commands above meet a lock that stays; see two-processes.test.ts).
    // Held longer than the connection's own busy timeout (5 s), after which an import used to fail.
    name: 'another process writing the archive for seven seconds (an import in progress)',
    arrange: async (scene) => {
      await holdWriteLockFor(scene.archive, 7000)
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: { import: 'changes' }
  },
  {
    name: 'a damaged archive (a page overwritten)',
    arrange: async (scene) => {
      damageLeafPage(scene.archive, 'ds_4', 1)
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: DAMAGED,
    extra: [],
    outcomes: {
      info: 'works',
      search: 'works',
      import: { fails: DAMAGED },
      chart: 'works',
      check: { reports: /^Database {6}DAMAGED: .+\nSearch index {2}not checked: the archive is open read-only\nThe archive is damaged: restore a backup/ },
      backup: { fails: new RegExp(`^casefile: a\\.casefile is damaged, so it cannot be backed up; nothing was written\\. ${DAMAGE_WAY_OUT}$`) },
      restore: 'changes',
      'restore --undo': { fails: 'casefile: There is no copy from before a restore beside a.casefile, so there is nothing to undo.' },
      'export-notes': 'works',
      'export-dataset': 'works'
    }
  },
  {
    name: 'a truncated backup',
    arrange: async (scene) => {
      truncateSync(scene.backup, Math.floor(statSync(scene.backup).size / 3))
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: { restore: { fails: /^casefile: copy\.casefile is damaged or incomplete \(.+\); nothing was restored\.$/ } }
  },
  {
    name: 'an archive written by a newer Casefile',
    arrange: async (scene) => changeDatabase(scene.archive, (db) => db.pragma('user_version = 99')),
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: Object.fromEntries(
      Object.keys(COMMANDS).map((command) => [
        command,
        { fails: /^casefile: a\.casefile was written by a newer version of Casefile \(archive format 99; this version reads up to \d+\)\. Update Casefile to open it\. Nothing was changed\.$/ }
      ])
    )
  },
  {
    name: 'after a restore',
    arrange: async (scene) => {
      expect(run([`--archive=${scene.archive}`, 'restore', scene.backup], null).status).toBe(0)
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: { 'restore --undo': 'changes' }
  },
  {
    name: 'a backup in WAL mode on a read-only disk',
    arrange: async (scene) => changeDatabase(scene.backup, (db) => db.pragma('journal_mode = WAL')),
    readOnly: (scene) => scene.inputs,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: { restore: 'changes' }
  },
  {
    name: 'a backup with another page size (8 KiB, the archive 4 KiB)',
    arrange: async (scene) =>
      changeDatabase(scene.backup, (db) => {
        db.pragma('journal_mode = DELETE')
        db.pragma('page_size = 8192')
        db.exec('VACUUM')
        expect(db.pragma('page_size', { simple: true })).toBe(8192)
      }),
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: { restore: 'changes' }
  },
  {
    name: 'inputs and outputs that are named pipes (FIFOs) nobody writes or reads',
    arrange: async (scene) => {
      for (const path of [scene.csv, scene.spec, scene.backup]) rmSync(path)
      const outputs = ['chart.png', 'copy.casefile', 'notes.md', 'rows.csv'].map((name) => join(scene.outputs, name))
      for (const path of [scene.csv, scene.spec, scene.backup, ...outputs]) execFileSync('mkfifo', [path])
      return null
    },
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: [],
    outcomes: {
      import: { fails: /^failed {4}Casefile can't read figures\.csv: it is a named pipe \(FIFO\), not a regular file; Casefile imports only regular files\.$/ },
      chart: { fails: /^casefile: cannot read .+removals\.json: it is a named pipe \(FIFO\), not a regular file; a chart spec is a JSON file\.$/ },
      'chart --png': { fails: 'casefile: cannot write chart.png: it is a named pipe (FIFO), not a regular file; choose another name. Nothing was written.' },
      backup: { fails: 'casefile: cannot write copy.casefile: it is a named pipe (FIFO), not a regular file; choose another name. Nothing was written.' },
      restore: { fails: "casefile: Casefile can't open copy.casefile: it is not a regular file (a named pipe, socket or device), not an archive file." },
      'export-notes': { fails: 'casefile: cannot write notes.md: it is a named pipe (FIFO), not a regular file; choose another name. Nothing was written.' },
      'export-dataset': { fails: 'casefile: cannot write rows.csv: it is a named pipe (FIFO), not a regular file; choose another name. Nothing was written.' }
    }
  },
  {
    name: 'outputs onto a full disk',
    arrange: async (scene) => {
      // A chart makes its index in the archive first (kept for the next one); made here, so the
      // failed chart --png below leaves the archive's bytes as they were.
      expect(run([`--archive=${scene.archive}`, 'chart', scene.spec], null).status).toBe(0)
      return null
    },
    readOnly: null,
    fullDisk: (scene) => scene.outputs,
    warning: null,
    extra: [],
    outcomes: {
      'chart --png': { fails: 'casefile: Casefile could not write chart.png: the disk is full. Nothing was written.' },
      backup: { fails: 'casefile: Casefile could not write the backup copy.casefile: the disk is full. Nothing was written.' },
      'export-notes': { fails: 'casefile: Casefile could not write notes.md: the disk is full. Nothing was written.' },
      'export-dataset': { fails: 'casefile: cannot write rows.csv: the disk is full. Nothing was written.' }
    }
  },
  {
    name: 'the archive on a full disk',
    arrange: nothingToEnd,
    readOnly: null,
    fullDisk: (scene) => scene.archiveDir,
    warning: FULL,
    extra: [],
    outcomes: {
      info: 'works',
      search: 'works',
      import: { fails: FULL },
      check: 'works',
      restore: { fails: 'casefile: a.casefile cannot be written (the disk holding a.casefile is full), so nothing can be restored into it.' }
    }
  },
  {
    name: 'a usage mistake (an unknown option)',
    arrange: nothingToEnd,
    readOnly: null,
    fullDisk: null,
    warning: null,
    extra: ['--bogus'],
    outcomes: Object.fromEntries(Object.keys(COMMANDS).map((command) => [command, { usage: /^casefile: \S+ does not know --bogus$/ }]))
  }
]

let template = ''
let templateDataset = 0
let templateBackup = ''
let templateSpec = ''

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-cli-failures-template-'))
  template = join(dir, 'a.casefile')
  const archive = await openArchive(template, { create: true, seedDir: join(PROJECT_ROOT, 'resources', 'sample'), nativeBinding: null })
  insertNote(archive.db, 'Closure rate', 'Fewer than 2 percent.')
  const removals = archive.db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").pluck().get() as number
  archive.close()
  templateBackup = join(dir, 'copy.casefile')
  expect(run([`--archive=${template}`, 'backup', templateBackup], null).status).toBe(0)
  templateDataset = removals
  templateSpec = JSON.stringify({ datasetId: removals, type: 'bar', title: 'ICE removals', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 2 }, groupBy: null, share: null, filters: [] })
})

test.afterAll(() => {
  if (template !== '') rmSync(dirname(template), { recursive: true, force: true })
})

function sceneIn(dir: string): Scene {
  const archiveDir = join(dir, 'archive')
  const inputs = join(dir, 'inputs')
  const outputs = join(dir, 'outputs')
  for (const folder of [archiveDir, inputs, outputs]) mkdirSync(folder)
  const scene = { archive: join(archiveDir, 'a.casefile'), archiveDir, inputs, outputs, backup: join(inputs, 'copy.casefile'), csv: join(inputs, 'figures.csv'), spec: join(inputs, 'removals.json') }
  copyFileSync(template, scene.archive)
  copyFileSync(templateBackup, scene.backup)
  writeFileSync(scene.csv, 'year,removals\n2011,396906\n2012,409849\n')
  writeFileSync(scene.spec, templateSpec)
  // Other users may run the CLI on the scene (see run): every folder and file readable to them.
  for (const folder of [dir, archiveDir, inputs, outputs]) chmodSync(folder, 0o755)
  return scene
}

/** Whether this process may give a child a mount namespace of its own (root with CAP_SYS_ADMIN). */
const CAN_MOUNT = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0
const NOBODY = 65534

function chownTree(path: string, id: number): void {
  chownSync(path, id, id)
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), id)
}

/** Where a command runs: a folder of the scene on read-only media or on a full disk, or neither. */
type Media = { kind: 'read-only' | 'full'; folder: string; scene: string } | null

// The folder's files are copied onto a small tmpfs mounted over it, which a file of zeros then fills.
const FULL_DISK_SCRIPT =
  'keep=$(mktemp -d) && cp -a "$1"/. "$keep" && mount -t tmpfs -o size=4m tmpfs "$1" && cp -a "$keep"/. "$1" && rm -rf "$keep" && ' +
  '{ dd if=/dev/zero of="$1/.fill" bs=4k 2>/dev/null; true; } && shift && exec "$@"'

/**
 * Runs the built CLI. On read-only media: where this process may, a read-only bind mount in a
 * private mount namespace (so writes fail with EROFS, as on a locked SD card or a mounted disk
 * image); otherwise the folder's write permission is taken away for the run, and root, whom
 * permissions do not stop, runs the CLI as "nobody" on a scene it owns. On a full disk (only where
 * mounting is allowed): a filled tmpfs in a private mount namespace, so what the command writes
 * there is gone with it.
 */
function run(argv: string[], media: Media): { status: number | null; stdout: string; stderr: string } {
  const options = { encoding: 'utf8' as const, timeout: 60_000 }
  if (media === null) return spawnSync(process.execPath, [CLI, ...argv], options)
  if (media.kind === 'full') return spawnSync('unshare', ['-m', 'sh', '-c', FULL_DISK_SCRIPT, 'sh', media.folder, process.execPath, CLI, ...argv], options)
  const readOnly = media
  if (CAN_MOUNT) {
    const script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    return spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', readOnly.folder, process.execPath, CLI, ...argv], options)
  }
  const asNobody = process.getuid?.() === 0
  if (asNobody) chownTree(readOnly.scene, NOBODY)
  chmodSync(readOnly.folder, 0o555)
  try {
    if (asNobody) return spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, CLI, ...argv], options)
    return spawnSync(process.execPath, [CLI, ...argv], options)
  } finally {
    chmodSync(readOnly.folder, 0o755)
  }
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

function leftovers(scene: Scene): string[] {
  return [scene.archiveDir, scene.inputs, scene.outputs].flatMap((folder) => {
    try {
      return readdirSync(folder).filter((name) => /\.tmp$|\.partial$|restoring|creating/.test(name))
    } catch {
      return []
    }
  })
}

// A full disk needs a mount of its own; where this process may not mount, those rows are not made.
for (const situation of SITUATIONS.filter((one) => one.fullDisk === null || CAN_MOUNT)) {
  test.describe(situation.name, () => {
    for (const [command, outcome] of Object.entries(situation.outcomes) as [Command, Outcome][]) {
      test(`casefile ${command}`, async () => {
        test.setTimeout(90_000)
        const dir = mkdtempSync(join(tmpdir(), 'casefile-cli-failures-'))
        try {
          const scene = sceneIn(dir)
          const end = await situation.arrange(scene)
          const before = digest(scene.archive)
          let result
          try {
            const media: Media =
              situation.readOnly !== null
                ? { kind: 'read-only', folder: situation.readOnly(scene), scene: dir }
                : situation.fullDisk !== null
                  ? { kind: 'full', folder: situation.fullDisk(scene), scene: dir }
                  : null
            result = run([`--archive=${scene.archive}`, ...COMMANDS[command](scene), ...situation.extra], media)
          } finally {
            await end?.()
          }
          const stderrLines = result.stderr === '' ? [] : result.stderr.replace(/\n$/, '').split('\n')
          // Whatever happened, it was said in plain words.
          expect(result.stderr).not.toMatch(/Error:|SqliteError|SQLITE_|ENOENT|EROFS|EACCES|EISDIR|\.tmp\b|\.partial\b|\n\s+at /)
          if (outcome === 'works' || outcome === 'changes') {
            expect(result.status, result.stderr).toBe(0)
            expect(result.stdout).toMatch(SUCCESS[command])
            // A restore replaces the read-only archive it opened, so nothing is left to warn about.
            expect(stderrLines).toEqual(situation.warning === null || outcome === 'changes' ? [] : [situation.warning])
          } else if ('usage' in outcome) {
            expect(result.status).toBe(2)
            expect(stderrLines).toHaveLength(1)
            expect(stderrLines[0]).toMatch(outcome.usage)
          } else if ('reports' in outcome) {
            expect(result.status).toBe(1)
            expect(result.stdout).toMatch(outcome.reports)
            expect(stderrLines).toEqual(situation.warning === null ? [] : [situation.warning])
          } else {
            expect(result.status, result.stdout).toBe(1)
            expect(result.stdout).toBe('')
            expect(stderrLines).toHaveLength(1)
            if (typeof outcome.fails === 'string') expect(stderrLines[0]).toBe(outcome.fails)
            else expect(stderrLines[0]).toMatch(outcome.fails)
          }
          if (outcome !== 'changes') expect(digest(scene.archive), 'the archive was not meant to change').toBe(before)
          expect(leftovers(scene)).toEqual([])
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      })
    }
  })
}
