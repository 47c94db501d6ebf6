// How Casefile is packaged (`npm run dist`; electron-builder loads this file itself): AppImage and deb on Linux, dmg on macOS, an NSIS
// installer on Windows. tests/shell/package-layout.test.ts packs the `dir` target with this very
// configuration and checks the result against what src/main/app/app-layout.ts expects.
//
// Three things are not the defaults, and the app depends on each:
// - better-sqlite3 is not rebuilt here (npmRebuild: false). The Electron build made by
//   scripts/build-electron-sqlite.mjs is packed from native/ and loaded through `nativeBinding`.
//   (electron-builder's rebuild runs @electron/rebuild, which offline deletes the working build.)
// - The import workers run as worker threads from real files, so out/main and every package they
//   import are unpacked beside app.asar (app.asar.unpacked/), as is the native binding.
// - The sample pack a new archive is seeded with lives in resources/sample, outside the asar.

import type { Configuration } from 'electron-builder'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))

/**
 * The packages the import workers import (src/main/core/import/…); package-layout.test.ts runs them.
 * tesseract.js starts a worker thread of its own from its package, and that worker loads
 * tesseract.js-core's WebAssembly and reads @tesseract.js-data/eng's model from theirs: all three
 * must be real files, so they are unpacked with the others.
 */
export const WORKER_PACKAGES = ['better-sqlite3', 'htmlparser2', 'pdfjs-dist', 'yauzl', '@e965/xlsx', 'mammoth', 'tesseract.js', 'tesseract.js-core', '@tesseract.js-data/eng']
/** Dependencies used only while npm installs (better-sqlite3's prebuilt-binary fetcher). */
const NOT_AT_RUN_TIME = ['prebuild-install']

/**
 * Packages that are in node_modules only because an install-time tool needs them: those reached
 * from the app's dependencies through NOT_AT_RUN_TIME and not otherwise. electron-builder packs every
 * production dependency; these are left out by name.
 */
export function installTimeOnly(): string[] {
  const manifest = manifestOf(root)
  const roots = Object.keys(manifest.dependencies ?? {})
  const everything = closureOf(roots, [])
  const needed = new Set(closureOf(roots, NOT_AT_RUN_TIME))
  return everything.filter((dir) => !needed.has(dir))
}

interface Manifest {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
}

/**
 * Every installed package `names` need at run time, as folders relative to the project: their
 * dependencies and the optional ones that are installed (pdf.js's canvas), followed the way Node
 * resolves them (a nested node_modules first, then the top-level one).
 */
export function dependencyClosure(names: readonly string[]): string[] {
  return closureOf(names, NOT_AT_RUN_TIME)
}

function closureOf(names: readonly string[], skipped: readonly string[]): string[] {
  const found = new Set<string>()
  const visit = (name: string, fromDir: string): void => {
    const candidates = [join(fromDir, 'node_modules', name), join(root, 'node_modules', name)]
    const dir = candidates.find((candidate) => existsSync(join(candidate, 'package.json')))
    if (dir === undefined || found.has(dir) || skipped.includes(name)) return
    found.add(dir)
    const manifest = manifestOf(dir)
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dependency, dir)
  }
  for (const name of names) visit(name, root)
  return [...found].map((dir) => dir.slice(root.length + 1).split('\\').join('/')).sort()
}

/**
 * The configuration. `nativeDir` is the folder holding electron-<abi>/better_sqlite3.node (native/
 * normally; the layout test packs a stand-in), `output` where packages are written.
 */
export function packageConfig({ nativeDir, output }: { nativeDir: string; output: string }): Configuration {
  const workerPackages = dependencyClosure(WORKER_PACKAGES)
  return {
    appId: 'org.casefile.app',
    productName: 'Casefile',
    executableName: 'casefile',
    copyright: 'Casefile contributors, MIT licence',
    directories: { output, buildResources: 'resources' },
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    files: [
      'package.json',
      'out/**',
      // The CLI and the benchmarks run from the repository, never from the app.
      '!out/main/cli.js',
      '!out/main/search-bench.js',
      '!out/main/chart-bench.js',
      '!out/main/formats-bench.js',
      '!out/main/scale-bench.js',
      // Only the CLI prints with Playwright; the app prints with Electron.
      '!node_modules/playwright-core/**',
      // better-sqlite3 is loaded through `nativeBinding`: its sources, its Node build and the
      // installer it uses at npm-install time are not needed by the app.
      '!node_modules/better-sqlite3/{build,deps,src}/**',
      ...installTimeOnly().map((dir) => `!${dir}/**`),
      // pdf.js: the app loads legacy/ (for Node) with its fonts, cMaps, colour profiles and wasm; the
      // browser build, the viewer and the type declarations are not read.
      '!node_modules/pdfjs-dist/{build,web,types,image_decoders}/**',
      // Source maps of dependencies help nobody at run time.
      '!node_modules/**/*.map',
      // In Node tesseract.js loads a core's .js and .wasm files (which core depends on what the
      // processor and tesseract.js 7.0.0's choice make of it: all are kept) and reads the best_int
      // model: the cores' copies inlined for browsers (.wasm.js) and the legacy model are not needed (~38 MB).
      '!node_modules/tesseract.js-core/*.wasm.js',
      '!node_modules/@tesseract.js-data/eng/4.0.0/**',
      { from: nativeDir, to: 'native', filter: ['electron-*/better_sqlite3.node'] }
    ],
    // Native modules load only from real files; matched by name, as the native binding's folder may
    // come from elsewhere (the layout test packs a stand-in). The workers' packages are matched by
    // name wherever electron-builder puts them: it may hoist a package nested here (mammoth's own
    // xmlbuilder) to the top level of the app's node_modules, or the reverse.
    asarUnpack: ['out/main/**', '**/*.node', ...workerPackages.map((dir) => `**/node_modules/${dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length)}/**`)],
    extraResources: [{ from: 'resources/sample', to: 'sample' }],
    linux: {
      target: ['AppImage', 'deb'],
      category: 'Office',
      synopsis: 'An offline research archive for immigration-enforcement records',
      maintainer: 'Casefile contributors',
      icon: 'resources/icon.png'
    },
    mac: { target: ['dmg'], category: 'public.app-category.reference', icon: 'resources/icon.png' },
    win: { target: ['nsis'], icon: 'resources/icon.png' },
    nsis: { oneClick: false, allowToChangeInstallationDirectory: true, perMachine: false }
  }
}

export default packageConfig({ nativeDir: 'native', output: 'dist' })
