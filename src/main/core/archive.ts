import type { Database } from 'better-sqlite3'

/**
 * Why an archive is open for reading only: SQLite found it damaged when it opened, it lies on a
 * disk or in a folder that cannot be written, or its disk is full. `message` is the one line the CLI prints and the
 * window shows; every refused change says it too.
 */
export interface ReadOnlyState {
  reason: 'damaged' | 'read-only-media' | 'disk-full'
  message: string
}

/** An open archive: one connection owned by whoever opened it. */
export interface Archive {
  readonly path: string
  readonly db: Database
  /** better-sqlite3 native build to use for any further connection (backups, workers); null = default. */
  readonly nativeBinding: string | null
  /** Null when the archive can be changed. */
  readonly readOnly: ReadOnlyState | null
  close(): void
}
