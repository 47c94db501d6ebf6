// The rowid of a dataset row's entry in dataset_rows_fts packs the dataset id and the row's own
// rowid (dataset_id * 2^32 + rowid), so a hit leads straight back to its row and a dataset's entries
// are one contiguous range. Migration 0002 created the index; this is the one place the packing lives.

export const DATASET_ROW_KEY_FACTOR = 4294967296

/** The keys of one dataset's entries: [from, to), bound as BigInt because they pass 2^53 for large ids. */
export function datasetRowKeyRange(datasetId: number): [bigint, bigint] {
  return [BigInt(datasetId) * BigInt(DATASET_ROW_KEY_FACTOR), BigInt(datasetId + 1) * BigInt(DATASET_ROW_KEY_FACTOR)]
}

export function splitDatasetRowKey(key: number): { datasetId: number; row: number } {
  const datasetId = Math.floor(key / DATASET_ROW_KEY_FACTOR)
  return { datasetId, row: key - datasetId * DATASET_ROW_KEY_FACTOR }
}
