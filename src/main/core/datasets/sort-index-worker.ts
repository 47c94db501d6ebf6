// Entry point of the sort-index worker thread (built to out/main/sort-index-worker.js). It builds
// the indexes a sorted or filtered table reads (sort-indexer.ts) over its own connection, so the
// seconds a million-row index takes never hold up the thread that serves the window.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { applyConnectionPragmas } from '../db/connection-pragmas'
import { buildSortIndex } from './query-dataset-rows'
import type { SortIndexJob, SortIndexReply, SortIndexWorkerData } from './sort-indexer'

const port = parentPort
if (!port) throw new Error('sort-index-worker must run as a worker thread')
const data = workerData as SortIndexWorkerData
const db = new Database(data.archivePath, { fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) })
applyConnectionPragmas(db)
// Background work: it never waits for the lock (a writer has it: try again later), and sorts on one core.
db.pragma('busy_timeout = 0')
db.pragma('threads = 0')

port.on('message', (job: SortIndexJob) => {
  let reply: SortIndexReply
  try {
    reply = { type: buildSortIndex(db, job.datasetId, job.position) ? 'built' : 'busy' }
  } catch (error) {
    reply = { type: 'failed', message: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
