// node:worker_threads as the stand-in run gives it to the main process: the same, except that a
// worker started from a file inside app.asar is refused. Casefile starts its workers from
// app.asar.unpacked (app-layout.ts), so that nothing depends on whether a worker thread can load
// modules from the archive; this makes a path that forgot to leave the archive fail loudly here.
import { Worker as NodeWorker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { sep } from 'node:path'

export { BroadcastChannel, MessageChannel, MessagePort, SHARE_ENV, getEnvironmentData, isMainThread, markAsUntransferable, moveMessagePortToContext, parentPort, receiveMessageOnPort, resourceLimits, setEnvironmentData, threadId, workerData } from 'node:worker_threads'

export class Worker extends NodeWorker {
  constructor(filename, options) {
    const path = filename instanceof URL ? fileURLToPath(filename) : String(filename)
    if (path.includes(`${sep}app.asar${sep}`)) throw new Error(`a worker started from inside app.asar (${path}); Casefile's workers run from app.asar.unpacked`)
    super(filename, options)
  }
}
