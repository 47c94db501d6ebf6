import type { ApiEvent } from '@shared/api'
import type { JobStatus } from '@shared/model'
import { mkdirSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { ArchiveOpenError, createArchiveApi, defaultArchivePath, importWorkerPath, MIGRATIONS, openArchive, sampleDir } from '../core/index'
import { plainFailure } from '../core/plain-failure'
import { assertIsArchive } from '../core/open-archive'
import type { RestoreTarget } from '../core/maintenance/restore-archive'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { printable } from './format'
import { importCommand } from './import-command'
import { chartCommand } from './chart-command'
import { exportDatasetCommand } from './export-dataset-command'
import { ChromiumPdfPrinter, findChromium } from './chromium-pdf-printer'
import { exportNotesCommand } from './export-notes-command'
import { backupCommand, checkCommand, repairCommand, restoreCommand, wantsRepair } from './maintenance-commands'
import { infoCommand } from './info-command'
import { parseCliArgs, type ParsedArgs } from './parse-cli-args'
import { searchCommand } from './search-command'

export const USAGE = `Usage: casefile [--archive PATH] COMMAND [OPTIONS]

Commands:
  info [--json]                          what the archive holds
  search QUERY [--json] [--limit N]      one ranked search over articles, notes and data rows
        [--kind article|note|data] [--sort relevance|newest|oldest] [--exact]
  import FILE|FOLDER… [--json]           import tables (.csv .tsv .json .ndjson), workbooks (.xlsx .xlsm
        [--delimiter comma|tab|pipe|semicolon]    .xls .ods, Excel 2003 .xml) and articles (.txt .md .html
                                         .pdf .docx .odt)
        [--encoding utf-8|utf-16le|utf-16be|windows-1252] [--no-header] [--quote none] [--force]
        [--null-token TEXT]…             cells of exactly TEXT read as empty, and counted
        [--sheet NAME]…                  a workbook's sheets to import (default: every visible one)
  chart SPEC.json [--json] [--png OUT.png] [--force]
                                         the aggregated series of a chart spec, and its picture
  check [--json]                         integrity checks; rebuilds search indexes that are out of step
  check --repair                         a damaged archive whose damage is only in its search indexes:
                                         makes them again in a checked copy put in its place (the
                                         damaged file is kept beside it)
  backup OUT                             a checked copy of the archive (never overwrites a file)
  restore FROM                           replace the archive's content with a backup (the old content is kept)
  restore --undo                         bring back the content the last restore replaced
  export-dataset ID --csv OUT.csv [--for-spreadsheets] [--force]
                                         a dataset's rows as CSV, every cell as it was imported;
                                         --for-spreadsheets marks text that starts like a formula
                                         (=, +, -, @) with a leading ' so Excel shows it, not runs it
  export-notes ID… (--pdf OUT.pdf | --md OUT.md | --html OUT.html) [--title T] [--force]
                                         one note, or several as a dossier, with its sources
                                         (PDF uses Chromium: CHROMIUM_PATH or /usr/bin/chromium)

An existing file is replaced only with --force. A damaged archive, or one on read-only media,
opens read-only: reading, search and export work, and each change is refused with the reason.

--archive PATH opens that archive, creating and seeding it when the file does not exist;
without it, the app's default archive (${defaultArchivePath()}).
`

function isCasefileArchive(path: string): boolean {
  try {
    assertIsArchive(path)
    return true
  } catch {
    return false
  }
}

/** Says why a command failed, in one line, and returns its exit code: 2 for a usage mistake, else 1. */
function reportFailure(error: unknown, archiveName: string, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`casefile: ${printable(error.message)}\n`)
    return 2
  }
  io.err(`casefile: ${printable(error instanceof CommandError ? error.message : plainFailure(error, archiveName))}\n`)
  return 1
}

/** `restore` or `check --repair` on an archive that could not be opened: the same command, on the file alone. */
async function restoreUnopened(target: RestoreTarget, args: ParsedArgs, io: CliIo): Promise<number> {
  try {
    if (wantsRepair(args)) await repairCommand(target, args, io, MIGRATIONS)
    else await restoreCommand(target, args, io, MIGRATIONS)
    return 0
  } catch (error) {
    return reportFailure(error, basename(target.path), io)
  }
}

/** Chromium's printer, when a Chromium is installed (CHROMIUM_PATH, or the usual place). */
function chromiumPrinter(): ChromiumPdfPrinter | null {
  const path = findChromium(process.env)
  return path === null ? null : new ChromiumPdfPrinter(path)
}

