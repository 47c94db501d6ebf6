import type { ApiEvent } from '@shared/api'
import type { JobStatus } from '@shared/model'
import { join } from 'node:path'
import { ArchiveOpenError, createArchiveApi, defaultArchivePath, importWorkerPath, LATEST_SCHEMA_VERSION, openArchive, sampleDir } from '../core/index'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { importCommand } from './import-command'
import { chartCommand } from './chart-command'
import { exportDatasetCommand } from './export-dataset-command'
import { exportNotesCommand } from './export-notes-command'
import { backupCommand, checkCommand, restoreCommand } from './maintenance-commands'
import { infoCommand } from './info-command'
import { parseCliArgs } from './parse-cli-args'
import { searchCommand } from './search-command'

export const USAGE = `Usage: casefile [--archive PATH] COMMAND [OPTIONS]

Commands:
  info [--json]                          what the archive holds
  search QUERY [--json] [--limit N]      one ranked search over articles, notes and data rows
        [--kind article|note|data] [--sort relevance|newest|oldest] [--exact]
  import FILE|FOLDER… [--json]           import tables (.csv .tsv .json .ndjson) and articles
        [--delimiter comma|tab|pipe|semicolon] [--encoding utf-8|utf-16le|utf-16be|windows-1252]
        [--no-header] [--quote none] [--force]      (.txt .md .html .pdf)
        [--null-token TEXT]…             cells of exactly TEXT read as empty, and counted
  chart SPEC.json [--json] [--png OUT.png]
                                         the aggregated series of a chart spec, and its picture
  check [--json]                         integrity checks; rebuilds search indexes that are out of step
  backup OUT                             a checked copy of the archive (never overwrites a file)
  restore FROM                           replace the archive's content with a backup (the old content is kept)
  export-dataset ID --csv OUT.csv [--force]
                                         a dataset's rows as CSV, every cell as it was imported
  export-notes ID… (--pdf OUT.pdf | --md OUT.md | --html OUT.html) [--title T]
                                         one note, or several as a dossier, with its sources
                                         (PDF uses Chromium: CHROMIUM_PATH or /usr/bin/chromium)

--archive PATH opens that archive, creating and seeding it when the file does not exist;
without it, the app's default archive (${defaultArchivePath()}).
`

/** Runs one CLI invocation and returns the process exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo, appRoot: string): Promise<number> {
  const mainDir = join(appRoot, 'out', 'main')
  let args
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    io.err(`casefile: ${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (args.command === null || args.command === 'help' || args.flags.has('help')) {
    ;(args.command === null ? io.err : io.out)(USAGE)
    return args.command === null ? 2 : 0
  }
  if (!['info', 'search', 'import', 'chart', 'export-dataset', 'export-notes', 'check', 'backup', 'restore'].includes(args.command)) {
    io.err(`casefile: unknown command "${args.command}"\n${USAGE}`)
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
    archive = await openArchive(args.archive ?? defaultArchivePath(), { create: true, seedDir: sampleDir(appRoot), nativeBinding: null })
  } catch (error) {
    io.err(`casefile: ${error instanceof ArchiveOpenError ? error.message : String(error)}\n`)
    return 1
  }
  const handle = createArchiveApi(archive, onEvent, { importWorker: importWorkerPath(mainDir) })
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
        await chartCommand(handle.api, args, io)
        return 0
      case 'check':
        return checkCommand(archive, args, io) ? 0 : 1
      case 'backup':
        backupCommand(archive, args, io)
        return 0
      case 'restore':
        await restoreCommand(archive, args, io, LATEST_SCHEMA_VERSION)
        return 0
      case 'export-dataset':
        exportDatasetCommand(archive, args, io)
        return 0
      case 'export-notes':
        await exportNotesCommand(handle.api, args, io)
        return 0
      default:
        return (await importCommand(handle.api, args, io, follow)) ? 0 : 1
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`casefile: ${error.message}\n`)
      return 2
    }
    io.err(`casefile: ${error instanceof CommandError ? error.message : String(error)}\n`)
    return 1
  } finally {
    await handle.dispose()
    archive.close()
  }
}
