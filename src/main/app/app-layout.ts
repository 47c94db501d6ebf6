// Where the app's own files are. Computed from where the code is, never from app.getAppPath(): that
// is out/main when Electron is started as `electron out/main/index.js` (the end-to-end harness does),
// and the project root under `electron-vite preview`. Electron-free so every case is unit-tested, and
// the packaged layout is checked against a real electron-builder package (tests/shell).

import { dirname, join } from 'node:path'

export interface AppLayout {
  /** The built renderer, served under casefile://app/. */
  renderer: string
  preload: string
  /** The import worker; its reader thread is built beside it (import-runner.ts looks there). */
  importWorker: string
  /** The search worker (search-pool.ts). */
  searchWorker: string
  /** What a new archive is seeded with. */
  sample: string
  /** better-sqlite3 built for this Electron's ABI (scripts/build-electron-sqlite.mjs). */
  nativeBinding: string
}

export interface LayoutFacts {
  isPackaged: boolean
  /** process.resourcesPath: the package's resources folder. */
  resourcesPath: string
  /** The folder of the running main bundle (out/main), from import.meta.url. */
  mainDir: string
  /** process.versions.modules: the ABI the native binding must be built for. */
  moduleVersion: string
}

/** electron-builder's folder for files that must be real files, not entries of app.asar. */
export const UNPACKED_DIR = 'app.asar.unpacked'
/** Where the package keeps the sample pack, outside app.asar (electron-builder's extraResources). */
export const PACKAGED_SAMPLE_DIR = 'sample'

export function nativeBindingFile(root: string, moduleVersion: string): string {
  return join(root, 'native', `electron-${moduleVersion}`, 'better_sqlite3.node')
}

export function appLayout(facts: LayoutFacts): AppLayout {
  if (!facts.isPackaged) {
    // out/main → the project root, two folders up; everything else is where the build and the
    // repository put it.
    const root = dirname(dirname(facts.mainDir))
    return {
      renderer: join(root, 'out', 'renderer'),
      preload: join(root, 'out', 'preload', 'index.cjs'),
      importWorker: join(facts.mainDir, 'import-worker.js'),
      searchWorker: join(facts.mainDir, 'search-worker.js'),
      sample: join(root, 'resources', 'sample'),
      nativeBinding: nativeBindingFile(root, facts.moduleVersion)
    }
  }
  // Inside app.asar Electron reads files itself (renderer, preload). Worker threads and the native
  // binding need real files: electron-builder unpacks them beside the archive (see
  // electron-builder.config.mjs), and they are addressed there directly.
  const asar = join(facts.resourcesPath, 'app.asar')
  const unpacked = join(facts.resourcesPath, UNPACKED_DIR)
  return {
    renderer: join(asar, 'out', 'renderer'),
    preload: join(asar, 'out', 'preload', 'index.cjs'),
    importWorker: join(unpacked, 'out', 'main', 'import-worker.js'),
    searchWorker: join(unpacked, 'out', 'main', 'search-worker.js'),
    sample: join(facts.resourcesPath, PACKAGED_SAMPLE_DIR),
    nativeBinding: nativeBindingFile(unpacked, facts.moduleVersion)
  }
}
