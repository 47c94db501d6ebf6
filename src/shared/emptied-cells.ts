import type { EmptiedCells } from './model'

/** The cells null tokens emptied, in one line: `2 “N/A” in lang, 1 “b6” in note`. */
export function emptiedCellsText(emptied: readonly EmptiedCells[]): string {
  return emptied.map(({ cells, token, column }) => `${cells.toLocaleString('en-US')} “${token}” in ${column}`).join(', ')
}
