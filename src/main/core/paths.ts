import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const ARCHIVE_EXTENSION = 'casefile'
export const DEFAULT_ARCHIVE_NAME = 'archive.casefile'
export const APP_FOLDER_NAME = 'Casefile'

/**
 * The folder Electron uses as app.getPath('userData') for an app named "Casefile", computed the
 * same way so the CLI finds the app's default archive without starting Electron.
 */
export function userDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME)
}

export function defaultArchivePath(): string {
  return join(userDataDir(process.platform, process.env, homedir()), DEFAULT_ARCHIVE_NAME)
}

export function sampleDir(appRoot: string): string {
  return join(appRoot, 'resources', 'sample')
}

/** The import worker built beside the main entry points (out/main/import-worker.js), if it is there. */
export function importWorkerPath(mainDir: string): string | null {
  const path = join(mainDir, 'import-worker.js')
  return existsSync(path) ? path : null
}
