import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js'

/** What OCR read on one page image: its text, and tesseract's mean word confidence (0–100). */
export interface OcrPage {
  text: string
  confidence: number
}

export interface OcrEngine {
  /** How many pages it reads at once. */
  readonly parallel: number
  /**
   * Reads a page picture: any format tesseract's Leptonica reads; the importer gives greyscale PGM,
   * which carries no resolution, so the resolution it was drawn at comes as `dpi` (tesseract would
   * otherwise guess it from the text's size, and say so on stderr).
   */
  read(image: Buffer, dpi: number): Promise<OcrPage>
  stop(): Promise<void>
}

/**
 * Where tesseract.js finds what it needs, all inside installed packages: its worker script, its
 * WebAssembly core (tesseract.js-core, which the worker loads with require) and the English LSTM
 * model of @tesseract.js-data/eng. Nothing is fetched: langPath is a folder, so tesseract reads the
 * file instead of downloading it, and cacheMethod 'none' keeps it from writing a copy into the
 * current folder.
 */
export function ocrPaths(): { workerPath: string; corePath: string; langPath: string } {
  const require = createRequire(import.meta.url)
  return {
    workerPath: join(dirname(require.resolve('tesseract.js/package.json')), 'src', 'worker-script', 'node', 'index.js'),
    corePath: dirname(require.resolve('tesseract.js-core/package.json')),
    langPath: join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int')
  }
}

/** OCR reads this many pages at once at most: tesseract uses one core a page. */
export function ocrParallelism(): number {
  return Math.max(1, Math.min(2, availableParallelism()))
}

async function startWorker(onError: (error: unknown) => void): Promise<Worker> {
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    ...ocrPaths(),
    cacheMethod: 'none',
    gzip: true,
    logger: () => undefined,
    errorHandler: onError
  })
  // tesseract.js reads a page as one uniform block of text by default, and a ruled table in a scan
  // is then mostly lost (a 40-page memo's tables: 97.8% of words right on 8 pages at 200 dpi grey).
  // Read as one column of text of varying sizes, the table's rows come out line by line (99.5%), for
  // about 10% more CPU. Full page layout analysis (PSM.AUTO) read the tables too, but split lines of
  // prose into columns mid-sentence ("the ca" / "ses reviewed"), which would break quotes and phrases.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_COLUMN })
  return worker
}

/**
 * Starts tesseract with the English model: a worker thread for the first page, and up to
 * `parallel` as pages wait, each started when the others are busy; `stop` ends them all.
 */
export async function startOcrEngine(parallel: number): Promise<OcrEngine> {
  let failure: unknown = null
  const onError = (error: unknown) => {
    failure = error
  }
  const workers: Worker[] = [await startWorker(onError)]
  const idle: Worker[] = [...workers]
  let started = workers.length
  const waiting: ((worker: Worker) => void)[] = []
  let stopped = false
  const acquire = async (): Promise<Worker> => {
    const free = idle.pop()
    if (free !== undefined) return free
    if (started < parallel) {
      started++
      const worker = await startWorker(onError)
      workers.push(worker)
      return worker
    }
    return new Promise((resolve) => waiting.push(resolve))
  }
  const release = (worker: Worker) => {
    const next = waiting.shift()
    if (next !== undefined) next(worker)
    else idle.push(worker)
  }
  return {
    parallel,
    async read(image, dpi) {
      const worker = await acquire()
      if (stopped) throw new Error('OCR was stopped')
      try {
        await worker.setParameters({ user_defined_dpi: String(Math.round(dpi)) })
        // `stop` may have ended the worker meanwhile; tesseract.js would then fail outside this promise.
        if (stopped) throw new Error('OCR was stopped')
        const { data } = await worker.recognize(image)
        if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure))
        return { text: data.text, confidence: data.confidence }
      } finally {
        release(worker)
      }
    },
    async stop() {
      stopped = true
      await Promise.all(workers.map((worker) => worker.terminate()))
    }
  }
}
