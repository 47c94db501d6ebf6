// Draft for tests/unit/renderer/: the import panel's wording and the drop helpers, without a DOM.
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions, type ImportOutcome, type JobStatus } from '@shared/model'
import { droppedPaths } from '../../../src/renderer/src/imports/dropped-files'
import { formatBytes } from '../../../src/renderer/src/lib/format-bytes'
import { formatDuration } from '../../../src/renderer/src/imports/format-duration'
import { formFromOptions, optionsFromForm, sheetChoices } from '../../../src/renderer/src/imports/import-option-choices'
import {
  canImportAgain,
  jobHeading,
  jobProgressNumbers,
  outcomeHeadline,
  outcomeHeadlineParts,
  outcomeNotes,
  outcomePlace,
  outcomeWarnings,
  summariseJob,
  warningUnderFile
} from '../../../src/renderer/src/imports/import-outcome'

const NBSP = '\u00a0'
const plain = (text: string) => text.replaceAll(NBSP, ' ')

function outcome(partial: Partial<ImportOutcome>): ImportOutcome {
  return { file: 'a.csv', path: '/in/a.csv', status: 'imported', kind: 'dataset', id: 7, rows: 0, warnings: [], emptiedCells: [], error: null, seconds: 0, dataSeconds: 0, ocr: null, sheets: null, ...partial }
}

function job(partial: Partial<JobStatus>): JobStatus {
  return { id: 'j', kind: 'import', title: 'Importing 2 files', state: 'done', progress: 1, detail: '', bytesRead: 0, bytesTotal: 0, rowsWritten: 0, pages: null, skipped: [], outcomes: [], ...partial }
}

describe('a running import’s numbers', () => {
  it('count rows and bytes for a table', () => {
    expect(plain(jobProgressNumbers(job({ state: 'running', rowsWritten: 1200, bytesRead: 1_500_000, bytesTotal: 3_000_000 })))).toBe(plain(`1,200 rows written · ${formatBytes(1_500_000)} of ${formatBytes(3_000_000)}`))
  })

  it('count pages for a PDF being read, and those read by OCR', () => {
    expect(plain(jobProgressNumbers(job({ state: 'running', bytesRead: 500_000, bytesTotal: 2_000_000, pages: { read: 3, total: 12, ocr: 3 } })))).toBe('page 3 of 12 · 3 read by OCR')
    expect(plain(jobProgressNumbers(job({ state: 'running', pages: { read: 1, total: 2, ocr: 0 } })))).toBe('page 1 of 2')
    // tesseract loads its model for seconds before the first scanned page is read.
    expect(plain(jobProgressNumbers(job({ state: 'running', rowsWritten: 0, bytesTotal: 2_000_000, pages: { read: 0, total: 12, ocr: 0, ocrStarting: true } })))).toBe('Starting OCR… (page 1 of 12)')
    expect(plain(jobProgressNumbers(job({ state: 'running', pages: { read: 2, total: 12, ocr: 0, ocrStarting: true } })))).toBe('Starting OCR… (page 3 of 12)')
  })
})

