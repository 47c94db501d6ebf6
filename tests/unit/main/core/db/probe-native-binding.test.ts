import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { probeNativeBinding } from '../../../../../src/main/core/db/probe-native-binding'
import { nativeBindingDialog } from '../../../../../src/main/app/native-binding-message'

const NODE_BUILD = resolve(import.meta.dirname, '../../../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node')
let dir = ''

afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

describe('probeNativeBinding', () => {
  it('loads a module built for this process', () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-probe-'))
    copyFileSync(NODE_BUILD, join(dir, 'better_sqlite3.node'))
    expect(probeNativeBinding(join(dir, 'better_sqlite3.node'))).toEqual({ ok: true })
  })

  it('says when there is none', () => {
    expect(probeNativeBinding('/nonexistent/native/electron-150/better_sqlite3.node')).toEqual({ ok: false, reason: 'missing' })
  })

  it('says when the file is there and the loader refuses it, keeping the loader’s words for the log', () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-probe-'))
    writeFileSync(join(dir, 'better_sqlite3.node'), 'not a shared library\n'.repeat(100))
    const probe = probeNativeBinding(join(dir, 'better_sqlite3.node'))
    expect(probe).toMatchObject({ ok: false, reason: 'unloadable' })
    expect(probe.ok === false && probe.reason === 'unloadable' && probe.detail.length).toBeGreaterThan(0)
  })
})

describe('nativeBindingDialog', () => {
  it('names the command that fixes a development checkout, and nothing of the loader’s', () => {
    const missing = nativeBindingDialog({ ok: false, reason: 'missing' }, false, '45.5.0')
    expect(missing.title).toBe('Casefile cannot start')
    expect(missing.message).toContain('has not been built for Electron 45.5.0')
    expect(missing.message).toContain('npm run rebuild:electron-sqlite')
    const other = nativeBindingDialog({ ok: false, reason: 'unloadable', detail: 'was compiled against NODE_MODULE_VERSION 115. This version requires NODE_MODULE_VERSION 150.' }, false, '45.5.0')
    expect(other.message).toContain('built for another version of Electron')
    expect(other.message).toContain('npm run rebuild:electron-sqlite')
    expect(other.message).not.toContain('NODE_MODULE_VERSION')
  })

  it('tells the user of an installed app to reinstall, not to run npm', () => {
    const installed = nativeBindingDialog({ ok: false, reason: 'unloadable', detail: 'x' }, true, '45.5.0')
    expect(installed.message).toContain('Install Casefile again')
    expect(installed.message).not.toContain('npm')
  })
})
