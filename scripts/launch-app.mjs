#!/usr/bin/env node
// `npm start` and `npm run dev`: make sure there is an Electron to run and a database engine built for
// it, then hand over to electron-vite. Each step that fails ends the run with one plain line that
// says what to do; nothing here prints a stack trace.
//
// Usage: node scripts/launch-app.mjs preview|dev [electron-vite options…]
//
// Electron 42 and later download their binary only when asked (`install-electron`), and electron-vite
// reads node_modules/electron/path.txt directly, so without this step a fresh clone stops with
// "Electron uninstall". ELECTRON_EXEC_PATH (honoured by electron-vite) runs an Electron copied in by
// hand instead; ELECTRON_SKIP_BINARY_DOWNLOAD=1 forbids the download.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronInstallState, isTruthy } from './lib/electron-install.mjs'

const NAME = 'casefile'
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const [mode, ...rest] = process.argv.slice(2)
if (mode !== 'preview' && mode !== 'dev') {
  console.error(`${NAME}: usage: node scripts/launch-app.mjs preview|dev`)
  process.exit(2)
}

function stop(line) {
  console.error(`${NAME}: ${line}`)
  process.exit(1)
}

const HAND_COPIED = 'set ELECTRON_EXEC_PATH=/path/to/electron (an Electron you copied in by hand; see README, "Offline and air-gapped machines")'

/** Runs Electron's own installer quietly; its output is kept for the one line that reports a failure. */
function installElectron(electronDir, version) {
  console.log(`${NAME}: downloading Electron ${version} (about 100 MB, once)…`)
  // @electron/get ignores HTTPS_PROXY unless asked to use it (fetch has no proxy of its own).
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => process.env[name])
  const env = proxied && process.env.ELECTRON_GET_USE_PROXY === undefined ? { ...process.env, ELECTRON_GET_USE_PROXY: 'true' } : process.env
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, encoding: 'utf8' })
  if (run.status === 0) return null
  const said = `${run.stderr ?? ''}\n${run.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at '))
    ?.replace(/^[A-Za-z]*Error: /, '')
  return said ?? (run.error ? run.error.message : `the installer exited with ${run.status ?? run.signal}`)
}

function ensureElectron() {
  const override = process.env.ELECTRON_EXEC_PATH
  if (override) {
    if (!existsSync(override)) stop(`ELECTRON_EXEC_PATH points at ${override}, which does not exist. Point it at the electron executable, or unset it to download Electron.`)
    return
  }
  const state = electronInstallState(root, process.platform)
  if (state.installed) return
  if (state.problem !== null) stop(state.problem)
  if (isTruthy(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    stop(`the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD forbids downloading it. Unset it on a networked machine, or ${HAND_COPIED}.`)
  }
  const failure = installElectron(state.electronDir, state.version)
  if (failure !== null || !electronInstallState(root, process.platform).installed) {
    stop(`the Electron binary could not be downloaded (${(failure ?? 'nothing was installed').slice(0, 200)}). Connect to the network and run npm start again, or ${HAND_COPIED}.`)
  }
  console.log(`${NAME}: Electron ${state.version} is installed.`)
}

function ensureSqliteForElectron() {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-sqlite.mjs'), '--if-missing'], { cwd: root, stdio: 'inherit', env: process.env })
  // The build script has said why in its own line.
  if (run.status !== 0) process.exit(1)
}

ensureElectron()
ensureSqliteForElectron()

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
if (!existsSync(electronVite)) stop('electron-vite is not installed; run npm install first.')
const app = spawnSync(process.execPath, [electronVite, mode, ...rest], { cwd: root, stdio: 'inherit', env: process.env })
process.exit(app.status ?? 1)
