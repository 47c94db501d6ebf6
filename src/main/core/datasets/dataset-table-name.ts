// Identifiers in dataset SQL are generated from integers, never from user text, so a hostile
// header or file name can never reach SQL syntax.

export function datasetTableName(datasetId: number): string {
  if (!Number.isSafeInteger(datasetId) || datasetId < 1) throw new Error(`Invalid dataset id ${datasetId}`)
  return `ds_${datasetId}`
}

export function columnName(position: number): string {
  if (!Number.isSafeInteger(position) || position < 0) throw new Error(`Invalid column position ${position}`)
  return `c${position}`
}

/** The table that keeps the spelling of a dataset's numbers where it differs from the number's own (see number-spellings.ts). */
export function spellingTableName(datasetId: number): string {
  return `${datasetTableName(datasetId)}_spellings`
}
