#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI *beside* the Node build: the result goes to
// native/electron-<abi>/better_sqlite3.node, which the main process passes to better-sqlite3 as its
// `nativeBinding`. node_modules/better-sqlite3/build is only ever read, so the unit tests and the
// CLI keep their Node build. (@electron/rebuild would replace it in place, and offline it deletes it.)
//
// Usage: node scripts/build-electron-sqlite.mjs [--if-missing] [--arch=<arch>]
//   --if-missing  do nothing when the Electron build already exists (for `npm start`)

import { spawnSync } from 'node:child_process'
import { closeSync, copyFileSync, cpSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const NAME = 'build-electron-sqlite'
const NETWORK_TIMEOUT_MS = 5_000
const HEADERS_URL = 'https://electronjs.org/headers'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const ifMissing = args.includes('--if-missing')
const arch = args.find((arg) => arg.startsWith('--arch='))?.slice('--arch='.length) || process.arch

function stop(message) {
  console.error(`${NAME}: ${message}`)
  process.exit(1)
}

/** Thrown once the temporary copy exists, so that `finally` can still remove it. */
class BuildFailure extends Error {}

function readText(path, what) {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return stop(`cannot read ${what} (${relative(root, path)}); run npm install first.`)
  }
}

const electronDir = join(root, 'node_modules', 'electron')
const electronVersion = JSON.parse(readText(join(electronDir, 'package.json'), "Electron's package.json")).version
// The electron package ships the ABI it was built with; it equals process.versions.modules inside
// Electron, which is what the main process looks for.
const abi = readText(join(electronDir, 'abi_version'), "Electron's ABI version").trim()
if (!/^\d+$/.test(abi)) stop(`node_modules/electron/abi_version holds "${abi.slice(0, 20)}", not an ABI number.`)

const sqliteDir = join(root, 'node_modules', 'better-sqlite3')
const sqliteVersion = JSON.parse(readText(join(sqliteDir, 'package.json'), "better-sqlite3's package.json")).version
const outputDir = join(root, 'native', `electron-${abi}`)
const output = join(outputDir, 'better_sqlite3.node')
// Records what the binary was built from: the folder name only pins the ABI, and a binary left over
// from an older better-sqlite3 would not match the JavaScript that loads it.
const stampPath = join(outputDir, 'build-info.json')
const stamp = `${JSON.stringify({ betterSqlite3: sqliteVersion, electron: electronVersion, arch })}\n`

function isCurrent() {
  try {
    return existsSync(output) && readFileSync(stampPath, 'utf8') === stamp
  } catch {
    return false
  }
}

if (ifMissing && isCurrent()) process.exit(0)

/** Any HTTP answer at all means the network is there; only a failure to connect in time does not. */
async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS) })
    return true
  } catch {
    return false
  }
}

const prebuildUrl = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${sqliteVersion}/better-sqlite3-v${sqliteVersion}-electron-v${abi}-${process.platform}-${arch}.tar.gz`
const [headersOnline, prebuildOnline] = await Promise.all([
  reachable(`${HEADERS_URL}/v${electronVersion}/SHASUMS256.txt`),
  reachable(prebuildUrl)
])
if (!headersOnline && !prebuildOnline) {
  console.log(
    `${NAME}: skipped — no network to fetch Electron ${electronVersion} headers; the Node build stays in place (the app needs this step on a networked machine).`
  )
  process.exit(0)
}

/** Runs a Node script from `cwd`; true when it exited cleanly. */
function runScript(label, script, scriptArgs, cwd) {
  console.log(`${NAME}: ${label} ${scriptArgs.join(' ')}`)
  const result = spawnSync(process.execPath, [script, ...scriptArgs], { cwd, stdio: 'inherit', env: process.env })
  return result.status === 0
}

/** npm bundles node-gyp; find it without installing anything. */
function findNodeGyp() {
  const candidates = []
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'))
  } catch {
    // Not a dependency of the project; fall back to npm's own copy.
  }
  if (process.env.npm_execpath) {
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  }
  const prefix = process.platform === 'win32' ? dirname(process.execPath) : join(dirname(process.execPath), '..', 'lib')
  candidates.push(join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  return candidates.find((candidate) => existsSync(candidate)) ?? null
}

/** Write beside, flush, rename: a half-written file is never found where the app looks for it. */
function replaceAtomically(path, write) {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    write(temporary)
    const fd = openSync(temporary, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'casefile-electron-sqlite-'))
const buildDir = join(workDir, 'better-sqlite3')
try {
  // A private copy without build/: whatever the tools do to build/ happens there, not in node_modules.
  const skip = join(sqliteDir, 'build')
  cpSync(sqliteDir, buildDir, {
    recursive: true,
    filter: (source) => source !== skip && !source.startsWith(skip + sep)
  })

  const prebuildInstall = join(root, 'node_modules', 'prebuild-install', 'bin.js')
  const built = join(buildDir, 'build', 'Release', 'better_sqlite3.node')
  const target = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`]

  let ok = prebuildOnline && existsSync(prebuildInstall) && runScript('prebuild-install', prebuildInstall, [...target, '--verbose'], buildDir)
  if (!ok || !existsSync(built)) {
    const nodeGyp = findNodeGyp()
    if (nodeGyp === null) throw new BuildFailure('no prebuilt binary was available and node-gyp (bundled with npm) was not found.')
    if (!headersOnline) throw new BuildFailure(`no prebuilt binary was available and ${HEADERS_URL} is unreachable.`)
    ok = runScript('node-gyp', nodeGyp, ['rebuild', '--release', ...target, `--dist-url=${HEADERS_URL}`], buildDir)
    if (!ok || !existsSync(built)) throw new BuildFailure(`compiling better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} failed (see above).`)
  }

  mkdirSync(outputDir, { recursive: true })
  rmSync(stampPath, { force: true })
  replaceAtomically(output, (temporary) => copyFileSync(built, temporary))
  replaceAtomically(stampPath, (temporary) => writeFileSync(temporary, stamp))
  console.log(`${NAME}: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}, ${arch}) → ${relative(root, output)}`)
} catch (error) {
  console.error(`${NAME}: ${error instanceof BuildFailure ? error.message : error}`)
  process.exitCode = 1
} finally {
  rmSync(workDir, { recursive: true, force: true })
}
