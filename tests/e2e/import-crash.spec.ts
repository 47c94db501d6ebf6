// Kills `casefile import` with SIGKILL at random moments and checks, after each kill, that the
// archive opens, passes SQLite's and FTS5's integrity checks, holds no partial dataset, and that
// the imports ledger agrees with the data. Runs the built CLI, so it lives with the e2e suite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { PROJECT_ROOT } from './launch'

const CLI = join(PROJECT_ROOT, 'out', 'main', 'cli.js')
const TRIALS = 20

function checkArchive(path: string): { partial: number; running: number; imported: number } {
  const db = new Database(path, { fileMustExist: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    for (const fts of ['articles_fts', 'notes_fts', 'dataset_rows_fts']) {
      expect(() => db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run(), fts).not.toThrow()
    }
    const datasets = db.prepare('SELECT id, table_name, row_count, import_id FROM datasets').all() as {
      id: number
      table_name: string
      row_count: number
      import_id: number | null
    }[]
    let partial = 0
    for (const dataset of datasets) {
      const rows = (db.prepare(`SELECT count(*) AS n FROM ${dataset.table_name}`).get() as { n: number }).n
      if (rows !== dataset.row_count) partial++
      const ledger = db.prepare('SELECT status FROM imports WHERE id = ?').get(dataset.import_id) as { status: string } | undefined
      // A dataset is published in the same transaction that fills it; its ledger line says imported
      // or, when the process died between the commit and the ledger update, still running.
      expect(['imported', 'running']).toContain(ledger?.status)
    }
    // One table of rows per dataset, and a table of spellings (ds_N_spellings) only beside its dataset's rows.
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_[0-9]*'").all() as { name: string }[]
    const rowTables = tables.map((t) => t.name).filter((name) => !name.endsWith('_spellings'))
    expect(rowTables.sort()).toEqual(datasets.map((d) => d.table_name).sort())
    for (const { name } of tables.filter((t) => t.name.endsWith('_spellings'))) {
      const dataset = datasets.find((d) => `${d.table_name}_spellings` === name)
      expect(dataset, name).toBeDefined()
      const beyond = db.prepare(`SELECT count(*) AS n FROM ${name} WHERE row > ?`).get(dataset!.row_count) as { n: number }
      expect(beyond.n, name).toBe(0)
    }
    const imported = db.prepare("SELECT count(*) AS n FROM imports WHERE status = 'imported' AND kind = 'dataset'").get() as { n: number }
    const withData = db.prepare("SELECT count(*) AS n FROM imports i WHERE status = 'imported' AND kind = 'dataset' AND EXISTS (SELECT 1 FROM datasets d WHERE d.import_id = i.id)").get() as { n: number }
    expect(withData.n).toBe(imported.n)
    const running = db.prepare("SELECT count(*) AS n FROM imports WHERE status = 'running'").get() as { n: number }
    return { partial, running: running.n, imported: imported.n }
  } finally {
    db.close()
  }
}

function ledgerStatus(archive: string, fileName: string): string | null {
  const db = new Database(archive, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT status FROM imports WHERE file_name = ? ORDER BY id DESC LIMIT 1').pluck().get(fileName) as string | undefined) ?? null
  } finally {
    db.close()
  }
}

/** Resolves once the import of `fileName` has a 'running' ledger line (or the process is gone). */
async function waitForRunningImport(archive: string, fileName: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline && child.exitCode === null) {
    const db = new Database(archive, { readonly: true, fileMustExist: true })
    try {
      if (db.prepare("SELECT 1 FROM imports WHERE file_name = ? AND status = 'running'").get(fileName)) return
    } finally {
      db.close()
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

test('kill -9 during imports never leaves a partial dataset or a broken archive', async () => {
  test.setTimeout(240_000)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-crash-'))
  try {
    const archive = join(dir, 'crash.casefile')
    expect(spawnSync(process.execPath, [CLI, '--archive', archive, 'info'], { encoding: 'utf8' }).status).toBe(0)
    checkArchive(archive)
    // How long one uninterrupted import of a trial-sized file takes on this machine right now.
    const probe = join(dir, 'probe.csv')
    writeFileSync(probe, `id,trial,label,date,amount\n${Array.from({ length: 150_000 }, (_, i) => `${i},-1,probe ${i},2012-05-01,${i}.${i % 10}0`).join('\n')}\n`)
    const probed = spawnSync(process.execPath, [CLI, '--archive', archive, 'import', probe, '--json'], { encoding: 'utf8' })
    expect(probed.status).toBe(0)
    const importMs = Math.max(100, (JSON.parse(probed.stdout.trim()) as { seconds: number }).seconds * 1000)
    const beforeTrials = checkArchive(archive)
    let killedMidImport = 0
    for (let trial = 0; trial < TRIALS; trial++) {
      // Different bytes each time, so no trial is skipped as a duplicate.
      const csv = join(dir, `trial-${trial}.csv`)
      // Amounts spelled as exports spell them (12.50) are kept in their own table, which must be
      // published with the rows or not at all.
      const rows = Array.from({ length: 150_000 }, (_, i) => `${i},${trial},case ${i} of trial ${trial},2012-05-${String((i % 28) + 1).padStart(2, '0')},${i}.${i % 10}0`)
      writeFileSync(csv, `id,trial,label,date,amount\n${rows.join('\n')}\n`)
      const child = spawn(process.execPath, [CLI, '--archive', archive, 'import', csv, '--json'], { stdio: 'ignore' })
      // Wait until the ledger shows this import under way (a fixed delay depended on how busy the
      // machine was), then kill at a random point within the time an import takes.
      await waitForRunningImport(archive, `trial-${trial}.csv`, child)
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * importMs * 0.9)))
      const exited = child.exitCode !== null
      child.kill('SIGKILL')
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))
      const state = checkArchive(archive)
      expect(state.partial, `trial ${trial}`).toBe(0)
      // This trial's ledger line left 'running' means the kill landed inside the import. (The next
      // CLI run settles it: see the end of the test.)
      if (!exited && ledgerStatus(archive, `trial-${trial}.csv`) === 'running') killedMidImport++
    }
    console.log(`import-crash: ${killedMidImport} of ${TRIALS} kills landed inside an import`)
    // Most kills must land inside an import for the test to mean anything.
    expect(killedMidImport).toBeGreaterThanOrEqual(TRIALS / 2)
    // The archive still imports normally afterwards.
    const after = spawnSync(process.execPath, [CLI, '--archive', archive, 'import', join(dir, 'trial-0.csv'), '--json', '--force'], { encoding: 'utf8' })
    expect(after.status).toBe(0)
    expect(JSON.parse(after.stdout.trim())).toMatchObject({ status: 'imported', rows: 150_000 })
    expect(checkArchive(archive).imported).toBeGreaterThan(beforeTrials.imported)
    // Opening the archive settled every line the kills left 'running': nothing was saved from those
    // files, and the ledger now says so.
    expect(checkArchive(archive).running).toBe(0)
    const db = new Database(archive, { readonly: true, fileMustExist: true })
    try {
      const interrupted = db.prepare("SELECT count(*) FROM imports WHERE status = 'failed' AND error LIKE 'Interrupted:%'").pluck().get() as number
      expect(interrupted).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
