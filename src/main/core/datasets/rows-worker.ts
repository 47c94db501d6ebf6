// Entry point of a rows worker thread (built to out/main/rows-worker.js). It reads the data
// explorer's pages over its own read-only connection, one at a time, so a slow page never holds up
// the thread that serves the window; a page the pool gives up stops at its next checkpoint. It also
// finds a chart's cells in half of a table (chart-pass.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { connectReader } from '../db/connect-reader'
import { SearchAbandoned } from '../search/search-abandoned'
import { pageCandidates, readRowPage } from './query-dataset-rows'
import { chartPassPart } from '../charts/chart-pass'
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
    if (message.type === 'page') reply = { id: message.id, type: 'page', page: readRowPage(db, message.query, checkpoint, null) }
    else if (message.type === 'half') reply = { id: message.id, type: 'half', candidates: pageCandidates(db, message.query, message.from, message.to, checkpoint) }
    // A chart's pass is one statement: it has no checkpoint, and nothing gives it up.
    else reply = { id: message.id, type: 'cells', part: chartPassPart(db, message.pass, [message.from, message.to]) }
  } catch (error) {
    reply = error instanceof SearchAbandoned ? { id: message.id, type: 'abandoned' } : { id: message.id, type: 'failed', message: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
