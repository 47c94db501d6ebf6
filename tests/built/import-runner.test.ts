// The import worker as the app runs it (out/main/import-worker.js): one worker and one connection
// for a whole job of files, each file still its own transaction, deduplicated, with its own result.

import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ImportOutcome } from '../../src/shared/model'
import { workerImportRunner, type ImportRunner } from '../../src/main/core/import/import-runner'
import { tempArchive } from '../helpers/temp-archive'

const WORKER = resolve(import.meta.dirname, '../../out/main/import-worker.js')
let made: Awaited<ReturnType<typeof tempArchive>>
let runner: ImportRunner

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`)
  made = await tempArchive(false)
  runner = workerImportRunner(made.archive, WORKER)
})

afterAll(async () => {
  await runner.close()
  made.cleanup()
})

function file(name: string, text: string): string {
  const path = join(made.dir, name)
  writeFileSync(path, text)
  return path
}

async function importAll(paths: string[]): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = []
  const requests = paths.map((path) => ({ path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }))
  await runner.run(requests, new AbortController().signal, { progress: () => undefined, outcome: (index, outcome) => (outcomes[index] = outcome) })
  return outcomes
}

describe('the import worker, kept for a job', () => {
  it('imports file after file, each all or nothing and with its own result, and knows a copy it has just imported', async () => {
    const table = 'year,removals\n2011,396906\n2012,409849\n'
    const outcomes = await importAll([
      file('removals.csv', table),
      file('broken.csv', 'year,note\n2011,"never closed\n'),
      file('removals-copy.csv', table),
      file('memo.txt', 'Review of pending cases\n\nThe review closed 4,403 cases.\n')
    ])
    expect(outcomes.map((outcome) => [outcome.file, outcome.status])).toEqual([
      ['removals.csv', 'imported'],
      ['broken.csv', 'failed'],
      ['removals-copy.csv', 'duplicate'],
      ['memo.txt', 'imported']
    ])
    expect(outcomes[1]!.error).toMatch(/broken\.csv.*line 2/)
    const datasets = made.archive.db.prepare("SELECT name FROM datasets WHERE name IN ('removals', 'broken')").pluck().all()
    expect(datasets).toEqual(['removals'])
    expect(made.archive.db.prepare("SELECT count(*) FROM articles WHERE source_file = 'memo.txt'").pluck().get()).toBe(1)
  })

  it('starts a new worker when the last one is gone, and refuses nothing because of it', async () => {
    await runner.close()
    const [again] = await importAll([file('later.csv', 'a,b\n1,2\n')])
    expect(again!.status).toBe('imported')
  })
})
