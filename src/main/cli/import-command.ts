import { basename, resolve } from 'node:path'
import { MAX_NULL_TOKEN_LENGTH, MAX_NULL_TOKENS, type ArchiveApi } from '@shared/api'
import { emptiedCellsText } from '@shared/emptied-cells'
import { DEFAULT_IMPORT_OPTIONS, type ImportDelimiter, type ImportEncoding, type ImportOptions, type JobStatus } from '@shared/model'
import { UsageError, type CliIo } from './cli-io'
import { ocrSummary } from '@shared/ocr-summary'
import { formatBytes, printable } from './format'
import { allowOnly, type ParsedArgs } from './parse-cli-args'
import { unwrap } from './unwrap'
import { unreadOutcome } from '../core/import/import-files'
import { plural } from '@shared/plural'

const DELIMITERS: Record<string, ImportDelimiter> = {
  ',': ',', comma: ',', '\\t': '\t', '\t': '\t', tab: '\t', '|': '|', pipe: '|', ';': ';', semicolon: ';'
}
const ENCODINGS: Record<string, ImportEncoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', 'latin-1': 'windows-1252', latin1: 'windows-1252', 'iso-8859-1': 'windows-1252'
}

export function importOptionsFrom(args: ParsedArgs): ImportOptions {
  const delimiter = args.flags.get('delimiter')
  const encoding = args.flags.get('encoding')
  const quote = args.flags.get('quote')
  const options: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS }
  if (typeof delimiter === 'string') {
    const chosen = DELIMITERS[delimiter.toLowerCase()]
    if (!chosen) throw new UsageError(`--delimiter must be comma, tab, pipe or semicolon (or the character), not "${delimiter}"`)
    options.delimiter = chosen
  }
  if (typeof encoding === 'string') {
    const chosen = ENCODINGS[encoding.toLowerCase()]
    if (!chosen) throw new UsageError(`--encoding must be utf-8, utf-16le, utf-16be or windows-1252 (latin-1), not "${encoding}"`)
    options.encoding = chosen
  }
  if (typeof quote === 'string') {
    if (quote !== 'none' && quote !== 'double') throw new UsageError(`--quote must be none or double, not "${quote}"`)
    options.quote = quote
  }
  options.header = !args.flags.has('no-header')
  options.force = args.flags.has('force')
  const tokens = args.repeated.get('null-token') ?? []
  if (tokens.length > MAX_NULL_TOKENS) throw new UsageError(`--null-token may be given up to ${MAX_NULL_TOKENS} times`)
  const long = tokens.find((token) => token.length > MAX_NULL_TOKEN_LENGTH)
  if (long !== undefined) throw new UsageError(`--null-token takes a cell's text of up to ${MAX_NULL_TOKEN_LENGTH} characters, not "${long.slice(0, 40)}…"`)
  options.nullTokens = tokens
  // A workbook's sheets, by name: `--sheet "Table 39" --sheet Notes`; none given reads every visible one.
  const sheets = args.repeated.get('sheet') ?? []
  options.sheets = sheets.length > 0 ? sheets : null
  return options
}

/** A one-line progress bar, redrawn in place on a terminal's stderr; a PDF's detail counts its pages. */
export function progressLine(job: JobStatus): string {
  const width = 24
  const fraction = job.progress ?? 0
  const filled = Math.round(fraction * width)
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
  const bytes = job.bytesTotal > 0 ? ` ${formatBytes(job.bytesRead)} / ${formatBytes(job.bytesTotal)}` : ''
  const numbers = job.pages !== null ? '' : `${bytes} · ${job.rowsWritten.toLocaleString('en-US')} rows`
  return `\r${bar} ${String(Math.round(fraction * 100)).padStart(3)}%${numbers} · ${printable(job.detail)}`.slice(0, 160) + '\u001b[K'
}

/** The exit status of an import stopped by Ctrl-C, as shells report a process ended by SIGINT. */
const INTERRUPTED = 130

/**
 * Runs the import as the app does (a job) and waits for it to finish; one summary line per file.
 * Returns the exit status: 0 when every file was imported (or already was), 130 after Ctrl-C, else 1.
 */
