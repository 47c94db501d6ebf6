import { randomBytes } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { ChartDrawer } from '../charts/aggregate-chart'
import { writeExportFile } from '../fs/write-export-file'
import { InvalidRequest } from '../invalid-request'
import { exportNotesPaged, NO_PAGES, pageMark } from './export-notes'
import { pdfPageTexts } from './pdf-page-texts'
import type { PdfPrinter } from './pdf-printer'

export type NotesFileFormat = 'pdf' | 'html' | 'markdown'

/** The file name extension of each format, without the dot. */
export const NOTES_FILE_EXTENSION: Readonly<Record<NotesFileFormat, string>> = { pdf: 'pdf', html: 'html', markdown: 'md' }

export interface NotesFileRequest {
  ids: readonly number[]
  format: NotesFileFormat
  /** The dossier's title; null: the note's own title, or "Dossier: N notes". */
  title: string | null
}

export interface NotesFile {
  /** Null when the person was asked where to save and cancelled: nothing was written. */
  path: string | null
  notes: number
  sources: number
}

/**
 * Writes notes to a file as PDF, HTML or Markdown, for the app's Export and for `casefile
 * export-notes` alike. The document is made once (exportNotes); `choosePath` is then asked where
 * to write it, given the name it suggests ("<title>.pdf"), and may answer null to cancel; a PDF is
 * printed from the document's HTML by `printer`; the file is written whole or not at all, replacing
 * a file of that name only with `overwrite`. `draw` draws the charts the notes embed (in the app,
 * on the rows pool's threads). Refuses a PDF without a printer before anything else happens.
 */
export async function exportNotesToFile(
  db: Database,
  request: NotesFileRequest,
  choosePath: (suggestedName: string) => Promise<string | null>,
  printer: PdfPrinter | null,
  overwrite: boolean,
  draw: ChartDrawer
): Promise<NotesFile> {
  if (request.format === 'pdf' && printer === null) throw new InvalidRequest('Printing to PDF is not available here; export HTML or Markdown instead.')
  const exported = await exportNotesPaged(db, request.ids, request.format === 'markdown' ? 'markdown' : 'html', request.title, NO_PAGES, draw)
  const path = await choosePath(`${exported.title}.${NOTES_FILE_EXTENSION[request.format]}`)
  if (path === null) return { path: null, notes: 0, sources: 0 }
  writeExportFile(path, printer !== null && request.format === 'pdf' ? await printNumbered(db, request, printer, draw) : exported.text, overwrite)
  return { path, notes: exported.notes, sources: exported.sources }
}

/**
 * A PDF whose contents give the page each note (and the Sources) begins on. Where a page breaks is
 * only known once printed, so a dossier is printed twice: with a mark atop each part, to read the
 * pages from, then without marks and with those pages. The marks sit where page breaks already
 * fall (each part starts a page), and a number only lengthens a contents line it shares, so the
 * second printing breaks where the first did.
 */
async function printNumbered(db: Database, request: NotesFileRequest, printer: PdfPrinter, draw: ChartDrawer): Promise<Uint8Array> {
  if (request.ids.length < 2) return printer.print((await exportNotesPaged(db, request.ids, 'html', request.title, NO_PAGES, draw)).text)
  // A mark of its own for this export: a note that quotes another dossier's marks cannot move a page.
  const mark = `casefile${randomBytes(6).toString('hex')}`
  const found = new RegExp(`${pageMark(mark, '(note-\\d+|sources)')}`, 'g')
  const marked = await printer.print((await exportNotesPaged(db, request.ids, 'html', request.title, { mark, pages: null }, draw)).text)
  const pages = new Map<string, number>()
  let texts: string[] = []
  try {
    texts = await pdfPageTexts(marked)
  } catch {
    // A printer whose PDF pdf.js cannot read back still prints the whole dossier; only the contents
    // go without page numbers, which is better than no export at all.
  }
  texts.forEach((text, index) => {
    for (const [, key] of text.matchAll(found)) if (!pages.has(key!)) pages.set(key!, index + 1)
  })
  return printer.print((await exportNotesPaged(db, request.ids, 'html', request.title, { mark: null, pages }, draw)).text)
}
