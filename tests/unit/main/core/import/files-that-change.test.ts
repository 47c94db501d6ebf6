// A file that changes while it is read is refused, not half-imported; only regular files are opened.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, closeSync, mkdirSync, openSync, symlinkSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { expandImportPaths } from '../../../../../src/main/core/import/expand-import-paths'
import type { ImportProgress } from '../../../../../src/main/core/import/import-one-file'
import { importTestArchive } from '../../../../helpers/import-test-archive'

async function setup() {
  const made = await importTestArchive()
  const { db } = made
  /** Imports `file`, calling `during` once, the first time the reader reports bytes read. */
  const run = (file: string, during: () => void) => {
    let done = false
    return made.run(file, {}, (progress: ImportProgress) => {
      if (done || progress.phase !== 'reading') return
      done = true
      during()
    })
  }
  const saved = () => ({
    datasets: (db.prepare('SELECT count(*) AS n FROM datasets').get() as { n: number }).n,
    tables: (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_*'").get() as { n: number }).n,
    ledger: db.prepare('SELECT file_name, status, rows_written, error FROM imports ORDER BY id').all(),
    hashes: db.prepare('SELECT sha256, source_size FROM datasets ORDER BY id').all()
  })
  return { path: made.path, run, saved }
}

/** A CSV of `rows` rows, each the same length, about 40 bytes: several 1 MB reads for 100,000 rows. */
function rowsCsv(rows: number, from = 0): string {
  return Array.from({ length: rows }, (_, i) => `${String(from + i).padStart(8, '0')},Denver immigration court,${i % 97}\n`).join('')
}

const CHANGED = (name: string) => `${name} changed while it was being imported; nothing was saved. Import it again once it is complete.`

describe('a file that changes while it is imported', () => {
  it('is refused when it is cut short part-way, and nothing is saved', async () => {
    const { path, run, saved } = await setup()
    const file = path('truncated.csv')
    writeFileSync(file, `id,court,n\n${rowsCsv(100_000)}`)
    // Cut mid-row, as a copy that is still being written or a disk that filled up would leave it.
    const outcome = await run(file, () => truncateSync(file, 1_500_017))
    expect(outcome).toMatchObject({ status: 'failed', rows: 0, error: CHANGED('truncated.csv') })
    expect(saved()).toEqual({ datasets: 0, tables: 0, hashes: [], ledger: [{ file_name: 'truncated.csv', status: 'failed', rows_written: 0, error: CHANGED('truncated.csv') }] })
  })

  it('is refused when it grows while it is read (still being written)', async () => {
    const { path, run, saved } = await setup()
    const file = path('growing.csv')
    writeFileSync(file, `id,court,n\n${rowsCsv(60_000)}`)
    const outcome = await run(file, () => appendFileSync(file, rowsCsv(60_000, 60_000)))
    expect(outcome).toMatchObject({ status: 'failed', error: CHANGED('growing.csv') })
    expect(saved().datasets).toBe(0)
  })

  it('is refused when its bytes are rewritten in place, even at the same size', async () => {
    const { path, run, saved } = await setup()
    const file = path('rewritten.csv')
    writeFileSync(file, `id,court,n\n${rowsCsv(60_000)}`)
    const outcome = await run(file, () => {
      const fd = openSync(file, 'r+')
      writeSync(fd, 'X', 30)
      closeSync(fd)
    })
    expect(outcome).toMatchObject({ status: 'failed', error: CHANGED('rewritten.csv') })
    expect(saved().datasets).toBe(0)
  })

  it('is refused with the plain "does not exist" reason when it is deleted part-way', async () => {
    const { path, run, saved } = await setup()
    const file = path('deleted.csv')
    writeFileSync(file, `id,court,n\n${rowsCsv(60_000)}`)
    const outcome = await run(file, () => unlinkSync(file))
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toBe('deleted.csv could not be imported: the file does not exist any more (it was moved or deleted while it was being imported); nothing was saved.')
    expect(saved().datasets).toBe(0)
  })

  it('records the sha256 of exactly the bytes it imported', async () => {
    const { path, run, saved } = await setup()
    const file = path('steady.csv')
    const content = `id,court,n\n${rowsCsv(60_000)}`
    writeFileSync(file, content)
    const outcome = await run(file, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', rows: 60_000 })
    const sha256 = createHash('sha256').update(content).digest('hex')
    expect(saved().hashes).toEqual([{ sha256, source_size: content.length }])
  })
})

describe('only regular files are opened', () => {
  /** Settles within `ms`, or says the import hung. */
  function soon<T>(work: Promise<T>, ms = 3000): Promise<T> {
    return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))])
  }

  it('refuses a named pipe (FIFO) at once, for a table and for an article, and writes nothing', async () => {
    const { path, run, saved } = await setup()
    for (const name of ['pipe.csv', 'pipe.txt']) {
      const fifo = path(name)
      execFileSync('mkfifo', [fifo])
      const outcome = await soon(run(fifo, () => undefined))
      expect(outcome).toMatchObject({
        status: 'failed',
        error: `Casefile can't read ${name}: it is a named pipe (FIFO), not a regular file; Casefile imports only regular files.`
      })
    }
    expect(saved().datasets).toBe(0)
  })

  it('lists a named pipe or a link found in a dropped folder, so its import is reported, not passed over', async () => {
    const { path } = await setup()
    const folder = path('drop')
    mkdirSync(join(folder, 'inner'), { recursive: true })
    writeFileSync(join(folder, 'a.csv'), 'a\n1\n')
    execFileSync('mkfifo', [join(folder, 'b.csv')])
    symlinkSync(join(folder, 'a.csv'), join(folder, 'c.csv'))
    const shared = path('shared')
    mkdirSync(shared)
    writeFileSync(join(shared, 'd.csv'), 'd\n1\n')
    symlinkSync(shared, join(folder, 'inner', 'shared'))
    // A link back to a folder the walk is in adds nothing (its files are listed already), and a
    // second link to the same folder lists its files once.
    symlinkSync(folder, join(folder, 'inner', 'loop'))
    symlinkSync(shared, join(folder, 'inner', 'shared-again'))
    expect((await expandImportPaths([folder])).files).toEqual(['a.csv', 'b.csv', 'c.csv', 'inner/shared/d.csv'].map((name) => join(folder, name)))
  })

  it('says in words why a link that leads back to itself cannot be imported', async () => {
    const { path, run } = await setup()
    const loop = path('loop.csv')
    symlinkSync(loop, loop)
    expect((await soon(run(loop, () => undefined))).error).toBe("Casefile can't read loop.csv: it is a link that leads back to itself (a loop of symbolic links).")
  })

  it('refuses a socket and a device, named directly or through a link', async () => {
    const { path, run } = await setup()
    const socket = path('socket.csv')
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(socket, resolve))
    onTestFinished(() => void server.close())
    expect((await soon(run(socket, () => undefined))).error).toBe(
      "Casefile can't read socket.csv: it is a socket, not a regular file; Casefile imports only regular files."
    )
    const device = path('zeros.csv')
    symlinkSync('/dev/zero', device)
    expect((await soon(run(device, () => undefined))).error).toBe(
      "Casefile can't read zeros.csv: it is a device, not a regular file; Casefile imports only regular files."
    )
  })
})
