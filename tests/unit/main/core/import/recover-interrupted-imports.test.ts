import { spawn } from 'node:child_process'
import { hostname } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { recoverInterruptedImports, startImport } from '../../../../../src/main/core/import/import-ledger'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

describe('recoverInterruptedImports', () => {
  it('settles what dead processes left running and leaves live imports alone', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const { db } = made.archive
    const entry = (fileName: string, pid: number) => {
      const id = startImport(db, { fileName, filePath: null, sizeBytes: 1, sha256: fileName.padEnd(64, '0'), kind: 'dataset', options: {} })
      db.prepare('UPDATE imports SET options = ? WHERE id = ?').run(JSON.stringify({ process: { pid, host: hostname() } }), id)
      return id
    }
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    cleanups.push(() => sleeper.kill('SIGKILL'))
    const dead = entry('dead.csv', 2 ** 22 + 12345)
    const live = entry('live.csv', sleeper.pid!)
    const published = entry('published.csv', 2 ** 22 + 12346)
    db.prepare("INSERT INTO datasets (name, table_name, row_count, imported_at, import_id) VALUES ('p', 'ds_99', 42, 'now', ?)").run(published)
    const mine = startImport(db, { fileName: 'mine.csv', filePath: null, sizeBytes: 1, sha256: 'm'.padEnd(64, '0'), kind: 'dataset', options: { header: true } })
    expect(JSON.parse(db.prepare('SELECT options FROM imports WHERE id = ?').pluck().get(mine) as string)).toEqual({ header: true, process: { pid: process.pid, host: hostname() } })

    expect(recoverInterruptedImports(db)).toBe(2)
    const status = (id: number) => db.prepare('SELECT status, rows_written AS rows, error FROM imports WHERE id = ?').get(id)
    expect(status(dead)).toEqual({ status: 'failed', rows: 0, error: 'Interrupted: Casefile stopped before this import finished, so nothing from the file was saved. Import it again.' })
    expect(status(published)).toEqual({ status: 'imported', rows: 42, error: null })
    expect(status(live)).toMatchObject({ status: 'running' })
    expect(status(mine)).toMatchObject({ status: 'running' })
  })
})
