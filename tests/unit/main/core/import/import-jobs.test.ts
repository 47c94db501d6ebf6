import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiEvent } from '../../../../../src/shared/api'
import { DEFAULT_IMPORT_OPTIONS, type JobStatus } from '../../../../../src/shared/model'
import { ImportJobs } from '../../../../../src/main/core/import/import-jobs'
import { inlineImportRunner, workerImportRunner, type ImportRunner } from '../../../../../src/main/core/import/import-runner'
import { tempArchive } from '../../../../helpers/temp-archive'
import { PROJECT_ROOT } from '../../../../helpers/cli-in-process'
import { scannedPdf } from '../../../../helpers/scanned-pdf'

let dir = ''
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

function files(...names: string[]): string[] {
  dir = mkdtempSync(join(tmpdir(), 'casefile-jobs-'))
  return names.map((name) => {
    writeFileSync(join(dir, name), 'year,value\n2012,1\n')
    return join(dir, name)
  })
}

function finished(events: ApiEvent[], id: string): Promise<JobStatus> {
  return new Promise((resolve) => {
    const poll = () => {
      const last = events.filter((event): event is Extract<ApiEvent, { type: 'job' }> => event.type === 'job' && event.job.id === id).at(-1)
      if (last !== undefined && last.job.state !== 'running') resolve(last.job)
      else setTimeout(poll, 5)
    }
    poll()
  })
}

