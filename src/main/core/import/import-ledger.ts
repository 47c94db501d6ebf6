import { hostname } from 'node:os'
import type { Database } from 'better-sqlite3'
import type { ImportedKind } from '@shared/model'
import { sqlRows, sqlValues } from '../db/sql-rows'

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
      // The importing process is noted so a later open can tell an import still under way in
      // another process from one whose process died (see recoverInterruptedImports).
      .run(
        entry.fileName,
        entry.filePath,
        entry.sizeBytes,
        entry.sha256,
        entry.kind,
        JSON.stringify({ ...entry.options, process: { pid: process.pid, host: hostname() } }),
        new Date().toISOString()
      )
      .lastInsertRowid
  )
}

export function finishImport(
  db: Database,
  importId: number,
  /** `sha256`: the file's, when it was only known once the file was read (see importOneFile). */
  outcome: { status: Exclude<LedgerStatus, 'running'>; rows: number; warnings: string[]; error: string | null; sha256?: string | null }
): void {
  db.prepare('UPDATE imports SET status = ?, finished_at = ?, rows_written = ?, warnings = ?, error = ?, sha256 = coalesce(?, sha256) WHERE id = ?').run(
    outcome.status,
    new Date().toISOString(),
    outcome.rows,
    JSON.stringify(outcome.warnings),
    outcome.error,
    outcome.sha256 ?? null,
    importId
  )
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether the process that started an import (noted in its options) still runs on this machine,
 * or is this process. Unreadable options or another machine's process count as gone.
 */
function ownerIsAlive(options: string): boolean {
  let owner: { pid?: unknown; host?: unknown } = {}
  try {
    owner = (JSON.parse(options) as { process?: typeof owner }).process ?? {}
  } catch {
    // unreadable options: treat the owner as unknown (and so gone)
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return false
  return owner.pid === process.pid || processIsAlive(owner.pid)
}

/**
 * The file of an import still under way in a live process, or null. Between an import's rows being
 * published and its ledger line being written no lock is held, so only this line says it is not done.
 */
export function importUnderWay(db: Database): string | null {
  const running = sqlRows({ file_name: 'text', options: 'text' }).all(db.prepare("SELECT file_name, options FROM imports WHERE status = 'running' ORDER BY id"))
  return running.find((entry) => ownerIsAlive(entry.options))?.file_name ?? null
}

/**
 * Settles ledger entries left 'running' by a process that died (a crash, kill -9, a power cut):
 * its transaction never committed, so nothing of the file is in the archive, and the entry says
 * so. An entry whose dataset or article was published before the process died is marked imported.
 * Entries of a live process on this machine (another Casefile importing right now) are left alone.
 */
export function recoverInterruptedImports(db: Database): number {
  const running = sqlRows({ id: 'integer', options: 'text' }).all(db.prepare("SELECT id, options FROM imports WHERE status = 'running'"))
  const count = sqlValues('integer')
  let settled = 0
  for (const entry of running) {
    if (ownerIsAlive(entry.options)) continue
    const published =
      count.one(db.prepare('SELECT count(*) FROM datasets WHERE import_id = ?').pluck(), entry.id) +
      count.one(db.prepare('SELECT count(*) FROM articles WHERE import_id = ?').pluck(), entry.id)
    const rows = count.one(db.prepare('SELECT coalesce(sum(row_count), 0) FROM datasets WHERE import_id = ?').pluck(), entry.id)
    db.prepare('UPDATE imports SET status = ?, finished_at = ?, rows_written = ?, error = ? WHERE id = ?').run(
      published > 0 ? 'imported' : 'failed',
      new Date().toISOString(),
      published > 0 ? rows : 0,
      published > 0 ? null : 'Interrupted: Casefile stopped before this import finished, so nothing from the file was saved. Import it again.',
      entry.id
    )
    settled++
  }
  return settled
}
