import type { MergedCells, SheetRow } from './sheet-row'
import type { WorkbookFacts, WorkbookSheet } from './xlsx-workbook'

/** A workbook opened for reading, whatever its format: its facts, and each sheet's merges and rows. */
export interface WorkbookSource {
  readonly facts: WorkbookFacts
  merges(sheet: WorkbookSheet, signal: AbortSignal): Promise<MergedCells[]>
  /** Streams a sheet's rows; `onRead` hears how much of the sheet has been read (0–1). */
  readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<{ formulasWithoutValue: number }>
  close(): void
}
