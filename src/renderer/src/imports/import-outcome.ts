// What the import panel and the status bar say about an import: one line per file, one summary per
// job. Pure, so the wording can be pinned by unit tests without a DOM.

import { ALREADY_IN_ARCHIVE } from '@shared/duplicate-import-warning'
import { emptiedCellsText } from '@shared/emptied-cells'
import type { ImportOutcome, JobStatus } from '@shared/model'
import { ocrSummary } from '@shared/ocr-summary'
import type { Place } from '../shell/place'
import { formatBytes } from '../lib/format-bytes'
import { formatCount } from '../lib/format-cell'
import { formatDuration } from './format-duration'
import { plural } from '@shared/plural'


/**
 * The line under the file name, in two parts so the view can colour the verdict and leave the
 * explanation readable: "Imported as dataset" + " · 1,000,000 rows · 12.3 s", "Failed" + " — …".
 */
export interface Headline {
  verdict: string
  /** Starts with its own separator; '' when there is nothing to add. */
  rest: string
}

export function outcomeHeadlineParts(outcome: ImportOutcome): Headline {
  switch (outcome.status) {
    case 'imported':
      if (outcome.kind === 'dataset') {
        // A sheet with tables stacked on it became a dataset for each.
        const datasets = (outcome.sheets ?? []).reduce((count, sheet) => count + (sheet.status === 'imported' ? 1 + sheet.moreTables.length : 0), 0)
        return {
          verdict: datasets > 1 ? `Imported as ${datasets} datasets` : 'Imported as dataset',
          rest: ` · ${plural(outcome.rows, 'row', 'rows')} · ${formatDuration(outcome.seconds)}`
        }
      }
      return {
        verdict: outcome.kind === 'article' ? 'Imported as article' : 'Imported',
        rest: outcome.ocr === null ? '' : ` · ${ocrSummary(outcome.ocr)}`
      }
    case 'duplicate': {
      // The importer's first warning is one sentence that starts with the verdict ("Already in the
      // archive as dataset X; …"); a ledger written before it said so differently is quoted whole.
      const why = outcome.warnings[0]
      if (why === undefined) return { verdict: ALREADY_IN_ARCHIVE, rest: '' }
      if (why.startsWith(`${ALREADY_IN_ARCHIVE} `)) return { verdict: ALREADY_IN_ARCHIVE, rest: why.slice(ALREADY_IN_ARCHIVE.length) }
      return { verdict: ALREADY_IN_ARCHIVE, rest: ` — ${why}` }
    }
    case 'failed':
      return { verdict: 'Failed', rest: outcome.error === null || outcome.error === '' ? '' : ` — ${outcome.error}` }
    case 'cancelled':
      return { verdict: 'Cancelled', rest: '' }
  }
}

export function outcomeHeadline(outcome: ImportOutcome): string {
  const { verdict, rest } = outcomeHeadlineParts(outcome)
  return verdict + rest
}

/** Warnings to list under the headline, without the file name the line already shows; a duplicate's first one is already in it. */
export function outcomeWarnings(outcome: ImportOutcome): string[] {
  const warnings = outcome.status === 'duplicate' ? outcome.warnings.slice(1) : outcome.warnings
  return warnings.map((warning) => warningUnderFile(outcome.file, warning))
}

/**
 * A warning as said under its file's own line. The importer's warnings name the file so they stand
 * alone (in the CLI's output, in the ledger); under the line that names it, the name only repeats.
 * "a.csv: 3 rows…" and "a.csv, line 4: …" lose it; "a.csv is not UTF-8…" says "The file" instead.
 * A warning that does not start with the whole name and one of those is shown as it is.
 */
export function warningUnderFile(file: string, warning: string): string {
  if (file === '' || !warning.startsWith(file)) return warning
  const rest = warning.slice(file.length)
  if (rest.startsWith(': ') || rest.startsWith(', ')) {
    const said = rest.slice(2)
    return said === '' ? warning : said.charAt(0).toUpperCase() + said.slice(1)
  }
  if (rest.startsWith(' ') && rest.trim() !== '') return `The file${rest}`
  return warning
}

/** What the import did because the person asked it to (cells read as empty), to list beside the warnings. */
export function outcomeNotes(outcome: ImportOutcome): string[] {
  return outcome.emptiedCells.length > 0 ? [`Read as empty: ${emptiedCellsText(outcome.emptiedCells)}`] : []
}

/** Where "Open" goes: the new item, or for a duplicate the one already in the archive. */
export function outcomePlace(outcome: ImportOutcome): Place | null {
  if (outcome.status !== 'imported' && outcome.status !== 'duplicate') return null
  if (outcome.id === null) return null
  if (outcome.kind === 'dataset') return { kind: 'dataset', id: outcome.id, row: null }
  if (outcome.kind === 'article') return { kind: 'article', id: outcome.id, highlight: null, exact: false }
  return null
}

/** Files whose reading no import option changes. */
const WITHOUT_OPTIONS = /\.(pdf|docx|docm|odt|doc|rtf)$/i

