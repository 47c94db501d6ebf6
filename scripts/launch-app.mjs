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

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { durationText, electronExecutable, electronInstallState, isTruthy, notRunnableReason, toolLimitMs } from './lib/electron-install.mjs'

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

/** A download that has not finished by then is given up (a proxy that accepts and never answers). */
const DOWNLOAD_LIMIT_MS = toolLimitMs(20 * 60_000)
const NOTE_EVERY_MS = 30_000

/** The installer's reason for failing, from its output: the first line that is not a stack frame or a warning. */
function installerReason(output) {
  const said = output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at ') && !/^\(node:\d+\)|^\(Use `node --trace/.test(line))
    ?.replace(/^[A-Za-z]*Error: /, '')
  if (said === undefined) return null
  // undici reports every network failure in these two words; its cause is not printed by install.js.
  return said === 'fetch failed' ? 'fetch failed: the download server could not be reached; behind a proxy, set HTTPS_PROXY' : said
}

/**
 * Runs Electron's own installer with its output kept for the one line that reports a failure. It
 * prints no progress when its output is not a terminal, so a note every half-minute says it is
 * still at work.
 */
async function installElectron(electronDir, version) {
  console.log(`${NAME}: downloading Electron ${version} (about 100 MB, once)…`)
  // @electron/get ignores HTTPS_PROXY unless asked to use it (fetch has no proxy of its own).
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => process.env[name])
  const env = proxied && process.env.ELECTRON_GET_USE_PROXY === undefined ? { ...process.env, ELECTRON_GET_USE_PROXY: 'true' } : process.env
  const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const started = Date.now()
  const note = setInterval(() => console.log(`${NAME}: still downloading Electron (${Math.round((Date.now() - started) / 1000)} s so far; Ctrl+C stops it)…`), NOTE_EVERY_MS)
  let timedOut = false
  const limit = setTimeout(() => {
    timedOut = true
    child.kill()
  }, DOWNLOAD_LIMIT_MS)
  const ended = await new Promise((settle) => {
    child.on('error', (error) => settle(error.message))
    child.on('close', (code, signal) => settle(code === 0 ? null : `the installer ended with ${code ?? signal}`))
  })
  clearInterval(note)
  clearTimeout(limit)
  if (timedOut) return `no answer within ${durationText(DOWNLOAD_LIMIT_MS)}`
  if (ended === null) return null
  return installerReason(output) ?? ended
}

/** ELECTRON_EXEC_PATH as the person meant it: relative to where they ran npm (npm runs scripts from the project). */
function handCopiedElectron(value) {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), value)
  const problem = notRunnableReason(path, process.platform)
  if (problem !== null) stop(`ELECTRON_EXEC_PATH points at ${path}, which ${problem}. Point it at the electron executable, or unset it to download Electron.`)
  // electron-vite resolves it from the project folder: hand it on absolute.
  process.env.ELECTRON_EXEC_PATH = path
}

async function ensureElectron() {
  const override = process.env.ELECTRON_EXEC_PATH
  if (override) {
    handCopiedElectron(override)
    return
  }
  let state = electronInstallState(root, process.platform)
  if (state.problem !== null) stop(state.problem)
  if (!state.installed) {
    if (isTruthy(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
      stop(`the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD forbids downloading it. Unset it on a networked machine, or ${HAND_COPIED}.`)
    }
    const failure = await installElectron(state.electronDir, state.version)
    state = electronInstallState(root, process.platform)
    if (failure !== null || !state.installed) {
      stop(`the Electron binary could not be downloaded (${(failure ?? 'nothing was installed').slice(0, 200)}). Connect to the network and run npm start again, or ${HAND_COPIED}.`)
    }
    console.log(`${NAME}: Electron ${state.version} is installed.`)
  }
  const binary = join(state.electronDir, 'dist', electronExecutable(process.platform))
  const problem = notRunnableReason(binary, process.platform)
  if (problem !== null) stop(`Electron's binary ${binary} ${problem}. Delete node_modules/electron/dist and run npm start again to download it afresh.`)
}

function ensureSqliteForElectron() {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-sqlite.mjs'), '--if-missing'], { cwd: root, stdio: 'inherit', env: process.env })
  // The build script has said why in its own line.
  if (run.status !== 0) process.exit(1)
}

await ensureElectron()
ensureSqliteForElectron()

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
if (!existsSync(electronVite)) stop('electron-vite is not installed; run npm install first.')
const app = spawnSync(process.execPath, [electronVite, mode, ...rest], { cwd: root, stdio: 'inherit', env: process.env })
process.exit(app.status ?? 1)
