// Which archive the app opens at start: `--archive=PATH` on the command line, else the
// CASEFILE_ARCHIVE environment variable, else the default archive in the user-data folder.
// Electron-free so it is unit-tested; the end-to-end suite starts the real app this way.

import { resolve } from 'node:path'

export function startupArchivePath(argv: readonly string[], env: Record<string, string | undefined>, defaultPath: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg.startsWith('--archive=') && arg.length > '--archive='.length) return resolve(arg.slice('--archive='.length))
    if (arg === '--archive' && argv[i + 1]) return resolve(argv[i + 1]!)
  }
  const fromEnv = env['CASEFILE_ARCHIVE']
  return fromEnv ? resolve(fromEnv) : defaultPath
}
