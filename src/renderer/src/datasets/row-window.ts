// Opening a dataset at a row deep in a large table loads a window of rows around it rather than
// every row above it; a row near the top simply opens the table at its start.

/** Rows shown above a target row, so it does not open as the very first line of the table. */
export const ROWS_ABOVE_TARGET = 20
/** Rows a first page must still hold below the target for the table to start at the top. */
export const ROWS_BELOW_TARGET = 20

/** The offset to fetch a page of `pageSize` rows from, so that 1-based row `row` is in it with context around it. */
export function windowStart(row: number | null, pageSize: number): number {
  if (row === null || row + ROWS_BELOW_TARGET <= pageSize) return 0
  return Math.max(0, row - 1 - ROWS_ABOVE_TARGET)
}