/**
 * Runs one CLI invocation and returns the process exit code (0 ok, 1 failure, 2 usage). A failure
 * is one line on stderr, in plain words; so is the warning that the archive is open read-only,
 * printed when the command has said nothing else there.
 */
export async function runCli(argv: readonly string[], given: CliIo, appRoot: string): Promise<number> {
  let saidOnStderr = false
  const io: CliIo = {
    ...given,
    err: (text) => {
      saidOnStderr = true
      given.err(text)
    }
  }
  const mainDir = join(appRoot, 'out', 'main')
  let args
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    io.err(`casefile: ${printable((error as Error).message)} (casefile help lists the commands and options)\n`)
    return 2
  }
  if (args.command === null) {
    // One line, as for every other usage mistake; the full text is one command away.
    io.err('casefile: no command given (casefile help lists the commands and options)\n')
    return 2
  }
  if (args.command === 'help' || args.flags.has('help')) {
    io.out(USAGE)
    return 0
  }
  if (!['info', 'search', 'import', 'chart', 'export-dataset', 'export-notes', 'check', 'backup', 'restore'].includes(args.command)) {
    io.err(`casefile: unknown command "${printable(args.command)}" (casefile help lists the commands)\n`)
    return 2
  }

  const followers = new Map<string, { update: (job: JobStatus) => void; done: (job: JobStatus) => void }>()
  const onEvent = (event: ApiEvent) => {
    if (event.type !== 'job') return
    const follower = followers.get(event.job.id)
    if (!follower) return
    if (event.job.state === 'running') follower.update(event.job)
    else follower.done(event.job)
  }
  let archive
  try {
    // The app's own folder is made on first use; a folder named with --archive must exist.
    if (args.archive === null) mkdirSync(dirname(defaultArchivePath()), { recursive: true })
    archive = await openArchive(args.archive ?? defaultArchivePath(), { create: true, seedDir: sampleDir(appRoot), nativeBinding: null })
  } catch (error) {
    const path = resolve(args.archive ?? defaultArchivePath())
    // A restore needs only the archive's file: it is how an archive that cannot be opened is mended.
    if ((args.command === 'restore' || wantsRepair(args)) && error instanceof ArchiveOpenError && error.code === 'unreadable' && isCasefileArchive(path)) {
      return restoreUnopened({ path, nativeBinding: null }, args, io)
    }
    io.err(`casefile: ${printable(error instanceof ArchiveOpenError ? error.message : plainFailure(error, basename(path)))}\n`)
    return 1
  }
  // One search per process: a worker thread would only add its start-up to it.
  // Files are written by the commands themselves, never through a save dialog; nothing here has a menu.
  const handle = createArchiveApi(archive, onEvent, { importWorker: importWorkerPath(mainDir), searchWorker: null, chooseSavePath: null, pdfPrinter: null, showContextMenu: null, reopen: null })
  let warnReadOnly = true
  const follow = (jobId: string, update: (job: JobStatus) => void) =>
    new Promise<JobStatus>((done) => followers.set(jobId, { update, done }))
  try {
    switch (args.command) {
      case 'info':
        await infoCommand(handle.api, args, io)
        return 0
      case 'search':
        await searchCommand(handle.api, args, io)
        return 0
      case 'chart':
        await chartCommand(handle.api, args, io, archive.path)
        return 0
      case 'check':
        if (!wantsRepair(args)) return checkCommand(archive, args, io) ? 0 : 1
        await repairCommand(archive, args, io, MIGRATIONS)
        // The damage that made the archive read-only has just been left behind in the kept file.
        warnReadOnly = false
        return 0
      case 'backup':
        backupCommand(archive, args, io)
        return 0
      case 'restore':
        await restoreCommand(archive, args, io, MIGRATIONS)
        // The content that made the archive read-only (damage) has just been replaced.
        warnReadOnly = false
        return 0
      case 'export-dataset':
        exportDatasetCommand(archive, args, io)
        return 0
      case 'export-notes':
        await exportNotesCommand(archive, args, io, chromiumPrinter)
        return 0
      default:
        return await importCommand(handle.api, args, io, follow)
    }
  } catch (error) {
    return reportFailure(error, basename(archive.path), io)
  } finally {
    if (warnReadOnly && archive.readOnly !== null && !saidOnStderr) io.err(`casefile: ${printable(archive.readOnly.message)}\n`)
    await handle.dispose()
    archive.close()
  }
}
