import type { ArchiveApi } from '@shared/api'
import type { PdfPrinter } from '../core/export/pdf-printer'
import { ChromiumPdfPrinter, findChromium } from './chromium-pdf-printer'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { printable } from './format'
import { outputPath, writeOutput } from './output-file'
import { allowOnly, type ParsedArgs } from './parse-cli-args'
import { unwrap } from './unwrap'

const FORMATS = ['pdf', 'md', 'html'] as const

/** `export-notes ID… (--pdf OUT.pdf | --md OUT.md | --html OUT.html) [--title T] [--force]` */
export async function exportNotesCommand(
  api: ArchiveApi,
  args: ParsedArgs,
  io: CliIo,
  archivePath: string,
  printer: () => PdfPrinter | null = () => {
    const path = findChromium()
    return path ? new ChromiumPdfPrinter(path) : null
  }
): Promise<void> {
  allowOnly(args, [...FORMATS, 'title', 'force'])
  const chosen = FORMATS.filter((format) => args.flags.has(format))
  if (chosen.length !== 1) throw new UsageError('export-notes needs exactly one of --pdf OUT.pdf, --md OUT.md or --html OUT.html')
  const format = chosen[0]!
  const out = args.flags.get(format)
  if (typeof out !== 'string') throw new UsageError(`--${format} needs the file to write, e.g. --${format} notes.${format}`)
  if (args.positionals.length === 0) throw new UsageError('export-notes needs the ids of the notes to export, e.g. casefile export-notes 3 5 --pdf dossier.pdf')
  const ids = args.positionals.map((value) => {
    if (!/^[1-9]\d{0,14}$/.test(value)) throw new UsageError(`“${value}” is not a note id (ids are whole numbers; casefile info lists them)`)
    return Number(value)
  })
  const force = args.flags.has('force')
  const path = outputPath(out, force, archivePath)
  const title = args.flags.get('title')
  const exported = unwrap(await api.exportNotes({ ids, format: format === 'md' ? 'markdown' : 'html', title: typeof title === 'string' ? title : null }))
  if (format === 'pdf') {
    const pdf = printer()
    if (pdf === null) {
      throw new CommandError('printing to PDF needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH to its executable. --html and --md work without it.')
    }
    writeOutput(path, await pdf.print(exported.text), force)
  } else {
    writeOutput(path, exported.text, force)
  }
  io.out(`Exported ${exported.notes} note${exported.notes === 1 ? '' : 's'} with ${exported.sources} source${exported.sources === 1 ? '' : 's'} to ${printable(path)}\n`)
}
