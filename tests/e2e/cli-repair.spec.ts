// `casefile check --repair` as a real process on a real file: an archive whose only damage is in a
// search index (the review's R23-24: bytes flipped in a leaf of articles_fts_data) is mended and
// takes changes again, with the damaged file kept beside it; other damage is refused as before; a
// busy archive is refused with nothing changed; another process reading it meanwhile reads on.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { openArchive } from '../../src/main/core/index'
import { damageLeafPage, flipBytesInLeafPage } from '../helpers/damage-archive'
import { holdWriteLock } from '../helpers/hold-write-lock'
import { PROJECT_ROOT } from './launch'

const CLI = join(PROJECT_ROOT, 'out', 'main', 'cli.js')

function cli(archive: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const done = spawnSync(process.execPath, [CLI, '--archive', archive, ...args], { encoding: 'utf8' })
  return { code: done.status, out: done.stdout, err: done.stderr }
}

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

let dir = ''
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'casefile-cli-repair-'))
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A seeded archive, closed, then damaged by `damage`. */
async function archiveDamagedBy(damage: (path: string) => number): Promise<string> {
  const path = join(dir, 'a.casefile')
  const archive = await openArchive(path, { create: true, seedDir: join(PROJECT_ROOT, 'resources', 'sample'), nativeBinding: null })
  archive.close()
  damage(path)
  return path
}

test('check --repair mends damage in a search index; the archive takes changes again and the damaged file is kept', async () => {
  const path = await archiveDamagedBy((file) => flipBytesInLeafPage(file, 'articles_fts_data', 3, 200, 1500))
  expect(cli(path, 'search', 'prosecutorial').err).toMatch(/a\.casefile is damaged: part of it cannot be read/)

  const check = cli(path, 'check')
  expect(check.code).toBe(1)
  expect(check.out).toMatch(/\nThe damage is only in the articles search index, which is made from the rest: casefile check --repair makes it again in a checked copy and keeps this file beside it\.\n$/)

  // Another process has the archive open, reading, all through the repair.
  const reader = new Database(path, { readonly: true })
  const repair = cli(path, 'check', '--repair')
  expect(repair.err).toBe('')
  expect(repair.code).toBe(0)
  const kept = readdirSync(dir).filter((name) => /^a\.casefile\.damaged-before-repair-.+\.backup$/.test(name))
  expect(kept).toHaveLength(1)
  expect(repair.out).toBe(
    `Rebuilt the articles search index of ${path} in a checked copy and put it in place: its articles, notes, datasets and charts are as they were, and search and changes work again\n` +
      `The damaged file is kept as it was, as ${join(dir, kept[0]!)}; nothing in it is needed any more\n`
  )
  expect(reader.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'deportations'").pluck().get()).toBeGreaterThan(0)
  reader.close()

  const search = cli(path, 'search', 'prosecutorial')
  expect(search.err).toBe('')
  expect(search.out).toMatch(/matches for “prosecutorial”/)
  expect(cli(path, 'check').out).toMatch(/The archive is sound\.\n$/)
  const info = JSON.parse(cli(path, 'info', '--json').out) as { readOnly: string | null }
  expect(info.readOnly).toBeNull()
  expect(readdirSync(dir).filter((name) => name.includes('.repairing-') || name.includes('.restoring-'))).toEqual([])
})

test('check --repair refuses damage outside the search indexes in one line, changing nothing', async () => {
  const path = await archiveDamagedBy((file) => damageLeafPage(file, 'ds_4', 1))
  expect(cli(path, 'check').out).toMatch(/\nThe archive is damaged: restore a backup/)
  const before = digest(path)
  const repair = cli(path, 'check', '--repair')
  expect(repair.code).toBe(1)
  expect(repair.out).toBe('')
  expect(repair.err).toMatch(/^casefile: a\.casefile is damaged outside its search indexes \(ds_4 \(.+\)\), so rebuilding them cannot mend it; nothing was changed\. Instead, bring back a backup with casefile restore FROM .*\n$/)
  expect(repair.err.split('\n')).toHaveLength(2)
  expect(digest(path)).toBe(before)
  expect(readdirSync(dir).filter((name) => name !== 'a.casefile' && !name.endsWith('-wal') && !name.endsWith('-shm'))).toEqual([])
})

test('check --repair refuses while another process writes the archive, and works once it is done', async () => {
  const path = await archiveDamagedBy((file) => damageLeafPage(file, 'dataset_rows_fts_data', 0))
  const held = await holdWriteLock(path)
  let repair
  try {
    repair = cli(path, 'check', '--repair')
  } finally {
    await held.release()
  }
  expect(repair.code).toBe(1)
  expect(repair.err).toMatch(/^casefile: The archive a\.casefile is busy; close other windows or imports and try again\. Nothing was changed\.\n$/)
  expect(readdirSync(dir).filter((name) => /damaged-before-repair|repairing|restoring/.test(name))).toEqual([])
  const again = cli(path, 'check', '--repair')
  expect(again.err).toBe('')
  expect(again.out).toMatch(/^Rebuilt the dataset rows search index of /)
  expect(cli(path, 'search', 'prosecutorial', '--kind', 'data').out).toMatch(/^1 match for “prosecutorial”\n\ndata    #5  Prosecutorial-discretion review/)
})
