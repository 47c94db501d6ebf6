import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_VERSION, userDataDir } from '../../../../src/main/core/index'

describe('where Casefile keeps things', () => {
  it("computes Electron's userData folder for the app name Casefile on each platform", () => {
    expect(userDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Casefile')
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Casefile')
    expect(userDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Casefile')
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toContain('Casefile')
  })

  it('reports the version package.json declares', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../package.json'), 'utf8')) as { version: string }
    expect(APP_VERSION).toBe(pkg.version)
  })
})