describe('ImportJobs', () => {
  it('ends a file whose runner rejects as failed, in one line, and goes on with the next job', async () => {
    const events: ApiEvent[] = []
    let calls = 0
    const runner: ImportRunner = {
      run: async (requests, _signal, listener) => {
        calls++
        if (calls === 1) throw new Error('the thread vanished')
        listener.outcome(0, { file: 'b.csv', path: requests[0]!.path, status: 'imported', kind: 'dataset', id: 1, rows: 1, warnings: [], emptiedCells: [], error: null, seconds: 0, dataSeconds: 0, ocr: null, sheets: null })
      },
      close: () => Promise.resolve()
    }
    const jobs = new ImportJobs(runner, (event) => events.push(event))
    const [a, b] = files('a.csv', 'b.csv')
    const first = jobs.start([a!], DEFAULT_IMPORT_OPTIONS)
    const second = jobs.start([b!], DEFAULT_IMPORT_OPTIONS)
    const failed = await finished(events, first)
    expect(failed.state).toBe('failed')
    expect(failed.outcomes.map((outcome) => outcome.error)).toEqual(['a.csv could not be imported: the thread vanished. Nothing was added.'])
    expect((await finished(events, second)).state).toBe('done')
    await jobs.dispose()
  })

  it('sends a running job to the window at most every 100 ms, however many files end, and the final state whole', async () => {
    const events: ApiEvent[] = []
    const runner: ImportRunner = {
      run: async (requests, _signal, listener) => {
        for (let round = 0; round < 5; round++) {
          // Outcomes arrive in bursts, as a batch's commit delivers them.
          for (let index = round * 100; index < (round + 1) * 100; index++) {
            listener.progress(index, { phase: 'reading', bytesRead: 10, bytesTotal: 10, rowsWritten: 1, parts: null, partsRead: 0, partsTotal: 0, ocrPages: 0, ocrStarting: false })
            listener.outcome(index, { file: `${index}.csv`, path: requests[index]!.path, status: 'imported', kind: 'dataset', id: index + 1, rows: 1, warnings: [], emptiedCells: [], error: null, seconds: 0, dataSeconds: 0, ocr: null, sheets: null })
          }
          await new Promise((resolve) => setTimeout(resolve, 30))
        }
      },
      close: () => Promise.resolve()
    }
    const jobs = new ImportJobs(runner, (event) => events.push(event))
    const paths = files(...Array.from({ length: 500 }, (_, index) => `${index}.csv`))
    const started = performance.now()
    const job = await finished(events, jobs.start(paths, DEFAULT_IMPORT_OPTIONS))
    const took = performance.now() - started
    const sent = events.filter((event) => event.type === 'job').length
    // The start, one per 100 ms at most (plus one that may be waiting), and the end.
    expect(sent).toBeLessThanOrEqual(Math.ceil(took / 100) + 3)
    expect(job.outcomes).toHaveLength(500)
    expect(job.rowsWritten).toBe(500)
    expect(job.detail).toBe('500 imported')
    await jobs.dispose()
  })

  it('counts a PDF’s progress in pages, not in bytes and rows: pages read, of how many, by OCR', async () => {
    const made = await tempArchive(false)
    try {
      const events: ApiEvent[] = []
      // The job's state as it stands after each progress report (the events sent are fewer: see above).
      const seen: JobStatus[] = []
      const inner = inlineImportRunner(made.archive)
      const runner: ImportRunner = {
        run: (requests, signal, listener) =>
          inner.run(requests, signal, {
            progress: (index, progress) => {
              listener.progress(index, progress)
              seen.push(jobs.list().find((job) => job.id === id)!)
            },
            outcome: listener.outcome
          }),
        close: () => inner.close()
      }
      const jobs = new ImportJobs(runner, (event) => events.push(event))
      const pdf = join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'article', 'backlog-article.pdf')
      const id = jobs.start([pdf], DEFAULT_IMPORT_OPTIONS)
      const done = await finished(events, id)
      expect(done.outcomes.map((outcome) => outcome.status)).toEqual(['imported'])
      const paged = seen.filter((job) => job.pages !== null)
      expect(paged.map((job) => job.pages)).toEqual([
        { read: 1, total: 2, ocr: 0 },
        { read: 2, total: 2, ocr: 0 }
      ])
      // The progress bar moves with the pages: half the file's size after its first page of two.
      expect(paged[0]!.bytesRead).toBe(Math.floor(paged[0]!.bytesTotal / 2))
      expect(paged[0]!.progress).toBeCloseTo(0.5, 3)
      // Once the PDF is read, no page count stays behind.
      expect(done.pages).toBeNull()
      await jobs.dispose()
    } finally {
      made.cleanup()
    }
  })

  it('says OCR is starting while its model loads for a scanned PDF, not rows and bytes, then counts the pages OCR read', async () => {
    const made = await tempArchive(false)
    const folder = mkdtempSync(join(tmpdir(), 'casefile-scan-'))
    try {
      const pdf = join(folder, 'scan.pdf')
      writeFileSync(pdf, await scannedPdf('<p style="font: 14pt serif; margin: 1in">The review closed few cases.</p>', 150, [], null))
      const events: ApiEvent[] = []
      const seen: JobStatus[] = []
      const inner = inlineImportRunner(made.archive)
      const runner: ImportRunner = {
        run: (requests, signal, listener) =>
          inner.run(requests, signal, {
            progress: (index, progress) => {
              listener.progress(index, progress)
              seen.push(jobs.list().find((job) => job.id === id)!)
            },
            outcome: listener.outcome
          }),
        close: () => inner.close()
      }
      const jobs = new ImportJobs(runner, (event) => events.push(event))
      const id = jobs.start([pdf], DEFAULT_IMPORT_OPTIONS)
      const done = await finished(events, id)
      expect(done.outcomes.map((outcome) => outcome.status)).toEqual(['imported'])
      const paged = seen.filter((job) => job.pages !== null)
      // The panel shows "Starting OCR… (page 1 of 1)" for the first (see jobProgressNumbers).
      expect(paged.map((job) => [job.detail, job.pages])).toEqual([
        ['scan.pdf — starting OCR for page 1 of 1', { read: 0, total: 1, ocr: 0, ocrStarting: true }],
        ['scan.pdf — page 1 of 1 (1 read by OCR)', { read: 1, total: 1, ocr: 1 }]
      ])
      await jobs.dispose()
    } finally {
      made.cleanup()
      rmSync(folder, { recursive: true, force: true })
    }
  }, 120_000)

  it('fails a file whose worker thread cannot start, instead of waiting for it for ever', async () => {
    const made = await tempArchive(false)
    try {
      const events: ApiEvent[] = []
      // A worker path Node refuses before any thread exists (new Worker throws).
      const jobs = new ImportJobs(workerImportRunner(made.archive, 'out/main/import-worker.js'), (event) => events.push(event))
      const [a] = files('a.csv')
      const job = await finished(events, jobs.start([a!], DEFAULT_IMPORT_OPTIONS))
      expect(job.state).toBe('failed')
      expect(job.outcomes[0]?.error).toMatch(/^a\.csv could not be imported: its worker thread could not start \(.+\)\. Nothing was added\.$/)
      await jobs.dispose()
    } finally {
      made.cleanup()
    }
  })
})
