import type { Database } from 'better-sqlite3'
import type { ImportedKind } from '@shared/model'

export type LedgerStatus = 'running' | 'imported' | 'duplicate' | 'failed' | 'cancelled'

export interface LedgerStart {
  fileName: string
  filePath: string | null
  sizeBytes: number
  sha256: string
  kind: ImportedKind | null
  options: Record<string, unknown>
}

export function startImport(db: Database, entry: LedgerStart): number {
  return Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, file_path, size_bytes, sha256, kind, options, started_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running')`
      )
      .run(entry.fileName, entry.filePath, entry.sizeBytes, entry.sha256, entry.kind, JSON.stringify(entry.options), new Date().toISOString())
      .lastInsertRowid
  )
}

export function finishImport(
  db: Database,
  importId: number,
  outcome: { status: Exclude<LedgerStatus, 'running'>; rows: number; warnings: string[]; error: string | null }
): void {
  db.prepare('UPDATE imports SET status = ?, finished_at = ?, rows_written = ?, warnings = ?, error = ? WHERE id = ?').run(
    outcome.status,
    new Date().toISOString(),
    outcome.rows,
    JSON.stringify(outcome.warnings),
    outcome.error,
    importId
  )
}
