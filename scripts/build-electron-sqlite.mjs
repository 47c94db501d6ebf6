#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI *beside* the Node build: the result goes to
// native/electron-<abi>/better_sqlite3.node, which the main process passes to better-sqlite3 as its
// `nativeBinding`. node_modules/better-sqlite3/build is only ever read, so the unit tests and the
// CLI keep their Node build. (@electron/rebuild would replace it in place, and offline it deletes it.)
//
// Usage: node scripts/build-electron-sqlite.mjs [--if-missing] [--arch=<arch>]
//   --if-missing  do nothing when the Electron build already exists (for `npm start`)
//
// It never guesses whether the network is there (a probe cannot tell: Node's fetch ignores
// HTTPS_PROXY, so behind a proxy everything looks offline). It tries the download (prebuild-install)
// and then the compile (node-gyp, which fetches Electron's headers), both of which honour the proxy
// variables, and reports what failed. It exits non-zero whenever it ends without a current binary,
// so `npm start` stops with the reason instead of starting an app that cannot open an archive.

import { spawnSync } from 'node:child_process'
import { closeSync, copyFileSync, cpSync, existsSync, realpathSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { durationText, electronArch, moduleAbi, runsUnderRosetta, toolLimitMs } from './lib/electron-install.mjs'

const NAME = 'build-electron-sqlite'
const HEADERS_URL = 'https://electronjs.org/headers'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const ifMissing = args.includes('--if-missing')
const arch = args.find((arg) => arg.startsWith('--arch='))?.slice('--arch='.length) || electronArch(process.env, process.platform, process.arch, runsUnderRosetta)

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

/**
 * Runs a Node script from `cwd`; null when it exited cleanly, else the last line it printed that
 * says something (the tools end with their reason: "connect ECONNREFUSED …", "404 Not Found").
 */
function runScript(label, script, scriptArgs, cwd, limitMs) {
  console.log(`${NAME}: ${label} ${scriptArgs.join(' ')}`)
  // A proxy that accepts a connection and never answers would otherwise hold the tool for ever.
  const result = spawnSync(process.execPath, [script, ...scriptArgs], { cwd, env: toolEnvironment(), encoding: 'utf8', timeout: limitMs, killSignal: 'SIGKILL' })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (process.env.CASEFILE_BUILD_VERBOSE) process.stdout.write(output)
  if (result.status === 0) return null
  if (result.error?.code === 'ETIMEDOUT') return `no result within ${durationText(limitMs)}`
  return failureReason(output) ?? (result.error ? result.error.message : `exited with ${result.status ?? result.signal}`)
}

/** A download of a few megabytes; a compile of SQLite takes a minute or two on a slow machine. */
const DOWNLOAD_LIMIT_MS = toolLimitMs(5 * 60_000)
const COMPILE_LIMIT_MS = toolLimitMs(20 * 60_000)

/**
 * The tools' environment, less what would make them build for the wrong runtime: npm passes its
 * config as npm_config_* variables, and a `nodedir` there (common where npm is set to build against
 * the system's Node headers) makes node-gyp compile against Node's headers instead of Electron's,
 * silently producing a module Electron refuses.
 */
function toolEnvironment() {
  const env = { ...process.env }
  for (const name of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(name)) delete env[name]
  }
  return env
}

