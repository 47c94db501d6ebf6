// Module hooks for the stand-in run: `import … from 'electron'` gets the stand-in module instead of
// the electron package (whose index.js would try to download a binary), and node:worker_threads a
// wrapper that refuses workers inside app.asar (see worker-threads.mjs).
const STAND_IN = new URL('./electron.mjs', import.meta.url).href
const WORKER_THREADS = new URL('./worker-threads.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true }
  if ((specifier === 'node:worker_threads' || specifier === 'worker_threads') && context.parentURL !== WORKER_THREADS) return { url: WORKER_THREADS, shortCircuit: true }
  return nextResolve(specifier, context)
}
