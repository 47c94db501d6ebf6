import { resolve } from 'node:path'
import type { ArchiveApi } from '@shared/api'
import type { JobStatus } from '@shared/model'
import { UsageError, type CliIo } from './cli-io'
import { allowOnly, type ParsedArgs } from './parse-cli-args'
import { unwrap } from './unwrap'

/** Runs the import as the app does (a job) and waits for it to finish; one summary line per file. */
export async function importCommand(
  api: ArchiveApi,
  args: ParsedArgs,
  io: CliIo,
  finished: (jobId: string) => Promise<JobStatus>
): Promise<boolean> {
  allowOnly(args, ['json'])
  if (args.positionals.length === 0) throw new UsageError('import needs at least one file')
  const { jobId } = unwrap(await api.importFiles({ paths: args.positionals.map((path) => resolve(path)) }))
  const job = await finished(jobId)
  for (const outcome of job.outcomes) {
    if (args.flags.has('json')) {
      io.out(`${JSON.stringify(outcome)}\n`)
      continue
    }
    const what = outcome.kind === 'dataset' ? `dataset #${outcome.id} (${outcome.rows} rows)` : `article #${outcome.id}`
    if (outcome.status === 'imported') io.out(`imported  ${outcome.file} → ${what}\n`)
    else if (outcome.status === 'duplicate') io.out(`skipped   ${outcome.warnings[0] ?? outcome.file}\n`)
    else if (outcome.status === 'cancelled') io.out(`cancelled ${outcome.file}\n`)
    else io.err(`failed    ${outcome.error ?? outcome.file}\n`)
    if (outcome.status === 'imported') for (const warning of outcome.warnings) io.err(`  warning: ${warning}\n`)
  }
  return job.outcomes.every((outcome) => outcome.status === 'imported' || outcome.status === 'duplicate')
}
