import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const shared = resolve(import.meta.dirname, 'src/shared')

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        // The CLI is built beside the app's main entry so both use the very same core.
        input: {
          index: resolve(import.meta.dirname, 'src/main/app/index.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli.ts'),
          // Imports run in a worker thread with their own connection; see import-runner.ts.
          'import-worker': resolve(import.meta.dirname, 'src/main/core/import/import-worker.ts'),
          'import-reader-worker': resolve(import.meta.dirname, 'src/main/core/import/import-reader-worker.ts'),
          // A large .xlsx sheet's rows are read on one more thread, started by the reader thread; see sheet-rows-thread.ts.
          'sheet-rows-worker': resolve(import.meta.dirname, 'src/main/core/import/sheet-rows-worker.ts'),
          // Searches run in a small pool of worker threads with read-only connections; see search-pool.ts.
          'search-worker': resolve(import.meta.dirname, 'src/main/core/search/search-worker.ts'),
          // Indexes for sorted and filtered columns are built in the background; see sort-indexer.ts.
          'sort-index-worker': resolve(import.meta.dirname, 'src/main/core/datasets/sort-index-worker.ts'),
          // The data explorer's pages are read in two worker threads with read-only connections; see rows-pool.ts.
          'rows-worker': resolve(import.meta.dirname, 'src/main/core/datasets/rows-worker.ts'),
          // npm run bench:search, bench:charts, bench:scale, bench:formats, bench:ocr: built beside the workers
          // they start, from bench/ (outside the app's source), and never loaded by the app.
          'search-bench': resolve(import.meta.dirname, 'bench/run-search-bench.ts'),
          'chart-bench': resolve(import.meta.dirname, 'bench/run-chart-bench.ts'),
          'scale-bench': resolve(import.meta.dirname, 'bench/run-scale-bench.ts'),
          'formats-bench': resolve(import.meta.dirname, 'bench/run-formats-bench.ts'),
          'ocr-bench': resolve(import.meta.dirname, 'bench/run-ocr-bench.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias: { '@shared': shared } },
    plugins: [svelte()],
    build: {
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } }
    }
  }
})
