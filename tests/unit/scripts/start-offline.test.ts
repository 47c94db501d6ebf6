// `npm start` on a machine that cannot download: every way it can fail ends in one plain line saying
// what failed and what to do, never electron-vite's "Electron uninstall", a stack trace or a hang.
//
// The scripts run from a temporary copy of the project (scripts/, package.json, and node_modules
// holding an electron package without its binary, a real copy of better-sqlite3 and links to the
// tools), so what this checkout has installed does not matter, and the launcher can never reach
// electron-vite: these tests cannot start the app, whatever the machine. The network is closed on
// purpose (a mirror and a proxy on a closed local port, or one that never answers).

import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PROJECT = resolve(import.meta.dirname, '../../..')
const CLOSED = 'http://127.0.0.1:9/'
let work = ''
let root = ''

/** A project folder as a fresh clone has it after `npm install`: Electron's package, not its binary. */
function temporaryProject(): void {
  work = mkdtempSync(join(tmpdir(), 'casefile-offline-'))
  root = join(work, 'project')
  cpSync(join(PROJECT, 'scripts'), join(root, 'scripts'), { recursive: true, filter: (source) => !source.includes(`${join('scripts', 'fixtures')}`) })
  cpSync(join(PROJECT, 'package.json'), join(root, 'package.json'))
  const modules = join(root, 'node_modules')
  mkdirSync(join(modules, '@electron'), { recursive: true })
  const electron = join(PROJECT, 'node_modules', 'electron')
  cpSync(electron, join(modules, 'electron'), { recursive: true, filter: (source) => source !== join(electron, 'dist') && source !== join(electron, 'path.txt') })
  symlinkSync(join(PROJECT, 'node_modules', '@electron', 'get'), join(modules, '@electron', 'get'), 'dir')
  // A copy, not a link: nothing a build does can reach this checkout's node_modules.
  const sqlite = join(PROJECT, 'node_modules', 'better-sqlite3')
  cpSync(sqlite, join(modules, 'better-sqlite3'), { recursive: true, filter: (source) => !source.startsWith(join(sqlite, 'build')) })
  for (const tool of ['prebuild-install', 'node-gyp']) symlinkSync(join(PROJECT, 'node_modules', tool), join(modules, tool), 'dir')
}

beforeAll(() => temporaryProject())
afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true })
})

function offlineEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: CLOSED, HTTPS_PROXY: CLOSED, HTTP_PROXY: CLOSED, https_proxy: CLOSED, http_proxy: CLOSED, electron_config_cache: join(work, 'electron-cache'), ...extra }
  for (const name of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_GET_USE_PROXY', 'npm_config_proxy', 'npm_config_https_proxy', 'CASEFILE_BUILD_VERBOSE', 'CASEFILE_TOOL_LIMIT_SECONDS', 'INIT_CWD']) {
    if (!(name in extra)) delete env[name]
  }
  return env
}

interface Run {
  status: number | null
  out: string[]
  err: string[]
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 })
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '')
  return { status: result.status, out: lines(result.stdout), err: lines(result.stderr) }
}

/** One line on stderr and nothing that looks like a trace, whatever went wrong. */
function expectOnePlainLine(result: Run): string {
  expect(result.status).toBe(1)
  expect(result.err).toHaveLength(1)
  expect([...result.out, ...result.err].join('\n')).not.toMatch(/Electron uninstall|^\s+at |Error:|gyp ERR!|prebuild-install warn/m)
  return result.err[0]!
}

/** An executable stand-in for Electron that leaves a mark if anything ever runs it. */
function electronStandIn(): { path: string; ran: string } {
  const dir = mkdtempSync(join(work, 'hand-copied-'))
  const ran = join(dir, 'it-ran')
  const path = join(dir, 'electron')
  writeFileSync(path, `#!/bin/sh\ntouch '${ran}'\n`, { mode: 0o755 })
  return { path, ran }
}

