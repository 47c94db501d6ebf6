import type { Database } from 'better-sqlite3'
import type { DatasetSource, EmptiedCells, ImportOptions, SheetOutcome } from '@shared/model'
import { DatasetWriter } from './dataset-writer'
import { TypingSink } from './typing/typing-sink'
import { openWorkbook, readWorkbookSheet, sheetsToRead, type WorkbookFormat } from './workbook/read-workbook'
import type { SheetTableSummary } from './workbook/sheet-table-reader'
import { HEADER_JOINER } from './workbook/find-sheet-table'
import { ImportInputError } from './row-sink'

export interface WorkbookFacts {
  path: string
  fileName: string
  format: WorkbookFormat
  sourceSize: number
  sha256: string
  importId: number
  /** The datasets' names start with this ("Workbook › Sheet"). */
  name: string
  /** Sources the caller knows (the sample manifest), given to every sheet's dataset. */
  sources: DatasetSource[]
}

export interface WrittenWorkbook {
  sheets: SheetOutcome[]
  rows: number
  warnings: string[]
  /** Cells read as empty for the null tokens chosen, per sheet, column and token ("Sheet › column"). */
  emptiedCells: EmptiedCells[]
}

/**
 * A sheet's provenance, as "Where these figures come from" shows it: the rows above its table (its
 * title first) and the footnotes under it. Null when the sheet has neither.
 */
function sheetSource(summary: SheetTableSummary, fileName: string, sheetName: string): DatasetSource | null {
  if (summary.titles.length === 0 && summary.footnotes.length === 0) return null
  const notes = [...summary.titles.slice(1), ...summary.footnotes]
  return {
    key: null,
    publisher: null,
    title: summary.titles[0] ?? `${fileName}${HEADER_JOINER}${sheetName}`,
    date: null,
    url: null,
    notes: notes.length > 0 ? notes.join('\n') : null
  }
}

/**
 * Writes each sheet of a workbook that holds a table as a dataset named "Workbook › Sheet", inside
 * the caller's transaction: the whole workbook commits or nothing of it does. Sheets go through
 * the same typing and writing as delimited files (TypingSink, DatasetWriter), so their cells follow
 * the same rules.
 */
export async function importWorkbook(
  db: Database,
  facts: WorkbookFacts,
  options: ImportOptions,
  signal: AbortSignal,
  onRows: (rowsWritten: number) => void,
  onSheet: (sheetsRead: number, sheetsTotal: number) => void
): Promise<WrittenWorkbook> {
  const book = await openWorkbook(facts.path, facts.fileName, facts.format, signal)
  try {
    const picked = sheetsToRead(book, facts.fileName, options.sheets)
    const outcomes = new Map<string, SheetOutcome>()
    for (const sheet of book.facts.sheets) {
      if (sheet.kind !== 'worksheet') continue
      outcomes.set(sheet.name, { name: sheet.name, status: options.sheets === null && sheet.hidden ? 'hidden' : 'not picked', id: null, rows: 0 })
    }
    const warnings: string[] = []
    const emptiedCells: EmptiedCells[] = []
    let rowsBefore = 0
    onSheet(0, picked.length)
    for (const [index, sheet] of picked.entries()) {
      const label = `${facts.fileName}, sheet “${sheet.name}”`
      const writer = new DatasetWriter(db, (rows) => onRows(rowsBefore + rows), () => undefined, label)
      const typing = new TypingSink(writer, options.nullTokens)
      const summary = await readWorkbookSheet(book, sheet, typing, options.header, signal, label)
      if (summary === null) {
        outcomes.set(sheet.name, { name: sheet.name, status: 'empty', id: null, rows: 0 })
        onSheet(index + 1, picked.length)
        continue
      }
      const provenance = sheetSource(summary, facts.fileName, sheet.name)
      const written = writer.finish(
        {
          name: `${facts.name}${HEADER_JOINER}${sheet.name}`,
          description: null,
          sources: [...facts.sources, ...(provenance === null ? [] : [provenance])],
          sourceFile: facts.fileName,
          sourceSize: facts.sourceSize,
          sha256: facts.sha256,
          importId: facts.importId
        },
        typing.finish()
      )
      rowsBefore += written.rows
      warnings.push(...written.warnings)
      emptiedCells.push(...written.emptiedCells.map((emptied) => ({ ...emptied, column: `${sheet.name}${HEADER_JOINER}${emptied.column}` })))
      outcomes.set(sheet.name, { name: sheet.name, status: 'imported', id: written.id, rows: written.rows })
      onSheet(index + 1, picked.length)
    }
    const sheets = [...outcomes.values()]
    if (!sheets.some((sheet) => sheet.status === 'imported')) {
      const which = options.sheets === null ? 'none of its sheets holds a table' : 'the sheets picked hold no table'
      throw new ImportInputError(`${facts.fileName}: ${which}; nothing was imported.`, null, null)
    }
    return { sheets, rows: rowsBefore, warnings, emptiedCells }
  } finally {
    book.close()
  }
}