describe('import outcome lines', () => {
  it('says which cells were read as empty because the person chose it, per column', () => {
    const emptiedCells = [
      { column: 'lang', token: 'N/A', cells: 2 },
      { column: 'note', token: 'b6', cells: 1_234 }
    ]
    expect(outcomeNotes(outcome({ emptiedCells }))).toEqual(['Read as empty: 2 “N/A” in lang, 1,234 “b6” in note'])
    expect(outcomeNotes(outcome({}))).toEqual([])
  })

  it('says how a dataset was imported, with rows and time', () => {
    expect(plain(outcomeHeadline(outcome({ rows: 1_000_000, seconds: 12.34 })))).toBe('Imported as dataset · 1,000,000 rows · 12.3 s')
    expect(plain(outcomeHeadline(outcome({ rows: 1, seconds: 0.01 })))).toBe('Imported as dataset · 1 row · under 0.1 s')
  })

  it('words articles, duplicates, failures and cancellations', () => {
    expect(outcomeHeadline(outcome({ kind: 'article', rows: 1 }))).toBe('Imported as article')
    const dup = outcome({ status: 'duplicate', warnings: ['Already in the archive as dataset “A”; nothing was added.', 'second'] })
    expect(outcomeHeadline(dup)).toBe('Already in the archive as dataset “A”; nothing was added.')
    expect(outcomeHeadlineParts(dup)).toEqual({ verdict: 'Already in the archive', rest: ' as dataset “A”; nothing was added.' })
    // A ledger written before the wording changed still reads as one line.
    const older = outcome({ status: 'duplicate', warnings: ['a.csv was already imported as dataset “A”.'] })
    expect(outcomeHeadline(older)).toBe('Already in the archive — a.csv was already imported as dataset “A”.')
    expect(outcomeWarnings(dup)).toEqual(['second'])
    expect(outcomeHeadline(outcome({ status: 'failed', kind: null, id: null, error: 'a.csv is empty.' }))).toBe('Failed — a.csv is empty.')
    expect(outcomeHeadline(outcome({ status: 'cancelled', kind: null, id: null }))).toBe('Cancelled')
  })

  it('opens imported items and the item a duplicate matches', () => {
    expect(outcomePlace(outcome({}))).toEqual({ kind: 'dataset', id: 7, row: null })
    expect(outcomePlace(outcome({ kind: 'article' }))).toEqual({ kind: 'article', id: 7, highlight: null, exact: false })
    expect(outcomePlace(outcome({ status: 'duplicate' }))).toEqual({ kind: 'dataset', id: 7, row: null })
    expect(outcomePlace(outcome({ status: 'failed', id: null }))).toBeNull()
  })

  it('offers other options for failures, duplicates and imported tables only', () => {
    expect(canImportAgain(outcome({}))).toBe(true)
    expect(canImportAgain(outcome({ kind: 'article' }))).toBe(false)
    expect(canImportAgain(outcome({ status: 'failed', kind: null }))).toBe(true)
    expect(canImportAgain(outcome({ status: 'duplicate', kind: 'article' }))).toBe(true)
    expect(canImportAgain(outcome({ status: 'cancelled' }))).toBe(false)
    // Nothing in the form changes how a PDF or a Word file is read (review U24-10).
    for (const file of ['scan.pdf', 'memo.docx', 'memo.ODT', 'old.doc', 'letter.rtf']) expect(canImportAgain(outcome({ status: 'failed', kind: null, file })), file).toBe(false)
    expect(canImportAgain(outcome({ status: 'failed', kind: null, file: 'table.xlsx' }))).toBe(true)
    // Nor a file that is empty, gone or not a file: the importer's own words for those.
    for (const error of [
      'a.csv is empty (0 bytes); nothing was imported.',
      "Casefile can't read a.csv: the file does not exist.",
      "Casefile can't read a.csv: it is a link to /data/gone.csv, which does not exist.",
      'a.csv could not be imported: the file does not exist any more (it was moved or deleted while it was being imported); nothing was saved.',
      'a.csv is a folder with no files to import in it (hidden files are left out); nothing was imported.',
      "Casefile can't read a.csv: it is a named pipe (FIFO), not a regular file; Casefile imports only regular files.",
      "Casefile can't import .bin files (a.bin); it reads: .csv"
    ])
      expect(canImportAgain(outcome({ status: 'failed', kind: null, error })), error).toBe(false)
    expect(canImportAgain(outcome({ status: 'failed', kind: null, error: 'a.csv, line 2: a quoted field opened here is never closed; nothing was imported.' }))).toBe(true)
  })

  it('shows warnings without the file name the line already shows (review U24-10)', () => {
    expect(warningUnderFile('a.csv', 'a.csv: 3 row(s) did not have 4 fields')).toBe('3 row(s) did not have 4 fields')
    expect(warningUnderFile('a.csv', 'a.csv, line 4: the bytes at offset 9 are not valid')).toBe('Line 4: the bytes at offset 9 are not valid')
    expect(warningUnderFile('a.csv', 'a.csv is not UTF-8; it was read as Windows-1252 (Latin-1).')).toBe('The file is not UTF-8; it was read as Windows-1252 (Latin-1).')
    // Only the whole name, followed by what the importer puts after it.
    expect(warningUnderFile('a.csv', 'a.csv.bak was left alone')).toBe('a.csv.bak was left alone')
    expect(warningUnderFile('a', 'another file: x')).toBe('another file: x')
    expect(warningUnderFile('', ': x')).toBe(': x')
    expect(warningUnderFile('a.csv', 'a.csv')).toBe('a.csv')
    expect(outcomeWarnings(outcome({ warnings: ['a.csv, page 2, was read by OCR'] }))).toEqual(['Page 2, was read by OCR'])
  })
})

describe('job summaries', () => {
  it('names the one file of a one-file job', () => {
    expect(summariseJob(job({ outcomes: [outcome({})] }))).toEqual({ text: 'Import finished — a.csv imported', tone: 'success' })
  })

  it('counts each status of a larger job; any failure makes it red, a cancel keeps it neutral', () => {
    const mixed = job({ outcomes: [outcome({}), outcome({ status: 'failed' }), outcome({ status: 'duplicate' })] })
    expect(summariseJob(mixed)).toEqual({ text: 'Import finished — 1 imported, 1 already in the archive, 1 failed', tone: 'danger' })
    const cancelled = job({ state: 'cancelled', outcomes: [outcome({}), outcome({ status: 'cancelled' })] })
    expect(summariseJob(cancelled)).toEqual({ text: 'Import cancelled — 1 imported, 1 cancelled', tone: 'neutral' })
  })

  it('drops "Importing" from the heading of a finished job only', () => {
    expect(jobHeading(job({}))).toBe('2 files')
    expect(jobHeading(job({ state: 'running' }))).toBe('Importing 2 files')
  })
})

