// Folders laid out as the app finds itself: a development checkout (out/, resources/, native/,
// node_modules) built in a temporary folder from this checkout's build, so each test can break it
// its own way (no native binding, a damaged one) without touching the real one.

import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { StandInFacts } from './main-process'

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..')
export const NODE_BUILD = join(PROJECT_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
/** The ABI Electron reports as process.versions.modules, shipped with the electron package. */
export const ELECTRON_ABI = readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8').trim()
export const ELECTRON_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version

export type NativeStandIn = 'loadable' | 'missing' | 'unloadable'

export function requireBuild(): void {
  if (!existsSync(join(PROJECT_ROOT, 'out', 'main', 'index.js'))) throw new Error('out/main/index.js is missing: run `npm run build` first (npm test does).')
}

/**
 * Puts a better_sqlite3.node where the app looks for Electron's build: this machine's Node build
 * (which the stand-in run, being Node, can load), a file the loader refuses, or nothing.
 */
export function placeNativeBinding(root: string, native: NativeStandIn): void {
  if (native === 'missing') return
  const dir = join(root, 'native', `electron-${ELECTRON_ABI}`)
  mkdirSync(dir, { recursive: true })
  if (native === 'loadable') copyFileSync(NODE_BUILD, join(dir, 'better_sqlite3.node'))
  // Found, and refused by the loader with an error, as a build for another Electron is
  // ("was compiled against a different Node.js version … NODE_MODULE_VERSION"). Not a truncated
  // module: dlopen does not refuse one of those, it crashes the process (SIGBUS) on every system.
  else writeFileSync(join(dir, 'better_sqlite3.node'), 'This is not a shared library.\n'.repeat(200))
}

export interface TempLayout {
  dir: string
  facts: StandInFacts
  remove(): void
}

/** A development checkout's layout with its own copy of out/ (the main bundle finds everything from there). */
export function devLayout(native: NativeStandIn, argv: string[]): TempLayout {
  requireBuild()
  const dir = mkdtempSync(join(tmpdir(), 'casefile-wiring-'))
  const root = join(dir, 'checkout')
  cpSync(join(PROJECT_ROOT, 'out'), join(root, 'out'), { recursive: true })
  mkdirSync(join(root, 'resources'))
  cpSync(join(PROJECT_ROOT, 'resources', 'sample'), join(root, 'resources', 'sample'), { recursive: true })
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  placeNativeBinding(root, native)
  return { dir, facts: standInFacts(dir, join(root, 'out', 'main', 'index.js'), false, join(dir, 'no-resources'), argv), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export function standInFacts(dir: string, main: string, isPackaged: boolean, resourcesPath: string, argv: string[]): StandInFacts {
  const paths = { appData: join(dir, 'appData'), documents: join(dir, 'Documents'), temp: join(dir, 'tmp'), home: join(dir, 'home') }
  for (const path of Object.values(paths)) mkdirSync(path, { recursive: true })
  return { main, isPackaged, resourcesPath, moduleVersion: ELECTRON_ABI, electronVersion: ELECTRON_VERSION, argv, paths, messageBoxResponse: 'cancel', saveDialogAnswer: null }
}