/** The line of a tool's output that says why it failed, for one line of our own. */
function failureReason(output) {
  const network = output.match(
    /getaddrinfo \w+ [\w.-]+|connect E[A-Z]+ [\w.:[\]-]+|tunneling socket could not be established[^\n]*|Request was cancelled|\bE(?:CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|AI_AGAIN|PROTO|HOSTUNREACH|NETUNREACH)\b[^\n]*|\b[45]\d\d (?:Not Found|Forbidden|Proxy Authentication Required|Bad Gateway|Service Unavailable)\b/
  )
  if (network !== null) return network[0].trim()
  if (output.includes('network connectivity')) return 'a network error while downloading Electron headers'
  const lines = output
    .split('\n')
    .map((line) => line.replace(/^(gyp|prebuild-install) (ERR!|WARN|warn|info) ?/, '').trim())
    // Stack frames, node-gyp's report of its own environment, Node's warnings and npm's variables.
    .filter((line) => line !== '' && !/^(stack|cwd|node -v|node-gyp -v|not ok|System|command|at |\(node:\d+\)|\(Use `node|\$npm_)/.test(line))
  return lines.at(-1) ?? null
}

/** The reason the build could not be written into native/, said without the errno code. */
function writeFailure(error) {
  const code = error?.code
  const where = relative(root, outputDir)
  if (code === 'EACCES' || code === 'EPERM') return `cannot write into ${where}: permission denied. Make the folder writable (or remove it) and run this again.`
  if (code === 'ENOTDIR' || code === 'EEXIST') return `cannot write into ${where}: something that is not a folder is in the way. Remove it and run this again.`
  if (code === 'EROFS') return `cannot write into ${where}: the disk is read-only.`
  if (code === 'ENOSPC') return `cannot write into ${where}: the disk is full.`
  return null
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
// Stopped from outside (Ctrl+C, a CI time limit): the private copy goes too. The tools run
// synchronously, so this runs once the current one has ended (it gets the same signal).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    rmSync(workDir, { recursive: true, force: true })
    console.error(`${NAME}: stopped (${signal}); nothing was changed in ${relative(root, outputDir)}.`)
    process.exit(1)
  })
}
try {
  // A private copy without build/: whatever the tools do to build/ happens there, not in node_modules.
  // From the real folder: a package manager that links packages (pnpm) would otherwise have the copy
  // be a link back to node_modules, and the build would happen there after all.
  const source = realpathSync(sqliteDir)
  const skip = join(source, 'build')
  cpSync(source, buildDir, {
    recursive: true,
    filter: (source) => source !== skip && !source.startsWith(skip + sep)
  })

  const prebuildInstall = join(root, 'node_modules', 'prebuild-install', 'bin.js')
  const built = join(buildDir, 'build', 'Release', 'better_sqlite3.node')
  const target = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`]

  // 1. A prebuilt binary from better-sqlite3's releases, when one exists for this Electron.
  const downloadFailure = existsSync(prebuildInstall) ? runScript('prebuild-install', prebuildInstall, [...target, '--verbose'], buildDir, DOWNLOAD_LIMIT_MS) : 'prebuild-install is not installed'
  if (downloadFailure !== null || !existsSync(built)) {
    // 2. Compile against Electron's headers.
    const nodeGyp = findNodeGyp()
    if (nodeGyp === null) throw new BuildFailure(`no prebuilt binary could be downloaded (${downloadFailure ?? 'none was found'}) and node-gyp (bundled with npm) was not found.`)
    const compileFailure = runScript('node-gyp', nodeGyp, ['rebuild', '--release', ...target, `--dist-url=${HEADERS_URL}`], buildDir, COMPILE_LIMIT_MS)
    if (compileFailure !== null || !existsSync(built)) {
      throw new BuildFailure(
        `could not make better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}): the download failed (${downloadFailure ?? 'no binary'}) and so did the compile (${compileFailure ?? 'no binary'}). ` +
          'On a networked machine (HTTPS_PROXY is honoured), run npm run rebuild:electron-sqlite; set CASEFILE_BUILD_VERBOSE=1 to see every line.'
      )
    }
  }

  const builtAbi = moduleAbi(built)
  if (builtAbi !== abi) {
    throw new BuildFailure(`the module that was produced is for ABI ${builtAbi ?? 'unknown'}, not Electron ${electronVersion}'s ${abi}; it was not kept.`)
  }

  mkdirSync(outputDir, { recursive: true })
  rmSync(stampPath, { force: true })
  replaceAtomically(output, (temporary) => copyFileSync(built, temporary))
  replaceAtomically(stampPath, (temporary) => writeFileSync(temporary, stamp))
  console.log(`${NAME}: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}, ${arch}) → ${relative(root, output)}`)
} catch (error) {
  const kept = isCurrent()
    ? ` The existing build in ${relative(root, outputDir)} is current and stays in place.`
    : existsSync(output)
      ? ` The build in ${relative(root, outputDir)} was made from other versions and was left as it was; run this again once the network is there.`
      : ''
  console.error(`${NAME}: ${error instanceof BuildFailure ? error.message : (writeFailure(error) ?? String(error))}${kept}`)
  process.exitCode = 1
} finally {
  rmSync(workDir, { recursive: true, force: true })
}
