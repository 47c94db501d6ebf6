// The file formats notes export to, as the export dialog offers them, and what it says afterwards.

export type ExportFileFormat = 'pdf' | 'html' | 'markdown'

export const EXPORT_FORMATS: readonly { value: ExportFileFormat; label: string; hint: string }[] = [
  { value: 'pdf', label: 'PDF', hint: 'To print or send: charts drawn, sources listed at the end.' },
  { value: 'html', label: 'HTML', hint: 'One self-contained page that opens in any browser.' },
  { value: 'markdown', label: 'Markdown', hint: 'Plain text; charts become tables of their numbers.' }
]

const FORMAT_NAMES: Record<ExportFileFormat, string> = { pdf: 'PDF', html: 'HTML', markdown: 'Markdown' }

/** "Saved 3 notes as PDF." */
export function exportedMessage(notes: number, format: ExportFileFormat): string {
  return `Saved ${notes === 1 ? 'the note' : `${notes} notes`} as ${FORMAT_NAMES[format]}.`
}

/** The title a dossier gets when none is typed (the archive's own default). */
export function defaultDossierTitle(count: number): string {
  return count === 1 ? '' : `Dossier: ${count} notes`
}
