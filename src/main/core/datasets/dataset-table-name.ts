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
