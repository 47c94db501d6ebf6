import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { userDataFolder } from '../../../../src/main/app/user-data-folder'

describe('userDataFolder', () => {
  const standard = '/home/ana/.config/Casefile'

  it('is the system folder unless --user-data-dir names another', () => {
    expect(userDataFolder(['/opt/casefile', 'out/main/index.js'], standard)).toBe(standard)
    expect(userDataFolder(['electron', 'out/main/index.js', '--user-data-dir=/tmp/e2e-1/user-data'], standard)).toBe('/tmp/e2e-1/user-data')
    expect(userDataFolder(['electron', '--user-data-dir', '/tmp/e2e-2'], standard)).toBe('/tmp/e2e-2')
    expect(userDataFolder(['electron', '--user-data-dir=relative/dir'], standard)).toBe(resolve('relative/dir'))
  })

  it('ignores the switch without a folder', () => {
    expect(userDataFolder(['electron', '--user-data-dir='], standard)).toBe(standard)
    expect(userDataFolder(['electron', '--user-data-dir'], standard)).toBe(standard)
  })
})
