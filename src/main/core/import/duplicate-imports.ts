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
 * What the archive already holds of a workbook of these bytes: the sheets imports picked by name,
 * and whether one imported it whole (every visible sheet; hidden ones are left out then, so a
 * hidden sheet picked later is not a copy of anything). Null when no dataset came from these bytes,
 * or when an import is not known to have picked or not (a ledger line gone or damaged): a copy.
 */
export function sheetsImportedBefore(db: Database, sha256: string): { picked: Set<string>; whole: boolean } | null {
  const imports = sqlRows({ options: 'text?' }).all(
    db.prepare('SELECT DISTINCT i.options FROM datasets d LEFT JOIN imports i ON i.id = d.import_id WHERE d.sha256 = ?'),
    sha256
  )
  const picked = new Set<string>()
  let whole = false
  for (const { options } of imports) {
    const sheets = options === null ? undefined : pickedSheets(options)
    if (sheets === undefined) return null
    if (sheets === null) whole = true
    else for (const sheet of sheets) picked.add(sheet)
  }
  return imports.length > 0 ? { picked, whole } : null
}

/** The sheets an import's options picked; null for every visible sheet; undefined when not known. */
function pickedSheets(options: string): string[] | null | undefined {
  try {
    const sheets = (JSON.parse(options) as { sheets?: unknown }).sheets
    if (sheets === null) return null
    return Array.isArray(sheets) && sheets.every((sheet) => typeof sheet === 'string') ? sheets : undefined
  } catch {
    // A ledger line written by hand or damaged: not known to have picked.
    return undefined
  }
}

/**
 * A copy of these bytes imported since the import first looked for one: another process imported
 * the same file while this one hashed it and waited for the archive's write lock. For a workbook
 * (`sheets`: the sheets picked, or null for every visible one; undefined for other files), only an
 * import that holds those sheets is a copy. (One that holds the whole workbook while this import
 * picked sheets is not judged here: that needs the workbook's visible sheets, and the import goes on.)
 */
export function copyImportedMeanwhile(db: Database, sha256: string, sheets: readonly string[] | null | undefined): ReturnType<typeof findDuplicateImport> {
  const copy = findDuplicateImport(db, sha256)
  if (copy === null || sheets === undefined) return copy
  const sheetsIn = sheetsImportedBefore(db, sha256)
  if (sheetsIn === null) return copy
  return (sheets === null ? sheetsIn.whole : sheets.every((sheet) => sheetsIn.picked.has(sheet))) ? copy : null
}
