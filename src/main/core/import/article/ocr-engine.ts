import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createWorker, OEM, type Worker } from 'tesseract.js'

/** What OCR read on one page image: its text, and tesseract's mean word confidence (0–100). */
export interface OcrPage {
  text: string
  confidence: number
}

export interface OcrEngine {
  read(image: Buffer): Promise<OcrPage>
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

/** Starts tesseract (a worker thread of its own) with the English model; `stop` ends it. */
export async function startOcrEngine(): Promise<OcrEngine> {
  let failure: unknown = null
  const worker: Worker = await createWorker('eng', OEM.LSTM_ONLY, {
    ...ocrPaths(),
    cacheMethod: 'none',
    gzip: true,
    logger: () => undefined,
    errorHandler: (error: unknown) => {
      failure = error
    }
  })
  return {
    async read(image) {
      const { data } = await worker.recognize(image)
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure))
      return { text: data.text, confidence: data.confidence }
    },
    stop: () => worker.terminate().then(() => undefined)
  }
}
