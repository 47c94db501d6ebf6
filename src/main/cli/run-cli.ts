import type { ApiEvent } from '@shared/api'
import type { JobStatus } from '@shared/model'
import { ArchiveOpenError, createArchiveApi, defaultArchivePath, openArchive, sampleDir } from '../core/index'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { importCommand } from './import-command'
import { infoCommand } from './info-command'
import { parseCliArgs } from './parse-cli-args'
import { searchCommand } from './search-command'

export const USAGE = `Usage: casefile [--archive PATH] COMMAND [OPTIONS]

Commands:
  info [--json]                          what the archive holds
  search QUERY [--json] [--limit N]      full-text search over articles and notes
  import FILE… [--json]                  import articles (.txt, .md) and tables (.csv, .tsv)

--archive PATH opens that archive, creating and seeding it when the file does not exist;
without it, the app's default archive (${defaultArchivePath()}).
`

/** Runs one CLI invocation and returns the process exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo, appRoot: string): Promise<number> {
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
  if (!['info', 'search', 'import'].includes(args.command)) {
    io.err(`casefile: unknown command "${args.command}"\n${USAGE}`)
    return 2
  }

  const waiting = new Map<string, (job: JobStatus) => void>()
  const onEvent = (event: ApiEvent) => {
    if (event.type === 'job' && event.job.state !== 'running') waiting.get(event.job.id)?.(event.job)
  }
  let archive
  try {
    archive = openArchive(args.archive ?? defaultArchivePath(), { create: true, seedDir: sampleDir(appRoot), nativeBinding: null })
  } catch (error) {
    io.err(`casefile: ${error instanceof ArchiveOpenError ? error.message : String(error)}\n`)
    return 1
  }
  const handle = createArchiveApi(archive, onEvent)
  const finished = (jobId: string) => new Promise<JobStatus>((resolve) => waiting.set(jobId, resolve))
  try {
    switch (args.command) {
      case 'info':
        await infoCommand(handle.api, args, io)
        return 0
      case 'search':
        await searchCommand(handle.api, args, io)
        return 0
      default:
        return (await importCommand(handle.api, args, io, finished)) ? 0 : 1
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`casefile: ${error.message}\n`)
      return 2
    }
    io.err(`casefile: ${error instanceof CommandError ? error.message : String(error)}\n`)
    return 1
  } finally {
    handle.dispose()
    archive.close()
  }
}
