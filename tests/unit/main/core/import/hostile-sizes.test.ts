// Hostile sizes: files shaped to exhaust memory or limits end in a clear message or a clean import,
// with nothing half-written.
import { openSync, writeSync, closeSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function setup() {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const { db } = made.archive
  const run = (path: string) =>
    importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
  const tables = () => (db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_[0-9]*'").pluck().get() as number)
  return { db, dir: made.dir, run, tables }
}

describe('hostile sizes', () => {
  it('refuses a 5,000-column file with a message that says why, and writes nothing', async () => {
    const { dir, run, tables } = await setup()
    const path = join(dir, 'wide.csv')
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')
    writeFileSync(path, `${header}\n${Array.from({ length: 5000 }, (_, i) => i).join(',')}\n`)
    const outcome = await run(path)
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/^wide\.csv has 5,000 columns; Casefile reads up to 2,000/)
    expect(tables()).toBe(0)
  })

  it('imports a 100 MB single field whole', async () => {
    const { db, dir, run } = await setup()
    const path = join(dir, 'big-field.csv')
    const fd = openSync(path, 'w')
    writeSync(fd, 'id,notes\n1,"')
    const block = 'x'.repeat(1 << 20)
    for (let i = 0; i < 100; i++) writeSync(fd, block)
    writeSync(fd, '"\n2,short\n')
    closeSync(fd)
    const outcome = await run(path)
    expect(outcome).toMatchObject({ status: 'imported', rows: 2 })
    expect(db.prepare(`SELECT length(c1) FROM ds_${outcome.id} WHERE rowid = 1`).pluck().get()).toBe(100 << 20)
  }, 120_000)

  it('refuses JSON nested deeper than it can use, with the line', async () => {
    const { dir, run, tables } = await setup()
    const path = join(dir, 'deep.json')
    writeFileSync(path, `[{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`)
    const outcome = await run(path)
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toBe('deep.json, line 1, column 518: the JSON is nested more than 512 levels deep.')
    expect(tables()).toBe(0)
  })
})
