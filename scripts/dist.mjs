#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: the installers for this system, in dist/.
//
// Before electron-builder runs: the Electron build of better-sqlite3 must be there and be for the
// processor the installers are for (a package without it, or with another processor's, starts with
// "Casefile cannot start"); the app is built; and when this checkout's own Electron binary fits the
// target, electron-builder is given it instead of downloading Electron again. electron-builder still
// downloads its own tools for AppImage, NSIS and dmg the first time, so making installers needs the
// network once. Every failure ends in one line; CASEFILE_BUILD_VERBOSE=1 shows electron-builder's own.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronArch, electronInstallState, runsUnderRosetta } from './lib/electron-install.mjs'

const NAME = 'dist'
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const passed = process.argv.slice(2)
const ARCH_FLAGS = ['x64', 'ia32', 'armv7l', 'arm64', 'universal']

function stop(line) {
  console.error(`${NAME}: ${line}`)
  process.exit(1)
}

const asked = ARCH_FLAGS.filter((arch) => passed.includes(`--${arch}`))
if (asked.length > 1) stop(`one processor at a time, please (asked for ${asked.join(' and ')}): the Electron build of better-sqlite3 in native/ is for one.`)
const hostArch = electronArch(process.env, process.platform, process.arch, runsUnderRosetta)
const arch = asked[0] ?? hostArch

// 1. The database engine, for this Electron and this processor.
const abi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim()
const infoPath = join(root, 'native', `electron-${abi}`, 'build-info.json')
const built = (() => {
  try {
    return JSON.parse(readFileSync(infoPath, 'utf8'))
  } catch {
    return null
  }
})()
if (built !== null && built.arch !== arch) {
  stop(`${relative(root, dirname(infoPath))} holds better-sqlite3 built for ${built.arch}, not ${arch}: run npm run rebuild:electron-sqlite -- --arch=${arch} first (and again without --arch before npm start on this computer).`)
}
const engine = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-sqlite.mjs'), '--if-missing', `--arch=${arch}`], { cwd: root, stdio: 'inherit', env: process.env })
// The build script has said why in its own line.
if (engine.status !== 0) process.exit(1)

// 2. The app itself.
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const app = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit', env: process.env })
if (app.status !== 0) stop('the app did not build (see above); no installer was made.')

// 3. The installers, around this checkout's Electron when it fits (no second download).
const electron = electronInstallState(root, process.platform)
const useOwn = electron.installed && arch === hostArch && !passed.some((arg) => /^--(mac|win|linux|m|w|l)$/.test(arg) && !isThisPlatform(arg))
const args = ['--config', 'electron-builder.config.ts', '--publish', 'never', ...(useOwn ? [`-c.electronDist=${join(electron.electronDir, 'dist')}`] : []), ...passed]
const verbose = Boolean(process.env.CASEFILE_BUILD_VERBOSE)
const builder = spawn(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...args], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] })
let failure = null
const follow = (line) => {
  if (line.trim() === '') return
  // electron-builder marks a failure with ⨯ and follows it with its stack; its progress lines start with •.
  if (failure === null && line.includes('⨯')) failure = line.replace(/^\s*⨯\s*/, '').split(/\s+(?:failedTask|stackTrace|error)=/)[0].trim()
  if (verbose || /^\s*•/.test(line)) console.log(line)
}
/** Whole lines from a stream that arrives in pieces. */
const lines = (stream) => {
  let rest = ''
  stream.on('data', (chunk) => {
    const text = rest + chunk.toString('utf8')
    const parts = text.split('\n')
    rest = parts.pop() ?? ''
    parts.forEach(follow)
  })
  stream.on('end', () => follow(rest))
}
lines(builder.stdout)
lines(builder.stderr)
const code = await new Promise((settle) => builder.on('close', (status, signal) => settle(status ?? signal)))
if (code !== 0) {
  const reason = failure ?? `electron-builder ended with ${code}`
  const network = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo|socket hang up/.test(reason)
  stop(
    `no installer was made: ${reason}.` +
      (network ? ` electron-builder downloads ${useOwn ? 'its tools' : 'Electron and its tools'} for these installers the first time, so this needs the network once.` : '') +
      ' Set CASEFILE_BUILD_VERBOSE=1 to see every line.'
  )
}
console.log(`${NAME}: installers for ${process.platform} (${arch}) are in ${join(relative(process.cwd(), root) || '.', 'dist')}`)

function isThisPlatform(flag) {
  const platform = { '--mac': 'darwin', '-m': 'darwin', '--win': 'win32', '-w': 'win32', '--linux': 'linux', '-l': 'linux' }[flag]
  return platform === process.platform
}
