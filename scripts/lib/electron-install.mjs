// What the launch and build scripts need to know about the installed Electron package, decided the
// way Electron's own install.js decides it (which binary a platform runs, which CPU to build for),
// so the scripts and Electron never disagree. Pure where it can be: tests/unit/scripts covers it.

import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** An environment switch is on unless unset, blank, or "0", "false", "no" or "off". */
export function isTruthy(value) {
  if (value === undefined) return false
  const said = value.trim().toLowerCase()
  return said !== '' && !['0', 'false', 'no', 'off'].includes(said)
}

/**
 * Why `path` cannot be run as a program, in words, or null when it can: missing, a folder, or a file
 * without permission to execute (so the launcher says so instead of electron-vite failing to spawn).
 */
export function notRunnableReason(path, platform) {
  let stats
  try {
    stats = statSync(path)
  } catch {
    return 'does not exist'
  }
  if (stats.isDirectory()) return platform === 'darwin' && path.endsWith('.app') ? 'is the app bundle; point at Contents/MacOS/Electron inside it' : 'is a folder, not the electron executable'
  if (!stats.isFile()) return 'is not a file'
  if (platform === 'win32') return null
  try {
    accessSync(path, constants.X_OK)
    return null
  } catch {
    return 'is not executable (chmod +x it)'
  }
}

/** The executable inside node_modules/electron/dist, per platform (install.js's getPlatformPath). */
export function electronExecutable(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'win32':
      return 'electron.exe'
    default:
      return 'electron'
  }
}

function readTrimmed(path) {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return null
  }
}

/**
 * Whether Electron's binary is installed and current: dist/version names the package's version,
 * path.txt names this platform's executable, and the executable is there.
 */
export function electronInstallState(root, platform) {
  const electronDir = join(root, 'node_modules', 'electron')
  const packageJson = readTrimmed(join(electronDir, 'package.json'))
  if (packageJson === null) return { installed: false, version: null, electronDir, problem: 'Electron is not installed; run npm install first.' }
  let version
  try {
    version = JSON.parse(packageJson).version
  } catch {
    version = undefined
  }
  if (typeof version !== 'string') return { installed: false, version: null, electronDir, problem: 'node_modules/electron/package.json is damaged; run npm install again.' }
  const executable = electronExecutable(process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || platform)
  const installed =
    readTrimmed(join(electronDir, 'dist', 'version'))?.replace(/^v/, '') === version &&
    readTrimmed(join(electronDir, 'path.txt')) === executable &&
    existsSync(join(electronDir, 'dist', executable))
  return { installed, version, electronDir, problem: null }
}

/**
 * The CPU architecture to build for, chosen exactly as Electron's install.js chooses the binary it
 * downloads, so the module always matches the Electron that loads it: ELECTRON_INSTALL_ARCH, else
 * npm_config_arch, else this Node's; and on a Mac, an x64 answer not forced by npm_config_arch
 * becomes arm64 when this process runs under Rosetta (an x64 Node on Apple silicon gets the arm64
 * Electron).
 */
export function electronArch(env, platform, nodeArch, runsUnderRosetta) {
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || nodeArch
  const targetPlatform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || platform
  if (targetPlatform === 'darwin' && platform === 'darwin' && arch === 'x64' && env.npm_config_arch === undefined && runsUnderRosetta()) return 'arm64'
  return arch
}

/** macOS reports 1 for a process translated by Rosetta 2; anything else (or no answer) means native. */
export function runsUnderRosetta() {
  try {
    return execFileSync('sysctl', ['-in', 'sysctl.proc_translated'], { encoding: 'utf8' }).trim() === '1'
  } catch {
    return false
  }
}

/**
 * The ABI a native module was built for: Node and Electron load one only when it matches theirs,
 * and such a module exports node_register_module_v<ABI>, so the number is in the file. Lets the
 * build check its result without an Electron to load it in. Null when the file has no such name.
 */
export function moduleAbi(path) {
  const found = readFileSync(path).toString('latin1').match(/node_register_module_v(\d+)/)
  return found === null ? null : found[1]
}

/**
 * How long a download or a build may take before it is given up, in milliseconds: `normalMs`, or
 * CASEFILE_TOOL_LIMIT_SECONDS when set (a very slow network; the tests, which need a short one).
 */
export function toolLimitMs(normalMs) {
  const seconds = Number(process.env.CASEFILE_TOOL_LIMIT_SECONDS)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : normalMs
}

/** A limit as people say it: "90 seconds", "20 minutes". */
export function durationText(ms) {
  return ms < 120_000 ? `${Math.round(ms / 1000)} seconds` : `${Math.round(ms / 60_000)} minutes`
}
