// Entry point of a workbook's sheets thread (built to out/main/sheet-rows-worker.js), started by the
// reader thread (see SheetRowsThread): it reads large sheets' XML into rows while the reader thread
// finds their table and types them.
import { parentPort, workerData } from 'node:worker_threads'
import { SheetRowsSender } from './workbook/sheet-rows-sender'
import type { SheetRowsRequest, SheetRowsWorkerData } from './workbook/sheet-rows-thread'

const port = parentPort
if (!port) throw new Error('sheet-rows-worker must run as a worker thread')
const sender = new SheetRowsSender(workerData as SheetRowsWorkerData, (message) => port.postMessage(message))
port.on('message', (request: SheetRowsRequest) => sender.read(request))
