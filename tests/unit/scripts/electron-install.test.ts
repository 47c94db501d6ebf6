import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronArch, electronExecutable, electronInstallState, isTruthy, moduleAbi, notRunnableReason } from '../../../scripts/lib/electron-install.mjs'

let dir = ''
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

describe('electronArch, as Electron’s install.js chooses', () => {
  const never = () => false
  const always = () => true

  it('is this Node’s architecture by default', () => {
    expect(electronArch({}, 'linux', 'x64', never)).toBe('x64')
    expect(electronArch({}, 'win32', 'arm64', never)).toBe('arm64')
  })

  it('follows ELECTRON_INSTALL_ARCH, then npm_config_arch', () => {
    expect(electronArch({ ELECTRON_INSTALL_ARCH: 'arm64', npm_config_arch: 'ia32' }, 'linux', 'x64', never)).toBe('arm64')
    expect(electronArch({ npm_config_arch: 'ia32' }, 'win32', 'x64', never)).toBe('ia32')
  })

  it('builds for arm64 when an x64 Node runs under Rosetta on Apple silicon', () => {
    expect(electronArch({}, 'darwin', 'x64', always)).toBe('arm64')
    expect(electronArch({}, 'darwin', 'x64', never)).toBe('x64')
    // install.js lets only npm_config_arch keep x64 there, and only on a Mac building for a Mac.
    expect(electronArch({ npm_config_arch: 'x64' }, 'darwin', 'x64', always)).toBe('x64')
    expect(electronArch({ ELECTRON_INSTALL_ARCH: 'x64' }, 'darwin', 'x64', always)).toBe('arm64')
    expect(electronArch({ ELECTRON_INSTALL_PLATFORM: 'linux' }, 'darwin', 'x64', always)).toBe('x64')
    expect(electronArch({}, 'linux', 'x64', always)).toBe('x64')
  })
})

describe('electronInstallState', () => {
  function electronPackage(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), 'casefile-electron-state-'))
    const electron = join(dir, 'node_modules', 'electron')
    mkdirSync(join(electron, 'dist'), { recursive: true })
    writeFileSync(join(electron, 'package.json'), JSON.stringify({ version: '45.5.0' }))
    for (const [name, text] of Object.entries(files)) writeFileSync(join(electron, name), text)
    return dir
  }

  it('is installed when dist/version, path.txt and the executable agree with the package', () => {
    const root = electronPackage({ 'dist/version': 'v45.5.0', 'path.txt': 'electron', 'dist/electron': '' })
    expect(electronInstallState(root, 'linux')).toMatchObject({ installed: true, version: '45.5.0', problem: null })
  })

  it('is not installed on a fresh clone (no path.txt: electron-vite would say "Electron uninstall")', () => {
    expect(electronInstallState(electronPackage({}), 'linux')).toMatchObject({ installed: false, version: '45.5.0', problem: null })
  })

  it('is not installed without path.txt even when the binary is there: electron-vite reads path.txt, not dist/', () => {
    expect(electronInstallState(electronPackage({ 'dist/version': 'v45.5.0', 'dist/electron': '' }), 'linux').installed).toBe(false)
  })

  it('is not installed when the binary is of another version or for another platform', () => {
    expect(electronInstallState(electronPackage({ 'dist/version': 'v44.0.0', 'path.txt': 'electron', 'dist/electron': '' }), 'linux').installed).toBe(false)
    rmSync(dir, { recursive: true, force: true })
    expect(electronInstallState(electronPackage({ 'dist/version': 'v45.5.0', 'path.txt': 'electron', 'dist/electron': '' }), 'win32').installed).toBe(false)
  })

  it('says to run npm install when there is no electron package at all', () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-electron-state-'))
    expect(electronInstallState(dir, 'linux')).toMatchObject({ installed: false, problem: 'Electron is not installed; run npm install first.' })
  })

  it('knows each platform’s executable', () => {
    expect(electronExecutable('linux')).toBe('electron')
    expect(electronExecutable('win32')).toBe('electron.exe')
    expect(electronExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron')
  })
})

describe('isTruthy', () => {
  it('reads a switch the way people set one', () => {
    for (const on of ['1', 'true', 'yes', 'TRUE', 'on']) expect(isTruthy(on), on).toBe(true)
    for (const off of [undefined, '', ' ', '0', 'false', 'False', 'no', 'OFF']) expect(isTruthy(off), String(off)).toBe(false)
  })
})

describe('notRunnableReason', () => {
  it('says why a path cannot be run as Electron, or nothing when it can', () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-runnable-'))
    writeFileSync(join(dir, 'electron'), '#!/bin/sh\n', { mode: 0o755 })
    writeFileSync(join(dir, 'plain'), 'x', { mode: 0o644 })
    mkdirSync(join(dir, 'Electron.app'))
    expect(notRunnableReason(join(dir, 'electron'), 'linux')).toBeNull()
    expect(notRunnableReason(join(dir, 'missing'), 'linux')).toBe('does not exist')
    expect(notRunnableReason(dir, 'linux')).toBe('is a folder, not the electron executable')
    expect(notRunnableReason(join(dir, 'plain'), 'linux')).toBe('is not executable (chmod +x it)')
    expect(notRunnableReason(join(dir, 'plain'), 'win32')).toBeNull()
    expect(notRunnableReason(join(dir, 'Electron.app'), 'darwin')).toBe('is the app bundle; point at Contents/MacOS/Electron inside it')
  })
})

describe('moduleAbi', () => {
  it('reads the ABI a native module was built for', () => {
    const nodeBuild = resolve(import.meta.dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node')
    expect(moduleAbi(nodeBuild)).toBe(process.versions.modules)
  })

  it('finds none in a file that is not a module', () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-abi-'))
    writeFileSync(join(dir, 'x.node'), 'node_register_module_ but no number\n')
    expect(moduleAbi(join(dir, 'x.node'))).toBeNull()
  })
})
