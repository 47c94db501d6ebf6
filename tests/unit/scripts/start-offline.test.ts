// `npm start` on a machine that cannot download: it must end with one plain line saying what failed
// and what to do, never electron-vite's "Electron uninstall" or a stack trace. The network is made
// unreachable on purpose (a mirror and a proxy on a closed local port), so these tests behave the
// same on a networked machine and download nothing there.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronInstallState } from '../../../scripts/lib/electron-install.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')
const CLOSED = 'http://127.0.0.1:9/'
let dir = ''

afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

function offlineEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: CLOSED, HTTPS_PROXY: CLOSED, HTTP_PROXY: CLOSED, https_proxy: CLOSED, http_proxy: CLOSED, ...extra }
  for (const name of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'npm_config_proxy', 'npm_config_https_proxy', 'CASEFILE_BUILD_VERBOSE']) {
    if (!(name in extra)) delete env[name]
  }
  dir = dir || mkdtempSync(join(tmpdir(), 'casefile-offline-'))
  env['electron_config_cache'] = join(dir, 'electron-cache')
  return env
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.trim() !== '')
  return { status: result.status, lines }
}

const electronInstalled = electronInstallState(ROOT, process.platform).installed

describe('npm start without the network', () => {
  it.skipIf(electronInstalled)('ends with one line: Electron could not be downloaded, and what to do', () => {
    const { status, lines } = run('launch-app.mjs', ['preview'], offlineEnv({}))
    expect(status).toBe(1)
    const last = lines.at(-1) ?? ''
    expect(last).toMatch(/^casefile: the Electron binary could not be downloaded \(.+\)\. Connect to the network and run npm start again, or set ELECTRON_EXEC_PATH=\/path\/to\/electron/)
    expect(lines.join('\n')).not.toMatch(/Electron uninstall|^\s+at |Error:/m)
  })

  it('refuses at once, in one line, when ELECTRON_SKIP_BINARY_DOWNLOAD forbids the download', () => {
    const { status, lines } = run('launch-app.mjs', ['preview'], offlineEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }))
    if (electronInstalled) return
    expect(status).toBe(1)
    expect(lines).toEqual([expect.stringMatching(/^casefile: the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD forbids downloading it\. .*ELECTRON_EXEC_PATH/)])
  })

  it('names a hand-copied Electron that is not there', () => {
    const { status, lines } = run('launch-app.mjs', ['dev'], offlineEnv({ ELECTRON_EXEC_PATH: '/nonexistent/electron' }))
    expect(status).toBe(1)
    expect(lines).toEqual(['casefile: ELECTRON_EXEC_PATH points at /nonexistent/electron, which does not exist. Point it at the electron executable, or unset it to download Electron.'])
  })
})

describe('building better-sqlite3 for Electron without the network', () => {
  it('tries the download and the compile through the proxy, says why both failed, and exits non-zero', () => {
    // npm passes its `nodedir` setting on; honoured, node-gyp would compile against this Node's
    // headers (no download needed, so no failure) and call the result Electron's.
    const nodePrefix = resolve(dirname(process.execPath), '..')
    const nodedir: Record<string, string> = existsSync(join(nodePrefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodePrefix } : {}
    const { status, lines } = run('build-electron-sqlite.mjs', [], offlineEnv(nodedir))
    expect(status).toBe(1)
    const last = lines.at(-1) ?? ''
    expect(last).toMatch(/^build-electron-sqlite: could not make better-sqlite3 [\d.]+ for Electron [\d.]+ \(\w+\): the download failed \(connect ECONNREFUSED 127\.0\.0\.1:9\) and so did the compile \(connect ECONNREFUSED 127\.0\.0\.1:9\)\./)
    expect(lines.join('\n')).not.toContain('skipped')
  })

  it('stops npm start with that reason when Electron itself is there', () => {
    const electron = join((dir = mkdtempSync(join(tmpdir(), 'casefile-offline-'))), 'electron')
    writeFileSync(electron, '#!/bin/sh\nexit 0\n', { mode: 0o755 })
    const { status, lines } = run('launch-app.mjs', ['preview'], offlineEnv({ ELECTRON_EXEC_PATH: electron }))
    // A checkout that already has a current Electron build skips the step and would start the app.
    if (lines.some((line) => line.includes('electron-vite'))) return
    expect(status).toBe(1)
    expect(lines.at(-1)).toMatch(/^build-electron-sqlite: could not make better-sqlite3/)
  })
})
