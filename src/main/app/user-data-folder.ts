// Where the app keeps its default archive, window state and single-instance lock: the system's
// application-data folder, unless `--user-data-dir=PATH` names another. The end-to-end suite starts
// the real app with a temporary one, so a test never touches a person's ~/.config/Casefile and never
// meets the lock of a Casefile they have open. Electron-free so it is unit-tested.

import { resolve } from 'node:path'

const SWITCH = '--user-data-dir'

export function userDataFolder(argv: readonly string[], standard: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg.startsWith(`${SWITCH}=`) && arg.length > SWITCH.length + 1) return resolve(arg.slice(SWITCH.length + 1))
    if (arg === SWITCH && argv[i + 1]) return resolve(argv[i + 1]!)
  }
  return standard
}
