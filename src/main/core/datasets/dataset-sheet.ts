import type { DatasetSheet } from '@shared/model'
import { HEADER_JOINER } from '../import/workbook/find-sheet-table'

/** The "Workbook › Sheet[ › table]" name of a sheet's dataset, from its parts. */
export function sheetDatasetName(workbook: string, sheet: string, table: string | null): string {
  return [workbook, sheet, ...(table === null ? [] : [table])].join(HEADER_JOINER)
}

/**
 * A workbook dataset's name as its parts, from the sheet and table names kept beside it: the
 * workbook's part is what comes before them (a sheet named "Removals › FY2013" is one part, not
 * two). Null for a dataset with no sheet kept, or whose name no longer ends with it.
 */
export function datasetSheet(name: string, sheet: string | null, table: string | null): DatasetSheet | null {
  if (sheet === null) return null
  const tail = HEADER_JOINER + [sheet, ...(table === null ? [] : [table])].join(HEADER_JOINER)
  if (!name.endsWith(tail) || name.length === tail.length) return null
  return { workbook: name.slice(0, -tail.length), sheet, table }
}
