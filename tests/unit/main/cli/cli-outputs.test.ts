// Where the CLI's commands may write. --force replaces an existing regular file and nothing else: never
// the open archive, the files SQLite keeps beside it (-wal, -shm), the copies Casefile keeps of it,
// a named pipe, a device, a socket, or a symbolic link (Casefile does not write through links: the
// person names the file itself). Each refusal is one plain line and leaves everything as it was.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { createArchiveApi, openArchive } from '../../../../src/main/core/index'
import { insertNote } from '../../../../src/main/core/notes/note-queries'
import { cli, type CliRun } from '../../../helpers/cli-in-process'
import { damageLeafPage } from '../../../helpers/damage-archive'
import { SAMPLE_DIR, tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** A seeded archive with a note, a chart spec, and a copy kept by a restore of its own backup. */
async function scene(): Promise<{ dir: string; path: string; spec: string; kept: string }> {
  const made = tempDir('cli-outputs')
  cleanups.push(made.cleanup)
  const path = join(made.dir, 'a.casefile')
  const backup = join(made.dir, 'copy.casefile')
  const archive = await openArchive(path, { create: true, seedDir: SAMPLE_DIR, nativeBinding: null })
  insertNote(archive.db, 'Closure rate', 'Fewer than 2 percent.')
  const removals = archive.db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").pluck().get() as number
  archive.close()
  expect((await cli(['--archive', path, 'backup', backup])).code).toBe(0)
  const restored = await cli(['--archive', path, 'restore', backup])
  expect(restored.code).toBe(0)
  const kept = /saved as (.+) \(casefile/.exec(restored.out)![1]!
  const spec = join(made.dir, 'spec.json')
  // Written as a spec file from before charts could show a share: it names none, and is read as such.
  writeFileSync(spec, JSON.stringify({ datasetId: removals, type: 'bar', title: 'ICE removals', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 2 }, groupBy: null, filters: [] }))
  return { dir: made.dir, path, spec, kept }
}

/** Every command that writes a file the person names, writing `target` (with --force where it has one). */
function writers(s: { path: string; spec: string }, target: string): string[][] {
  return [
    ['--archive', s.path, 'export-dataset', '1', '--csv', target, '--force'],
    ['--archive', s.path, 'export-notes', '1', '--md', target, '--force'],
    ['--archive', s.path, 'chart', s.spec, '--png', target, '--force'],
    ['--archive', s.path, 'backup', target]
  ]
}

function expectOneLine(run: CliRun, line: RegExp, what: string): void {
  expect(run.code, `${what}: ${run.out}${run.err}`).toBe(1)
  expect(run.out, what).toBe('')
  expect(run.err.trimEnd().split('\n'), what).toHaveLength(1)
  expect(run.err, what).toMatch(line)
  expect(run.err, what).not.toMatch(/E[A-Z]{3,}|\.partial|\.tmp\b/)
}

describe('outputs', () => {
  it('never replace the open archive, its -wal and -shm files or the copies kept of it, even with --force', async () => {
    const s = await scene()
    const archiveBytes = digest(s.path)
    const keptBytes = digest(s.kept)
    for (const [target, reason] of [
      [s.path, 'it is the archive itself'],
      [`${s.path}-wal`, 'it is one of the files SQLite keeps beside the archive a.casefile'],
      [`${s.path}-shm`, 'it is one of the files SQLite keeps beside the archive a.casefile'],
      [s.kept, 'it is a copy Casefile keeps of the archive a.casefile'],
      [join(s.dir, 'a.casefile.before-v9.backup'), 'it is a copy Casefile keeps of the archive a.casefile'],
      [join(s.dir, 'a.casefile.backups', 'daily-2026-01-01.casefile'), 'it is a copy Casefile keeps of the archive a.casefile']
    ] as const) {
      for (const argv of writers(s, target)) {
        const name = target.slice(s.dir.length + 1).split('/').at(-1)!.replaceAll('.', '\\.')
        expectOneLine(await cli(argv), new RegExp(`^casefile: cannot write ${name}: ${reason}; choose another name\\. Nothing was written\\.\\n$`), `${argv[2]} onto ${target}`)
      }
    }
    expect(digest(s.path)).toBe(archiveBytes)
    expect(digest(s.kept)).toBe(keptBytes)
    expect(existsSync(join(s.dir, 'a.casefile.before-v9.backup'))).toBe(false)
    // The archive is still the archive: it opens and holds its note.
    expect((await cli(['--archive', s.path, 'info'])).out).toContain('1 note')
  })

  it('never replace a named pipe, a device, a socket or a folder, even with --force', async () => {
    const s = await scene()
    const pipe = join(s.dir, 'pipe.csv')
    execFileSync('mkfifo', [pipe])
    const socket = join(s.dir, 'socket.csv')
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(socket, resolve))
    onTestFinished(() => void server.close())
    const targets: [string, string][] = [
      [pipe, 'it is a named pipe \\(FIFO\\), not a regular file'],
      [socket, 'it is a socket, not a regular file'],
      [join(s.dir, 'folder.csv'), 'it is a folder']
    ]
    execFileSync('mkdir', [join(s.dir, 'folder.csv')])
    // A device node of our own, made in the temp folder (the null device's numbers): never /dev itself.
    if (process.getuid?.() === 0) {
      execFileSync('mknod', [join(s.dir, 'null.csv'), 'c', '1', '3'])
      targets.push([join(s.dir, 'null.csv'), 'it is a device, not a regular file'])
    }
    for (const [target, reason] of targets) {
      const kind = lstatSync(target)
      for (const argv of writers(s, target)) {
        const name = target.split('/').at(-1)!.replaceAll('.', '\\.')
        expectOneLine(await cli(argv), new RegExp(`^casefile: cannot write ${name}: ${reason}; choose another name\\. Nothing was written\\.\\n$`), `${argv[2]} onto ${target}`)
        const after = lstatSync(target)
        expect([after.ino, after.mode], `${argv[2]} left ${target} as it was`).toEqual([kind.ino, kind.mode])
      }
    }
    expect(readdirSync(s.dir).filter((name) => /partial|\.tmp$/.test(name))).toEqual([])
  })

  it('never write through a symbolic link, or replace one, even a link to nothing', async () => {
    const s = await scene()
    const real = join(s.dir, 'real.csv')
    writeFileSync(real, 'mine\n')
    const link = join(s.dir, 'link.csv')
    symlinkSync(real, link)
    const dangling = join(s.dir, 'dangling.csv')
    symlinkSync(join(s.dir, 'unplugged-drive', 'x.csv'), dangling)
    for (const [target, points] of [[link, real], [dangling, join(s.dir, 'unplugged-drive', 'x.csv')]] as const) {
      for (const argv of [...writers(s, target), ...writers(s, target).map((args) => args.filter((arg) => arg !== '--force'))]) {
        const name = target.split('/').at(-1)!.replaceAll('.', '\\.')
        expectOneLine(
          await cli(argv),
          new RegExp(`^casefile: cannot write ${name}: it is a symbolic link \\(to ${points.replaceAll('.', '\\.')}\\), and Casefile writes only to a file itself; choose another name\\. Nothing was written\\.\\n$`),
          `${argv.join(' ')}`
        )
        expect(readlinkSync(target)).toBe(points)
      }
    }
    expect(readFileSync(real, 'utf8')).toBe('mine\n')
    expect(existsSync(join(s.dir, 'unplugged-drive'))).toBe(false)
  })

  it('replace a regular file with --force, and name a file with a newline as text', async () => {
    const s = await scene()
    const out = join(s.dir, 'rows\nof removals.csv')
    writeFileSync(out, 'old\n')
    const forced = await cli(['--archive', s.path, 'export-dataset', '1', '--csv', out, '--force'])
    // The sample's figures hold one note that starts "= 232,181 non-detained …", which a spreadsheet would take for a formula.
    expect(forced.err).toBe('')
    expect(forced.out).toMatch(/^Exported \d+ rows of dataset #1 to .+\/rows\\nof removals\.csv\n {2}1 cell begins like a spreadsheet formula \(=, \+, -, @\) and was written as imported;[^\n]+\n$/)
    expect(readFileSync(out, 'utf8')).not.toBe('old\n')
    expect(statSync(out).isFile()).toBe(true)
  })

  it('say a name is too long, or an archive is damaged, in one line that blames the right thing', async () => {
    const s = await scene()
    const long = join(s.dir, `${'x'.repeat(252)}.csv`)
    expectOneLine(await cli(['--archive', s.path, 'export-dataset', '1', '--csv', long]), /^casefile: cannot write x+\.csv: the name is too long\. Nothing was written\.\n$/, 'a long name')
    damageLeafPage(s.path, 'ds_4', 1)
    const run = await cli(['--archive', s.path, 'export-dataset', '4', '--csv', join(s.dir, 'e.csv')])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/^casefile: a\.casefile is damaged: part of it cannot be read\. See what is wrong with casefile check/)
    expect(run.err.trimEnd().split('\n')).toHaveLength(1)
    expect(existsSync(join(s.dir, 'e.csv'))).toBe(false)
    expect(readdirSync(s.dir).filter((name) => /partial|\.tmp$/.test(name))).toEqual([])
  })
})

