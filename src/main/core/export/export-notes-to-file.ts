import type { Database } from 'better-sqlite3'
import { writeExportFile } from '../fs/write-export-file'
import { InvalidRequest } from '../invalid-request'
import { exportNotes } from './export-notes'
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
 * a file of that name only with `overwrite`. Refuses a PDF without a printer before anything else
 * happens.
 */
export async function exportNotesToFile(
  db: Database,
  request: NotesFileRequest,
  choosePath: (suggestedName: string) => Promise<string | null>,
  printer: PdfPrinter | null,
  overwrite: boolean
): Promise<NotesFile> {
  if (request.format === 'pdf' && printer === null) throw new InvalidRequest('Printing to PDF is not available here; export HTML or Markdown instead.')
  const exported = exportNotes(db, request.ids, request.format === 'markdown' ? 'markdown' : 'html', request.title)
  const path = await choosePath(`${exported.title}.${NOTES_FILE_EXTENSION[request.format]}`)
  if (path === null) return { path: null, notes: 0, sources: 0 }
  writeExportFile(path, printer !== null && request.format === 'pdf' ? await printer.print(exported.text) : exported.text, overwrite)
  return { path, notes: exported.notes, sources: exported.sources }
}
