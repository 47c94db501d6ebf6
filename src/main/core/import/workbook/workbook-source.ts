import type { MergedCells, SheetRow } from './sheet-row'
import type { WorkbookFacts, WorkbookSheet } from './xlsx-workbook'

/** A workbook opened for reading, whatever its format: its facts, and each sheet's merges and rows. */
export interface WorkbookSource {
  readonly facts: WorkbookFacts
  merges(sheet: WorkbookSheet, signal: AbortSignal): Promise<MergedCells[]>
  readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal): Promise<{ formulasWithoutValue: number }>
  close(): void
}