/**
 * Failures about the file itself rather than how it was read, in the importer's words: it is empty,
 * gone (before or during the import), a folder or no regular file, or of a kind Casefile does not
 * read. No delimiter, encoding, header or sheet changes any of them.
 */
const NOT_ABOUT_READING = [
  / is empty \(0 bytes\); nothing was imported\.$/,
  /the file does not exist/,
  /^Casefile can't read .*: it is a link to .*, which does not exist\.$/,
  /^Casefile can't read .*: (it is a folder|.*Casefile imports only regular files)/,
  / is a folder with no files to import in it \(hidden files are left out\); nothing was imported\.$/,
  /^Casefile can't import /
]

/**
 * Whether "Import again with options…" makes sense: a file that failed or was skipped may read
 * better with another delimiter or encoding, and a table that did import may have been misread.
 * An imported article has nothing to override.
 */
export function canImportAgain(outcome: ImportOutcome): boolean {
  if (outcome.path === '') return false
  // No option reads a PDF or a word processor's file differently: the form would offer only an
  // encoding that means nothing for them.
  if (outcome.status === 'failed' && WITHOUT_OPTIONS.test(outcome.file)) return false
  // Nor an empty or vanished file (review U24-10): the form would promise a second try that cannot differ.
  if (outcome.status === 'failed' && NOT_ABOUT_READING.some((pattern) => pattern.test(outcome.error ?? ''))) return false
  if (outcome.status === 'failed' || outcome.status === 'duplicate') return true
  return outcome.status === 'imported' && outcome.kind === 'dataset'
}

/** Re-importing bytes the archive already holds needs `force`; the options form offers it then. */
export function alreadyInArchive(outcome: ImportOutcome): boolean {
  return outcome.status === 'duplicate' || outcome.status === 'imported'
}

/**
 * A job's heading. The core titles jobs for the moment they start ("Importing 4 files"); once one
 * has finished, the card's state label already says how it ended, so the heading names what it was
 * about ("4 files") instead of claiming it is still importing.
 */
export function jobHeading(job: JobStatus): string {
  if (job.state === 'running') return job.title
  const about = job.title.replace(/^Importing\s+/, '')
  return about === '' ? job.title : about
}

/**
 * A running job's numbers beside its progress bar: rows written and bytes read, or, while a PDF is
 * read, its pages (bytes and rows say nothing of a scan that takes seconds a page), and while OCR
 * starts (its model loads for seconds before the first scanned page is read), that it does.
 */
export function jobProgressNumbers(job: JobStatus): string {
  if (job.pages !== null) {
    const { read, total, ocr, ocrStarting } = job.pages
    if (ocrStarting === true) return `Starting OCR… (page ${formatCount(read + 1)} of ${formatCount(total)})`
    return [`page ${formatCount(read)} of ${formatCount(total)}`, ocr > 0 ? `${formatCount(ocr)} read by OCR` : null].filter((part) => part !== null).join(' · ')
  }
  return [`${plural(job.rowsWritten, 'row', 'rows')} written`, job.bytesTotal > 0 ? `${formatBytes(job.bytesRead)} of ${formatBytes(job.bytesTotal)}` : null]
    .filter((part) => part !== null)
    .join(' · ')
}

export type SummaryTone = 'success' | 'neutral' | 'danger'

export interface JobSummary {
  text: string
  tone: SummaryTone
}

/** The status bar's one line about a finished import. */
export function summariseJob(job: JobStatus): JobSummary {
  const count = (status: ImportOutcome['status']): number =>
    job.outcomes.filter((outcome) => outcome.status === status).length
  const imported = count('imported')
  const failed = count('failed')
  const parts = [
    imported > 0 ? `${formatCount(imported)} imported` : null,
    count('duplicate') > 0 ? `${formatCount(count('duplicate'))} already in the archive` : null,
    failed > 0 ? `${formatCount(failed)} failed` : null,
    count('cancelled') > 0 ? `${formatCount(count('cancelled'))} cancelled` : null
  ].filter((part): part is string => part !== null)
  const head = job.state === 'cancelled' ? 'Import cancelled' : job.state === 'failed' ? 'Import failed' : 'Import finished'
  const only = job.outcomes.length === 1 ? job.outcomes[0] : undefined
  // One file: name it, which says more than "1 imported".
  const body = only !== undefined ? `${only.file} ${STATUS_PHRASES[only.status]}` : parts.join(', ')
  return {
    text: body === '' ? head : `${head} — ${body}`,
    // A cancelled import is the user's own doing, not a success to celebrate.
    tone: failed > 0 ? 'danger' : job.state === 'cancelled' || imported === 0 ? 'neutral' : 'success'
  }
}

const STATUS_PHRASES: Record<ImportOutcome['status'], string> = {
  imported: 'imported',
  duplicate: 'is already in the archive',
  failed: 'could not be imported',
  cancelled: 'was not imported'
}
