// Entry point of a rows worker thread (built to out/main/rows-worker.js). It reads the data
// explorer's pages over its own read-only connection, one at a time, so a slow page never holds up
// the thread that serves the window; a page the pool gives up stops at its next checkpoint.
import { parentPort, workerData } from 'node:worker_threads'
import { connectReader } from '../db/connect-reader'
import { SearchAbandoned } from '../search/search-abandoned'
import { pageCandidates, readRowPage } from './query-dataset-rows'
import type { RowsWorkerData, RowsWorkerReply, RowsWorkerRequest } from './rows-pool'

const port = parentPort
if (!port) throw new Error('rows-worker must run as a worker thread')
const data = workerData as RowsWorkerData
const abandoned = new Int32Array(data.abandoned)
const db = connectReader(data.archivePath, data.nativeBinding)

port.on('message', (message: RowsWorkerRequest) => {
  const checkpoint = () => {
    // The pool writes here the id of the job it gave up.
    if (Atomics.load(abandoned, 0) === message.id) throw new SearchAbandoned()
  }
  let reply: RowsWorkerReply
  try {
    reply =
      message.type === 'page'
        ? { id: message.id, type: 'page', page: readRowPage(db, message.query, checkpoint, null) }
        : { id: message.id, type: 'half', candidates: pageCandidates(db, message.query, message.from, message.to, checkpoint) }
  } catch (error) {
    reply = error instanceof SearchAbandoned ? { id: message.id, type: 'abandoned' } : { id: message.id, type: 'failed', message: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
