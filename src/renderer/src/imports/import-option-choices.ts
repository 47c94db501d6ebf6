// The choices the "Import again with options…" form offers, in the words a user knows them by.
// <select> values are strings, so "detect" stands in for the contract's null.

import type { ImportDelimiter, ImportEncoding, ImportOptions, ImportOutcome, SheetOutcome } from '@shared/model'

export const DETECT = 'detect'

export interface Choice<V extends string> {
  value: V
  label: string
}

export type DelimiterChoice = ImportDelimiter | typeof DETECT
export type EncodingChoice = ImportEncoding | typeof DETECT

export const DELIMITER_CHOICES: readonly Choice<DelimiterChoice>[] = [
  { value: DETECT, label: 'Detect' },
  { value: ',', label: 'Comma' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe' },
  { value: ';', label: 'Semicolon' }
]

export const ENCODING_CHOICES: readonly Choice<EncodingChoice>[] = [
  { value: DETECT, label: 'Detect' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'windows-1252', label: 'Windows-1252 (Latin-1)' }
]

export const QUOTE_CHOICES: readonly Choice<ImportOptions['quote']>[] = [
  { value: 'double', label: 'Standard ("double quotes")' },
  { value: 'none', label: 'None — quotes are text' }
]

/** The form's fields, all strings or booleans so they bind straight to inputs. */
export interface OptionsForm {
  delimiter: DelimiterChoice
  encoding: EncodingChoice
  header: boolean
  quote: ImportOptions['quote']
  /** Null tokens, one per line (a cell's whole text, so a comma or a space may be part of one). */
  nullTokens: string
  force: boolean
  /** A workbook's sheets to import, by name; null for every visible sheet with a table. */
  sheets: string[] | null
}

export function formFromOptions(options: ImportOptions): OptionsForm {
  return {
    delimiter: options.delimiter ?? DETECT,
    encoding: options.encoding ?? DETECT,
    header: options.header,
    quote: options.quote,
    nullTokens: options.nullTokens.join('\n'),
    force: options.force,
    sheets: options.sheets
  }
}

/** The null tokens typed into the form: each line exactly as typed, blank lines and repeats left out. */
export function nullTokensFromText(text: string): string[] {
  return [...new Set(text.split('\n').filter((line) => line !== ''))]
}

export function optionsFromForm(form: OptionsForm): ImportOptions {
  return {
    delimiter: form.delimiter === DETECT ? null : form.delimiter,
    encoding: form.encoding === DETECT ? null : form.encoding,
    header: form.header,
    quote: form.quote,
    nullTokens: nullTokensFromText(form.nullTokens),
    force: form.force,
    sheets: form.sheets
  }
}

/** What the options form says beside a sheet, by what became of it. */
const SHEET_NOTES: Record<SheetOutcome['status'], string | null> = {
  imported: null,
  'not picked': null,
  hidden: 'hidden',
  empty: 'no table found',
  'too wide': 'too many columns',
  'already in': 'already in the archive'
}

/**
 * The sheets the options form offers for a workbook, ticked as the import left them: the ones it
 * imported, or (when it imported none) every sheet but the hidden ones, those too wide to import and
 * those already in the archive.
 */
export function sheetChoices(outcome: ImportOutcome): { name: string; picked: boolean; note: string | null }[] {
  const sheets = outcome.sheets ?? []
  const imported = sheets.some((sheet) => sheet.status === 'imported')
  return sheets.map((sheet) => ({
    name: sheet.name,
    picked: imported ? sheet.status === 'imported' : sheet.status === 'not picked' || sheet.status === 'empty',
    note: SHEET_NOTES[sheet.status]
  }))
}