describe('drops and options', () => {
  it('keeps dropped paths in order, once each, and sets aside items with no path', () => {
    const files = [{ name: 'a.csv' }, { name: 'b.png' }, { name: 'a.csv' }]
    const paths = new Map([['a.csv', '/x/a.csv'], ['b.png', '']])
    expect(droppedPaths(files, (file) => paths.get(file.name)!)).toEqual({ paths: ['/x/a.csv'], unplaced: ['b.png'] })
  })

  it('round-trips the options form, "detect" standing for null', () => {
    expect(optionsFromForm(formFromOptions(DEFAULT_IMPORT_OPTIONS))).toEqual(DEFAULT_IMPORT_OPTIONS)
    const custom: ImportOptions = { delimiter: '\t', encoding: 'windows-1252', header: false, quote: 'none', nullTokens: ['N/A', ' b6 '], force: true, sheets: ['Table 39'] }
    expect(optionsFromForm(formFromOptions(custom))).toEqual(custom)
  })

  it('reads null tokens one per line, exactly as typed, skipping blank lines and repeats', () => {
    const form = { ...formFromOptions(DEFAULT_IMPORT_OPTIONS), nullTokens: 'N/A\n\nb6\n(b)(6)\nN/A\n' }
    expect(formFromOptions(DEFAULT_IMPORT_OPTIONS).nullTokens).toBe('')
    expect(optionsFromForm(form).nullTokens).toEqual(['N/A', 'b6', '(b)(6)'])
  })

  it('offers a workbook’s sheets ticked as the import left them', () => {
    const sheets = [
      { name: 'Table 39', status: 'imported', id: 3, rows: 4, moreTables: [] },
      { name: 'Notes', status: 'empty', id: null, rows: 0, moreTables: [] },
      { name: 'Lookup', status: 'hidden', id: null, rows: 0, moreTables: [] },
      { name: 'By county', status: 'too wide', id: null, rows: 0, moreTables: [] },
      { name: 'Case review', status: 'already in', id: null, rows: 0, moreTables: [] }
    ] as const
    expect(sheetChoices(outcome({ sheets: [...sheets] }))).toEqual([
      { name: 'Table 39', picked: true, note: null },
      { name: 'Notes', picked: false, note: 'no table found' },
      { name: 'Lookup', picked: false, note: 'hidden' },
      { name: 'By county', picked: false, note: 'too many columns' },
      { name: 'Case review', picked: false, note: 'already in the archive' }
    ])
    const none = sheets.map((sheet) => ({ ...sheet, status: sheet.status === 'imported' ? ('not picked' as const) : sheet.status }))
    expect(sheetChoices(outcome({ sheets: none })).map((choice) => choice.picked)).toEqual([true, true, false, false, false])
  })

  it('counts the datasets a workbook became', () => {
    const sheets = [
      { name: 'Table 39', status: 'imported', id: 3, rows: 4, moreTables: [] },
      { name: 'Case review', status: 'imported', id: 4, rows: 2, moreTables: [] }
    ] as const
    expect(plain(outcomeHeadline(outcome({ rows: 6, seconds: 1, sheets: [...sheets] })))).toBe('Imported as 2 datasets · 6 rows · 1.0 s')
  })

  it('counts each table stacked on a sheet as a dataset', () => {
    const stacked = { name: 'Stacked', status: 'imported' as const, id: 3, rows: 3, moreTables: [{ name: 'Table 39B. Returns', id: 4, rows: 3 }] }
    expect(plain(outcomeHeadline(outcome({ rows: 6, seconds: 1, sheets: [stacked] })))).toBe('Imported as 2 datasets · 6 rows · 1.0 s')
  })

  it('says how many pages of a PDF were read by OCR', () => {
    expect(outcomeHeadline(outcome({ kind: 'article', rows: 1, ocr: { pages: 3, meanConfidence: 91 } }))).toBe('Imported as article · 3 pages read by OCR, mean confidence 91%')
  })

  it('formats sizes and durations that never break across lines', () => {
    expect(plain(formatBytes(512))).toBe('512 B')
    expect(plain(formatBytes(1.8 * 1024 ** 3))).toBe('1.8 GB')
    expect(plain(formatBytes(412 * 1024 ** 2))).toBe('412 MB')
    expect(plain(formatDuration(125))).toBe('2 min 05 s')
    expect(formatDuration(12.34)).not.toContain(' ')
  })
})
