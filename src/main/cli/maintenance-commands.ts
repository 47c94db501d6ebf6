import { resolve } from 'node:path'
import type { Archive } from '../core/index'
import { InvalidRequest } from '../core/invalid-request'
import { backupArchive, restoreArchive } from '../core/maintenance/backups'
import { checkArchive } from '../core/maintenance/check-archive'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { allowOnly, type ParsedArgs } from './parse-cli-args'

function asCommandError(error: unknown): never {
  if (error instanceof InvalidRequest) throw new CommandError(error.message)
  throw error
}

/** `check [--json]`: the integrity checks; search indexes out of step are rebuilt. Exit 1 if damage remains. */
export function checkCommand(archive: Archive, args: ParsedArgs, io: CliIo): boolean {
  allowOnly(args, ['json'])
  if (args.positionals.length > 0) throw new UsageError('check takes no arguments')
  const report = checkArchive(archive.db, true)
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify(report)}\n`)
    return report.ok
  }
  const lines = [`Database      ${report.integrity.length === 1 && report.integrity[0] === 'ok' ? 'ok' : `DAMAGED: ${report.integrity.slice(0, 10).join('; ')}`}`]
  for (const index of report.search) {
    lines.push(`Search index  ${index.index}: ${index.ok ? 'ok' : index.repaired ? `rebuilt (${index.problem})` : `NOT REPAIRED: ${index.problem}`}`)
  }
  if (report.ledgerSettled > 0) lines.push(`Imports       ${report.ledgerSettled} interrupted import${report.ledgerSettled === 1 ? '' : 's'} recorded as such`)
  lines.push(report.ok ? 'The archive is sound.' : 'The archive is damaged: restore a backup (casefile restore FROM) and keep this file for recovery.')
  io.out(`${lines.join('\n')}\n`)
  return report.ok
}

/** `backup OUT`: a checked copy of the archive, never overwriting a file. */
export function backupCommand(archive: Archive, args: ParsedArgs, io: CliIo): void {
  allowOnly(args, [])
  if (args.positionals.length !== 1) throw new UsageError('backup needs the file to write, e.g. casefile backup research-2026-11-29.casefile')
  const target = resolve(args.positionals[0]!)
  try {
    backupArchive(archive.db, target, archive.nativeBinding)
  } catch (error) {
    asCommandError(error)
  }
  io.out(`Backed up ${archive.path} to ${target}\n`)
}

/** `restore FROM`: the archive's content replaced by a checked backup; the current content is kept beside it. */
export async function restoreCommand(archive: Archive, args: ParsedArgs, io: CliIo, latestSchema: number): Promise<void> {
  allowOnly(args, [])
  if (args.positionals.length !== 1) throw new UsageError('restore needs the backup to restore from, e.g. casefile restore research-2026-11-29.casefile')
  const from = resolve(args.positionals[0]!)
  let safety: string
  try {
    safety = await restoreArchive(archive.db, archive.path, from, latestSchema, archive.nativeBinding)
  } catch (error) {
    asCommandError(error)
  }
  io.out(`Restored ${archive.path} from ${from}\nThe content it had before is saved as ${safety}\n`)
}