describe('export-dataset and cells a spreadsheet would run', () => {
  it('writes them as imported and says so on stderr, or marks them as text with --for-spreadsheets', async () => {
    const s = await scene()
    const csv = join(s.dir, 'foia.csv')
    writeFileSync(csv, 'office,note\nHouston,"=HYPERLINK(""http://example.test"",""x"")"\nMiami,-\nDallas,@SUM(1)\n')
    const imported = await cli(['--archive', s.path, 'import', csv, '--json'])
    const id = (JSON.parse(imported.out.trim()) as { id: number }).id
    const out = join(s.dir, 'out.csv')
    const plain = await cli(['--archive', s.path, 'export-dataset', String(id), '--csv', out])
    expect(plain.code).toBe(0)
    expect(plain.err).toBe('')
    expect(plain.out).toMatch(/^Exported 3 rows of dataset #\d+ to .+out\.csv\n/)
    expect(plain.out.split('\n')[1] + '\n').toBe(
      "  2 cells begin like a spreadsheet formula (=, +, -, @) and were written as imported; Excel or LibreOffice may run them when opening the file. To have them shown as text instead, export again with --for-spreadsheets.\n"
    )
    expect(readFileSync(out, 'utf8')).toBe('office,note\r\nHouston,"=HYPERLINK(""http://example.test"",""x"")"\r\nMiami,-\r\nDallas,@SUM(1)\r\n')
    const marked = await cli(['--archive', s.path, 'export-dataset', String(id), '--csv', out, '--for-spreadsheets', '--force'])
    expect(marked.code).toBe(0)
    expect(marked.err).toBe('')
    expect(marked.out.split('\n')[1] + '\n').toBe("  2 cells begin like a spreadsheet formula and were written with a leading ' so a spreadsheet program shows them as text; read back as CSV, they keep that '.\n")
    expect(readFileSync(out, 'utf8')).toBe('office,note\r\nHouston,"\'=HYPERLINK(""http://example.test"",""x"")"\r\nMiami,-\r\nDallas,\'@SUM(1)\r\n')
  })
})

describe('the app’s exports', () => {
  it('never replace the open archive, whatever the save dialog answers', async () => {
    const s = await scene()
    const before = digest(s.path)
    const archive = await openArchive(s.path, { create: false, seedDir: null, nativeBinding: null })
    cleanups.push(() => archive.close())
    for (const target of [s.path, `${s.path}-wal`, s.kept]) {
      const { api, dispose } = createArchiveApi(archive, () => undefined, { importWorker: null, searchWorker: null, chooseSavePath: async () => target, pdfPrinter: null, showContextMenu: null, reopen: null })
      const rows = await api.exportRowsCsv({ datasetId: 1, sort: null, filters: [], formulas: 'as-imported' })
      const notes = await api.exportNotesToFile({ ids: [1], format: 'markdown', title: null })
      await dispose()
      for (const result of [rows, notes]) {
        expect(result.ok, target).toBe(false)
        expect(!result.ok && result.error.message).toMatch(/^Casefile could not write .+: it is (the archive itself|one of the files SQLite keeps beside the archive a\.casefile|a copy Casefile keeps of the archive a\.casefile); choose another name\. Nothing was written\.$/)
      }
    }
    archive.close()
    expect(digest(s.path)).toBe(before)
  })
})
