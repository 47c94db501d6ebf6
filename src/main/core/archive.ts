import type { Database } from 'better-sqlite3'

/** An open archive: one connection owned by whoever opened it. */
export interface Archive {
  readonly path: string
  readonly db: Database
  /** better-sqlite3 native build to use for any further connection (backups, workers); null = default. */
  readonly nativeBinding: string | null
  close(): void
}
