// Entry point of a search worker thread (built to out/main/search-worker.js). It answers searches
// over its own read-only connection, one at a time, so a slow search never holds up the thread that
// serves the window; a search the pool marks as replaced stops at its next checkpoint.
import { parentPort, workerData } from 'node:worker_threads'
import { connectReader } from '../db/connect-reader'
import { SearchAbandoned } from './search-abandoned'
import { searchPart } from './search-archive'
import type { SearchWorkerData, SearchWorkerReply, SearchWorkerRequest } from './search-pool'

const port = parentPort
if (!port) throw new Error('search-worker must run as a worker thread')
const data = workerData as SearchWorkerData
const replaced = new Int32Array(data.replaced)
const db = connectReader(data.archivePath, data.nativeBinding)

port.on('message', (message: SearchWorkerRequest) => {
  const checkpoint = () => {
    // The pool writes here the id of the newest search it has replaced.
    if (Atomics.load(replaced, 0) >= message.id) throw new SearchAbandoned()
  }
  let reply: SearchWorkerReply
  try {
    reply = { id: message.id, type: 'result', partial: searchPart(db, message.request, message.part, { checkpoint }) }
  } catch (error) {
    reply = error instanceof SearchAbandoned ? { id: message.id, type: 'abandoned' } : { id: message.id, type: 'failed', message: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
