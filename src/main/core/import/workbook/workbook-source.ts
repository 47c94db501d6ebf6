import type { MergedCells, SheetRow } from './sheet-row'

/** A sheet as the workbook lists it, in the workbook's order. */
export interface WorkbookSheet {
  name: string
  hidden: boolean
  /** What the sheet is: only worksheets hold cells; a chart sheet or a macro sheet holds no table. */
  kind: 'worksheet' | 'chartsheet' | 'macrosheet' | 'dialogsheet'
  /** Its part in the package (xl/worksheets/sheet1.xml); null when the workbook points nowhere. */
  part: string | null
  /** A web page's text under the table (its footnotes), kept as the table's footnotes; absent elsewhere. */
  pageNotes?: string[]
}

/** Facts about a workbook: its sheets, its date system and its document properties. */
export interface WorkbookFacts {
  sheets: WorkbookSheet[]
  date1904: boolean
  title: string | null
  creator: string | null
  modified: string | null
  /** Whether it carries a macro project (VBA); macros are never run, only noticed. */
  hasMacros: boolean
  /** What the file turned out to be when it is not what its name says (a web page named .xls): said in the result and in each dataset's provenance. */
  note: string | null
}

/** What reading a sheet's cells found that its rows cannot show. */
export interface SheetReadFacts {
  /** Formula cells saved with no value at all. */
  formulasWithoutValue: number
  /**
   * Formula cells, by 0-based column, that can show text but were saved as the number 0 with no
   * text (LibreOffice's .xls writer): their value is not in the file, and they are left empty.
   */
  textFormulasSavedAsZero: Map<number, number>
  /** 0-based columns the sheet hides (xlsx `<col hidden="1">`, .xls column flags, .ods `table:table-column table:visibility="collapse"`). */
  hiddenColumns: number[]
}

/** A workbook opened for reading, whatever its format: its facts, and each sheet's merges and rows. */
export interface WorkbookSource {
  readonly facts: WorkbookFacts
  merges(sheet: WorkbookSheet, signal: AbortSignal): Promise<MergedCells[]>
  /** Streams a sheet's rows; `onRead` hears how much of the sheet has been read (0–1). */
  readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<SheetReadFacts>
  close(): void
}