describe('npm start without the network', () => {
  it('ends with one line: Electron could not be downloaded, and what to do', () => {
    const result = run('launch-app.mjs', ['preview'], offlineEnv({}))
    expect(result.out).toEqual(['casefile: downloading Electron 45.5.0 (about 100 MB, once)…'])
    expect(expectOnePlainLine(result)).toMatch(
      /^casefile: the Electron binary could not be downloaded \(fetch failed: the download server could not be reached; behind a proxy, set HTTPS_PROXY\)\. Connect to the network and run npm start again, or set ELECTRON_EXEC_PATH=\/path\/to\/electron/
    )
  })

  it('gives up on a proxy that accepts and never answers, in one line', async () => {
    const silent = await listenSilently()
    try {
      const address = `http://127.0.0.1:${(silent.address() as { port: number }).port}/`
      const started = Date.now()
      const result = run('launch-app.mjs', ['dev'], offlineEnv({ HTTPS_PROXY: address, https_proxy: address, ELECTRON_MIRROR: 'https://example.invalid/', CASEFILE_TOOL_LIMIT_SECONDS: '2' }))
      expect(expectOnePlainLine(result)).toMatch(/could not be downloaded \(no answer within 2 seconds\)/)
      expect(Date.now() - started).toBeLessThan(30_000)
    } finally {
      silent.close()
    }
  })

  it('refuses at once when ELECTRON_SKIP_BINARY_DOWNLOAD forbids the download, however it is spelled', () => {
    for (const value of ['1', 'true', 'yes']) {
      const result = run('launch-app.mjs', ['preview'], offlineEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: value }))
      expect(result.out, value).toEqual([])
      expect(expectOnePlainLine(result)).toMatch(/^casefile: the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD forbids downloading it\. .*ELECTRON_EXEC_PATH/)
    }
    // Switched off: it tries.
    for (const value of ['0', 'false', 'no', 'off', ' ']) {
      expect(run('launch-app.mjs', ['preview'], offlineEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: value })).out, JSON.stringify(value)).toEqual(['casefile: downloading Electron 45.5.0 (about 100 MB, once)…'])
    }
  })

  it('names a hand-copied Electron that is missing, a folder or not executable', () => {
    const folder = mkdtempSync(join(work, 'not-electron-'))
    const plain = join(folder, 'electron')
    writeFileSync(plain, 'not a program\n')
    chmodSync(plain, 0o644)
    const cases: [string, string][] = [
      ['/nonexistent/electron', 'which does not exist'],
      [folder, 'which is a folder, not the electron executable'],
      [plain, 'which is not executable (chmod +x it)']
    ]
    for (const [path, reason] of cases) {
      expect(expectOnePlainLine(run('launch-app.mjs', ['dev'], offlineEnv({ ELECTRON_EXEC_PATH: path })))).toBe(
        `casefile: ELECTRON_EXEC_PATH points at ${path}, ${reason}. Point it at the electron executable, or unset it to download Electron.`
      )
    }
  })

  it('reads a relative ELECTRON_EXEC_PATH from where npm was run, and stops at the database engine, never starting Electron', () => {
    const electron = electronStandIn()
    const result = run('launch-app.mjs', ['preview'], offlineEnv({ ELECTRON_EXEC_PATH: './electron', INIT_CWD: dirname(electron.path) }))
    expect(expectOnePlainLine(result)).toMatch(/^build-electron-sqlite: could not make better-sqlite3 [\d.]+ for Electron [\d.]+/)
    expect(existsSync(electron.ran)).toBe(false)
  })

  it('says when the electron package is damaged or its binary cannot run', () => {
    const electron = join(root, 'node_modules', 'electron')
    const manifest = join(electron, 'package.json')
    const saved = readFileSync(manifest, 'utf8')
    try {
      writeFileSync(manifest, '{"name": "electron", "vers')
      expect(expectOnePlainLine(run('launch-app.mjs', ['preview'], offlineEnv({})))).toBe('casefile: node_modules/electron/package.json is damaged; run npm install again.')
    } finally {
      writeFileSync(manifest, saved)
    }
    // Installed as install.js leaves it, but the binary lost its execute bit.
    mkdirSync(join(electron, 'dist'), { recursive: true })
    writeFileSync(join(electron, 'dist', 'version'), 'v45.5.0')
    writeFileSync(join(electron, 'path.txt'), 'electron')
    writeFileSync(join(electron, 'dist', 'electron'), '#!/bin/sh\n', { mode: 0o644 })
    try {
      expect(expectOnePlainLine(run('launch-app.mjs', ['preview'], offlineEnv({})))).toBe(
        `casefile: Electron's binary ${join(electron, 'dist', 'electron')} is not executable (chmod +x it). Delete node_modules/electron/dist and run npm start again to download it afresh.`
      )
    } finally {
      rmSync(join(electron, 'dist'), { recursive: true, force: true })
      rmSync(join(electron, 'path.txt'), { force: true })
    }
  })
})

describe('building better-sqlite3 for Electron without the network', () => {
  it('tries the download and the compile through the proxy, says why both failed in one line, and exits non-zero', () => {
    // npm passes its `nodedir` setting on; honoured, node-gyp would compile against this Node's
    // headers (no download needed, so no failure) and call the result Electron's.
    const nodePrefix = resolve(dirname(process.execPath), '..')
    const nodedir: Record<string, string> = existsSync(join(nodePrefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodePrefix } : {}
    const result = run('build-electron-sqlite.mjs', [], offlineEnv(nodedir))
    expect(result.out.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['build-electron-sqlite: prebuild-install', 'build-electron-sqlite: node-gyp'])
    expect(expectOnePlainLine(result)).toMatch(
      /^build-electron-sqlite: could not make better-sqlite3 [\d.]+ for Electron [\d.]+ \(\w+\): the download failed \([^)]*connect ECONNREFUSED 127\.0\.0\.1:9\) and so did the compile \(connect ECONNREFUSED 127\.0\.0\.1:9\)\./
    )
    expect(existsSync(join(root, 'native'))).toBe(false)
  })

  it('gives up on a proxy that never answers, in one line', async () => {
    const silent = await listenSilently()
    try {
      const address = `http://127.0.0.1:${(silent.address() as { port: number }).port}/`
      const result = run('build-electron-sqlite.mjs', [], offlineEnv({ HTTPS_PROXY: address, https_proxy: address, HTTP_PROXY: address, http_proxy: address, CASEFILE_TOOL_LIMIT_SECONDS: '2' }))
      expect(expectOnePlainLine(result)).toMatch(/the download failed \(no result within 2 seconds\) and so did the compile \(no result within 2 seconds\)/)
    } finally {
      silent.close()
    }
  })
})

/** A server that accepts connections and never says a word: a proxy or firewall that hangs. */
function listenSilently(): Promise<Server> {
  return new Promise((done) => {
    const server = createServer(() => undefined)
    server.listen(0, '127.0.0.1', () => done(server))
  })
}
