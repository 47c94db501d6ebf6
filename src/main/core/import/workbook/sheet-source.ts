import type { DatasetSource } from '@shared/model'
import { HEADER_JOINER } from './find-sheet-table'
import type { SheetTableSummary } from './sheet-table-reader'

/**
 * A sheet's provenance, as "Where these figures come from" shows it: the rows above its table (its
 * title first) and the footnotes under it. Null when the sheet has neither.
 */
export function sheetSource(summary: SheetTableSummary, hiddenColumns: readonly string[], fileName: string, sheetName: string): DatasetSource | null {
  const hidden = hiddenText(summary.hiddenRows, hiddenColumns)
  const added = [
    ...(summary.fileNote === null ? [] : [summary.fileNote]),
    ...(summary.units.length === 0 ? [] : [`Units, as a row under the header gives them: ${summary.units.map(({ label, unit }) => `“${label}” ${unit}`).join(', ')}.`]),
    ...(hidden === null ? [] : [`Hidden in the sheet, imported here with the rest: ${hidden}.`]),
    ...(summary.hiddenAbove.length === 0 ? [] : [`Hidden in the sheet above the table, kept here and not as data: ${summary.hiddenAbove.join('; ')}.`]),
    // The numbers are the fractions the file holds; without this, 0.456 would read as a share of 0.456%.
    ...(summary.percentColumns.length === 0 ? [] : [`Shown in the sheet as percents, stored as fractions (0.5 for 50%): ${summary.percentColumns.map((label) => `“${label}”`).join(', ')}.`]),
    ...summary.shownByFormat,
    ...summary.footnoteMarks.map((marked) => markedLabelText(marked, summary.footnotes))
  ]
  if (summary.titles.length === 0 && summary.footnotes.length === 0 && added.length === 0) return null
  const notes = [...summary.titles.slice(1), ...summary.footnotes, ...added]
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
 * A header label's footnote mark, said beside the footnote it points to: “Removals” is marked ¹ in
 * the sheet's header: 1 Includes removals under expedited removal. The footnote is the first under
 * the table that starts with the mark (1, 1/, 1., ¹); without one, the mark alone is said.
 */
function markedLabelText(marked: { label: string; mark: string; plain: string }, footnotes: readonly string[]): string {
  const starts = [marked.mark, marked.plain].map((mark) => mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = new RegExp(`^\\s*\\(?(${starts.join('|')})(\\)|/|\\.\\s|:|\\s|$)`)
  const footnote = footnotes.find((text) => pattern.test(text))
  return `“${marked.label}” is marked ${marked.mark} in the sheet's header${footnote === undefined ? '.' : `: ${footnote}`}`
}

/** Hidden rows listed by number up to this many ("2 rows (4, 6)"); past it, the first ones and "…". */
const HIDDEN_ROWS_LISTED = 10

/**
 * Rows and columns a sheet hides, as a sentence names them: "2 rows (4, 6) and column C
 * (“Internal id”)"; null when there are none.
 */
export function hiddenText(rows: readonly number[], columns: readonly string[]): string | null {
  const parts: string[] = []
  if (rows.length > 0) {
    const listed = rows.slice(0, HIDDEN_ROWS_LISTED).join(', ') + (rows.length > HIDDEN_ROWS_LISTED ? ', …' : '')
    parts.push(`${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'row' : 'rows'} (${listed})`)
  }
  if (columns.length > 0) parts.push(`${columns.length === 1 ? 'column' : 'columns'} ${columns.join(', ')}`)
  return parts.length === 0 ? null : parts.join(' and ')
}
