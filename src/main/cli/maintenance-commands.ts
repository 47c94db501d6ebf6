import { resolve } from 'node:path'
import type { Archive } from '../core/index'
import type { Migration } from '../core/db/migrations/migration'
import { InvalidRequest } from '../core/invalid-request'
import { backupArchive } from '../core/maintenance/backups'
import { checkArchive, type ArchiveCheckReport } from '../core/maintenance/check-archive'
import { repairReport, repairSearchIndexes } from '../core/maintenance/repair-search-indexes'
import { restoreReport } from '../core/maintenance/restore-report'
import { restoreArchive, undoLastRestore, type RestoreOutcome, type RestoreTarget } from '../core/maintenance/restore-archive'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { printable } from './format'
import { refuseUnsafeOutput } from './output-file'
import { allowOnly, type ParsedArgs } from './parse-cli-args'

function asCommandError(error: unknown): never {
  if (error instanceof InvalidRequest) throw new CommandError(error.message)
  throw error
}

/** Whether `check` was asked to repair damaged search indexes (`check --repair`), which needs only the archive's file. */
export function wantsRepair(args: ParsedArgs): boolean {
  return args.command === 'check' && args.flags.has('repair')
}

/**
 * `check --repair`: a damaged archive whose damage lies only in its search indexes gets them made
 * again in a checked copy that is put in its place; the damaged file is kept beside it. Other
 * damage is refused as before. Only the archive's file is needed.
 */
export async function repairCommand(target: RestoreTarget, args: ParsedArgs, io: CliIo, migrations: readonly Migration[]): Promise<void> {
  allowOnly(args, ['repair'])
  if (args.positionals.length > 0) throw new UsageError('check --repair takes no arguments')
  let lines: string[]
  try {
    lines = repairReport(target.path, await repairSearchIndexes(target, migrations))
  } catch (error) {
    asCommandError(error)
  }
  io.out(`${lines.map(printable).join('\n')}\n`)
}

/**
 * `check [--json]`: the integrity checks; search indexes out of step are rebuilt. Exit 1 if damage
 * remains. A read-only archive gets the integrity check alone, and says why.
 */
export function checkCommand(archive: Archive, args: ParsedArgs, io: CliIo): boolean {
  allowOnly(args, ['json'])
  if (args.positionals.length > 0) throw new UsageError('check takes no arguments')
  let report: ArchiveCheckReport
  try {
    report = checkArchive(archive, true)
  } catch (error) {
    asCommandError(error)
  }
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify(report)}\n`)
    return report.ok
  }
  const lines = [`Database      ${report.integrity.length === 1 && report.integrity[0] === 'ok' ? 'ok' : `DAMAGED: ${report.integrity.slice(0, 10).join('; ')}`}`]
  for (const index of report.search) {
    lines.push(`Search index  ${index.index}: ${index.ok ? 'ok' : index.repaired ? `rebuilt (${index.problem})` : `NOT REPAIRED: ${index.problem}`}`)
  }
  if (report.notChecked !== null) lines.push('Search index  not checked: the archive is open read-only')
  if (report.ledgerSettled > 0) lines.push(`Imports       ${report.ledgerSettled} interrupted import${report.ledgerSettled === 1 ? '' : 's'} recorded as such`)
  if (report.ok) lines.push('The archive is sound.')
  else if (report.repairable.length > 0) {
    lines.push(
      `The damage is only in the ${report.repairable.join(', ')} search index${report.repairable.length === 1 ? ', which is' : 'es, which are'} made from the rest: casefile check --repair makes ${report.repairable.length === 1 ? 'it' : 'them'} again in a checked copy and keeps this file beside it.`
    )
  } else lines.push('The archive is damaged: restore a backup (casefile restore FROM) and keep this file for recovery.')
  io.out(`${lines.map(printable).join('\n')}\n`)
  return report.ok
}

/** `backup OUT`: a checked copy of the archive, never overwriting a file. */
export function backupCommand(archive: Archive, args: ParsedArgs, io: CliIo): void {
  allowOnly(args, [])
  if (args.positionals.length !== 1) throw new UsageError('backup needs the file to write, e.g. casefile backup research-2026-11-29.casefile')
  const target = resolve(args.positionals[0]!)
  refuseUnsafeOutput(target, archive.path)
  try {
    backupArchive(archive, target)
  } catch (error) {
    asCommandError(error)
  }
  io.out(`Backed up ${printable(archive.path)} to ${printable(target)}\n`)
}

/**
 * `restore FROM`: the archive's content replaced by a checked backup; the current content is kept
 * beside it. `restore --undo` brings that kept content back. Only the archive's file is needed, so
 * this works on an archive that cannot be opened too.
 */
export async function restoreCommand(target: RestoreTarget, args: ParsedArgs, io: CliIo, migrations: readonly Migration[]): Promise<void> {
  allowOnly(args, ['undo'])
  const undo = args.flags.has('undo')
  if (undo ? args.positionals.length !== 0 : args.positionals.length !== 1) {
    throw new UsageError('restore needs the backup to restore from, e.g. casefile restore research-2026-11-29.casefile, or --undo alone')
  }
  let outcome: RestoreOutcome
  try {
    outcome = undo ? await undoLastRestore(target, migrations) : await restoreArchive(target, resolve(args.positionals[0]!), migrations)
  } catch (error) {
    asCommandError(error)
  }
  const lines = restoreReport(target.path, outcome, undo, 'casefile restore --undo')
  io.out(`${lines.map(printable).join('\n')}\n`)
}