export async function importCommand(
  api: ArchiveApi,
  args: ParsedArgs,
  io: CliIo,
  follow: (jobId: string, onUpdate: (job: JobStatus) => void) => Promise<JobStatus>
): Promise<number> {
  allowOnly(args, ['json', 'delimiter', 'encoding', 'no-header', 'quote', 'null-token', 'sheet', 'force'])
  if (args.positionals.length === 0) throw new UsageError('import needs at least one file or folder')
  const options = importOptionsFrom(args)
  const paths = args.positionals.map((path) => resolve(path))
  const started = await api.importFiles({ paths, options })
  // An archive open read-only takes no import: the refusal is one line on stderr, and a script
  // reading --json lines still gets one for each file or folder given, as for any failed file.
  if (!started.ok && started.error.code === 'read-only' && args.flags.has('json')) {
    for (const path of paths) io.out(`${JSON.stringify({ ...unreadOutcome(path, null), status: 'failed', error: `${basename(path)} was not imported: ${started.error.message}` })}\n`)
  }
  const { jobId } = unwrap(started)
  let drawn = false
  // Ctrl-C cancels the job as the panel's Cancel button does: the file being read is rolled back and
  // recorded as cancelled, and the lines below still say what became of every file.
  let interrupted = false
  const stopListening = io.onInterrupt(() => {
    interrupted = true
    void api.cancelJob({ jobId })
  })
  let job: JobStatus
  try {
    job = await follow(jobId, (update) => {
      if (!io.errIsTty || update.state !== 'running') return
      io.err(progressLine(update))
      drawn = true
    })
  } finally {
    stopListening()
  }
  if (drawn) io.err('\r\u001b[K')
  for (const outcome of job.outcomes) {
    if (args.flags.has('json')) {
      io.out(`${JSON.stringify(outcome)}\n`)
      continue
    }
    const ocr = outcome.ocr ? ` (${ocrSummary(outcome.ocr)})` : ''
    // A sheet with tables stacked on it became a dataset for each: "Sheet › Table 39B…".
    const sheets = (outcome.sheets ?? []).flatMap((sheet) =>
      sheet.id === null ? [] : [{ name: sheet.name, id: sheet.id, rows: sheet.rows }, ...sheet.moreTables.map((table) => ({ ...table, name: `${sheet.name} › ${table.name}` }))]
    )
    const what =
      sheets.length > 0
        ? `${sheets.length === 1 ? 'dataset' : 'datasets'} ${sheets.map((sheet) => `#${sheet.id} “${printable(sheet.name)}” (${plural(sheet.rows, 'row', 'rows')})`).join(', ')}`
        : outcome.kind === 'dataset'
          ? `dataset #${outcome.id} (${plural(outcome.rows, 'row', 'rows')})`
          : `article #${outcome.id}${ocr}`
    // File names and messages quoting them are printed escaped: a name cannot break a line or send escape codes.
    if (outcome.status === 'imported') io.out(`imported  ${printable(outcome.file)} → ${what} in ${outcome.seconds} s\n`)
    if (outcome.status === 'imported' && outcome.emptiedCells.length > 0) io.out(`  read as empty: ${printable(emptiedCellsText(outcome.emptiedCells))}\n`)
    // Someone who imported a file with the wrong options needs to know how to import it once more.
    else if (outcome.status === 'duplicate') io.out(`skipped   ${printable([outcome.file, ...outcome.warnings.slice(0, 1)].join(' — '))} To import it again (with other options, say), add --force.\n`)
    else if (outcome.status === 'cancelled') io.out(`cancelled ${printable(outcome.file)}${interrupted ? ' — stopped by Ctrl-C; nothing of it was imported.' : ''}\n`)
    else if (outcome.status !== 'imported') io.err(`failed    ${printable(outcome.error ?? outcome.file)}\n`)
    if (outcome.status === 'imported') for (const warning of outcome.warnings) io.err(`  warning: ${printable(warning)}\n`)
  }
  for (const { file, why } of job.skipped) io.out(`skipped   ${printable(file)} — ${why}; it was left out.\n`)
  if (interrupted) return INTERRUPTED
  return job.outcomes.length > 0 && job.outcomes.every((outcome) => outcome.status === 'imported' || outcome.status === 'duplicate') ? 0 : 1
}
