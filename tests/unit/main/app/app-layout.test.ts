import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appLayout } from '../../../../src/main/app/app-layout'

describe('appLayout', () => {
  it('finds everything from the main bundle’s own folder in a development checkout, however Electron was started', () => {
    const layout = appLayout({ isPackaged: false, resourcesPath: '/opt/electron/resources', mainDir: '/home/ana/casefile/out/main', moduleVersion: '150' })
    expect(layout).toEqual({
      renderer: '/home/ana/casefile/out/renderer',
      preload: '/home/ana/casefile/out/preload/index.cjs',
      importWorker: '/home/ana/casefile/out/main/import-worker.js',
      searchWorker: '/home/ana/casefile/out/main/search-worker.js',
      sample: '/home/ana/casefile/resources/sample',
      nativeBinding: '/home/ana/casefile/native/electron-150/better_sqlite3.node'
    })
  })

  it('finds everything in the resources folder of an installed app: the asar for Electron, real files for workers and native code', () => {
    const resources = join('/opt', 'Casefile', 'resources')
    const layout = appLayout({ isPackaged: true, resourcesPath: resources, mainDir: join(resources, 'app.asar', 'out', 'main'), moduleVersion: '150' })
    expect(layout).toEqual({
      renderer: join(resources, 'app.asar', 'out', 'renderer'),
      preload: join(resources, 'app.asar', 'out', 'preload', 'index.cjs'),
      importWorker: join(resources, 'app.asar.unpacked', 'out', 'main', 'import-worker.js'),
      searchWorker: join(resources, 'app.asar.unpacked', 'out', 'main', 'search-worker.js'),
      sample: join(resources, 'sample'),
      nativeBinding: join(resources, 'app.asar.unpacked', 'native', 'electron-150', 'better_sqlite3.node')
    })
  })

  it('asks for the native binding of the ABI it runs on', () => {
    const facts = { isPackaged: false, resourcesPath: '/r', mainDir: '/c/out/main' }
    expect(appLayout({ ...facts, moduleVersion: '140' }).nativeBinding).toBe('/c/native/electron-140/better_sqlite3.node')
    expect(appLayout({ ...facts, moduleVersion: '150' }).nativeBinding).toBe('/c/native/electron-150/better_sqlite3.node')
  })
})
