import type { Archive } from '../core/index'
import { chartDrawer } from '../core/charts/aggregate-chart'
import { exportNotesToFile, type NotesFileFormat } from '../core/export/export-notes-to-file'
import type { PdfPrinter } from '../core/export/pdf-printer'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { printable } from './format'
import { outputPath } from './output-file'
import { allowOnly, type ParsedArgs } from './parse-cli-args'

const FORMATS: Readonly<Record<'pdf' | 'md' | 'html', NotesFileFormat>> = { pdf: 'pdf', md: 'markdown', html: 'html' }
const FLAGS = ['pdf', 'md', 'html'] as const

/**
 * `export-notes ID… (--pdf OUT.pdf | --md OUT.md | --html OUT.html) [--title T] [--force]`: the same
 * routine as the app's Export, writing where the command line says. `printer` is asked for only
 * when a PDF is wanted (null: no Chromium here).
 */
export async function exportNotesCommand(archive: Archive, args: ParsedArgs, io: CliIo, printer: () => PdfPrinter | null): Promise<void> {
  allowOnly(args, [...FLAGS, 'title', 'force'])
  const chosen = FLAGS.filter((flag) => args.flags.has(flag))
  if (chosen.length !== 1) throw new UsageError('export-notes needs exactly one of --pdf OUT.pdf, --md OUT.md or --html OUT.html')
  const flag = chosen[0]!
  const out = args.flags.get(flag)
  if (typeof out !== 'string') throw new UsageError(`--${flag} needs the file to write, e.g. --${flag} notes.${flag}`)
  if (args.positionals.length === 0) throw new UsageError('export-notes needs the ids of the notes to export, e.g. casefile export-notes 3 5 --pdf dossier.pdf')
  const ids = args.positionals.map((value) => {
    if (!/^[1-9]\d{0,14}$/.test(value)) throw new UsageError(`“${value}” is not a note id (ids are whole numbers; casefile info lists them)`)
    return Number(value)
  })
  const force = args.flags.has('force')
  const path = outputPath(out, force, archive.path)
  const title = args.flags.get('title')
  const format = FORMATS[flag]
  const pdf = format === 'pdf' ? printer() : null
  if (format === 'pdf' && pdf === null) {
    throw new CommandError('printing to PDF needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH to its executable. --html and --md work without it.')
  }
  const written = await exportNotesToFile(archive.db, { ids, format, title: typeof title === 'string' ? title : null }, async () => path, pdf, force, chartDrawer(archive.db, null))
  io.out(`Exported ${written.notes} note${written.notes === 1 ? '' : 's'} with ${written.sources} source${written.sources === 1 ? '' : 's'} to ${printable(path)}\n`)
}
