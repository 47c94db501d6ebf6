// Recognising the same bytes imported again: by sha256, and, before the hash is known, by size.
import type { Database } from 'better-sqlite3'
import { duplicateImportWarning } from '@shared/duplicate-import-warning'
import { findArticleBySha256 } from '../articles/article-queries'
import { findDatasetBySha256 } from '../datasets/dataset-queries'
import { sqlRows } from '../db/sql-rows'

/** The article or dataset already imported from the same bytes, with the warning that says so. */
export function findDuplicateImport(db: Database, sha256: string): { kind: 'article' | 'dataset'; id: number; warning: string } | null {
  const article = findArticleBySha256(db, sha256)
  const dataset = article ? null : findDatasetBySha256(db, sha256)
  if (!article && !dataset) return null
  const as = article ? `article “${article.title}”` : `dataset “${dataset!.name}”`
  // How to import it once more differs between the app and the CLI, so each says that itself.
  const warning = duplicateImportWarning(as)
  return article ? { kind: 'article', id: article.id, warning } : { kind: 'dataset', id: dataset!.id, warning }
}

/**
 * Whether an article or dataset was imported from a file of exactly `size` bytes — the only kind
 * the same bytes could be. Rows of unknown size count too, to be safe.
 */
export function importOfSizeExists(db: Database, size: number): boolean {
  const found = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM datasets WHERE source_size = ? OR (source_size IS NULL AND sha256 IS NOT NULL))
           OR EXISTS (SELECT 1 FROM articles WHERE source_size = ? OR (source_size IS NULL AND sha256 IS NOT NULL))`
    )
    .pluck()
    .get(size, size)
  return found === 1
}

/**
 * The sheets already imported from a workbook of these bytes, when every import of it that left a
 * dataset picked its sheets by name: another sheet of it is not a copy of anything. Null when one
 * of them imported the whole workbook (or is not known to have picked), so the bytes are a copy.
 */
export function sheetsImportedBefore(db: Database, sha256: string): Set<string> | null {
  const imports = sqlRows({ options: 'text?' }).all(
    db.prepare('SELECT DISTINCT i.options FROM datasets d LEFT JOIN imports i ON i.id = d.import_id WHERE d.sha256 = ?'),
    sha256
  )
  const sheets = new Set<string>()
  for (const { options } of imports) {
    const picked = options === null ? null : pickedSheets(options)
    if (picked === null) return null
    for (const sheet of picked) sheets.add(sheet)
  }
  return imports.length > 0 ? sheets : null
}

function pickedSheets(options: string): string[] | null {
  try {
    const sheets = (JSON.parse(options) as { sheets?: unknown }).sheets
    return Array.isArray(sheets) && sheets.every((sheet) => typeof sheet === 'string') ? sheets : null
  } catch {
    // A ledger line written by hand or damaged: not known to have picked.
    return null
  }
}
