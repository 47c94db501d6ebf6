import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ImportOutcome } from '@shared/model'
import { importFormatOf } from './import-kind'
import { importOneFile, importOneFileInBatch, READER_THREAD_MIN_BYTES, type ImportProgress, type ImportRequest } from './import-one-file'
import { reasonOf } from '../plain-failure'

/**
 * The longest a batch of small files stays uncommitted. Their result lines wait for the commit, so
 * this is also how late a line can appear; a commit (with its sync to disk and its ledger lines)
 * every quarter second costs little next to one per file.
 */
export const BATCH_MS = 250

/** What importFiles reports: a file's progress while it is read, and its outcome once it is final. */
export interface ImportFilesListener {
  progress(index: number, progress: ImportProgress): void
  /** Called once per file, in the order of the requests, only when the outcome is durable. */
  outcome(index: number, outcome: ImportOutcome): void
}

/**
 * Whether a file is small enough to share a transaction with others. A PDF is kept out: OCR can
 * take a minute, and the result lines of the files before it would wait for it.
 */
async function batchable(request: ImportRequest): Promise<boolean> {
  if (importFormatOf(basename(request.path)) === 'pdf') return false
  try {
    return (await stat(request.path)).size < READER_THREAD_MIN_BYTES
  } catch {
    // A file that cannot be looked at fails fast, with its reason, whichever way it is run.
    return true
  }
}

/**
 * The outcome of a file the import never read: cancelled before its turn (`failure` null), or
 * failed for a reason outside the file, such as a lost worker thread.
 */
export function unreadOutcome(path: string, failure: string | null): ImportOutcome {
  const file = basename(path)
  return {
    file,
    path,
    status: failure === null ? 'cancelled' : 'failed',
    kind: null,
    id: null,
    rows: 0,
    warnings: [],
    emptiedCells: [],
    error: failure === null ? null : `${file} could not be imported: ${failure}. Nothing was added.`,
    seconds: 0,
    dataSeconds: 0,
    ocr: null,
    sheets: null
  }
}

/** An imported file whose batch could not be committed after all: nothing of it was kept. */
function lostAtCommit(outcome: ImportOutcome, error: unknown): ImportOutcome {
  if (outcome.status !== 'imported') return outcome
  const code = (error as { code?: string } | null)?.code
  const why = code === 'SQLITE_FULL' ? 'the disk is full' : reasonOf(error)
  return { ...outcome, status: 'failed', id: null, rows: 0, sheets: null, error: `${outcome.file} could not be imported: ${why}; nothing was saved.` }
}

/**
 * Imports files one after another through `db`, a connection the caller owns. Small files are
 * imported in batches: one transaction (one sync, one write-lock) holds up to BATCH_MS worth of
 * them, each file inside its own savepoint, so a file that fails or is a copy leaves no trace and
 * the others stay. Large files and PDFs each commit on their own, as importOneFile always did.
 * A cancel stops the file being read; the files after it are reported cancelled, those before it
 * are kept.
 */
export async function importFiles(
  db: Database,
  requests: readonly ImportRequest[],
  signal: AbortSignal,
  listener: ImportFilesListener,
  readerWorker: string | null
): Promise<void> {
  let batch: { started: number; held: Array<[number, ImportOutcome]> } | null = null
  const commitBatch = () => {
    if (batch === null) return
    const { held } = batch
    batch = null
    try {
      db.exec('COMMIT')
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      for (const [index, outcome] of held) listener.outcome(index, lostAtCommit(outcome, error))
      return
    }
    for (const [index, outcome] of held) listener.outcome(index, outcome)
  }
  try {
    for (let index = 0; index < requests.length; index++) {
      const request = requests[index]!
      const onProgress = (progress: ImportProgress) => listener.progress(index, progress)
      if (signal.aborted) {
        if (batch === null) listener.outcome(index, unreadOutcome(request.path, null))
        else batch.held.push([index, unreadOutcome(request.path, null)])
        continue
      }
      if (!(await batchable(request))) {
        commitBatch()
        listener.outcome(index, await importOneFile(db, request, signal, onProgress, readerWorker))
        continue
      }
      if (batch === null) {
        try {
          db.exec('BEGIN IMMEDIATE')
          batch = { started: performance.now(), held: [] }
        } catch {
          // Another process holds the write lock: the file is tried on its own, and says so.
          listener.outcome(index, await importOneFile(db, request, signal, onProgress, readerWorker))
          continue
        }
      }
      batch.held.push([index, await importOneFileInBatch(db, request, signal, onProgress, readerWorker)])
      if (performance.now() - batch.started >= BATCH_MS) commitBatch()
    }
  } finally {
    commitBatch()
  }
}
