// The archive core's public surface. Nothing here (or below) imports electron.
export { ArchiveOpenError, type ArchiveOpenErrorCode } from './archive-open-error'
export type { Archive } from './archive'
export { openArchive as openArchiveWith, type OpenArchiveOptions } from './open-archive'
export { createArchiveApi, type ArchiveApiHandle, type ArchiveApiOptions, type SaveRequest } from './create-archive-api'
export { serveCall, type ServedArchive } from './serve-call'
export type { PdfPrinter } from './export/pdf-printer'
export { archiveInfo } from './archive-info'
export { ARCHIVE_EXTENSION, DEFAULT_ARCHIVE_NAME, defaultArchivePath, importWorkerPath, sampleDir, userDataDir } from './paths'
export { APP_VERSION } from './app-version'
export { MIGRATIONS, LATEST_SCHEMA_VERSION } from './db/migrations/index'

import type { Archive } from './archive'
import { MIGRATIONS } from './db/migrations/index'
import { openArchive as openWith } from './open-archive'

/** Opens an archive with this version's migrations (what the app and the CLI use). */
export function openArchive(path: string, options: { create: boolean; seedDir: string | null; nativeBinding: string | null }): Promise<Archive> {
  return openWith(path, { ...options, migrations: MIGRATIONS, upgradeBackup: true })
}
