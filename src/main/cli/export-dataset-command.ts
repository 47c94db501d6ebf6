import type { Archive } from '../core/index'
import { getDataset } from '../core/datasets/dataset-queries'
import { exportRowsCsv } from '../core/datasets/export-rows-csv'
import { FileExistsError } from '../core/fs/publish-file'
import { InvalidRequest } from '../core/invalid-request'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { outputPath } from './output-file'
import { allowOnly, type ParsedArgs } from './parse-cli-args'

/** The plain reason a file could not be written, for the few ways writing one fails. */
function writeFailure(error: unknown, path: string): CommandError {
  if (error instanceof FileExistsError) return new CommandError(`${path} already exists; add --force to replace it, or choose another name.`)
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new CommandError(`cannot write ${path}: its folder does not exist.`)
  if (code === 'EACCES' || code === 'EPERM') return new CommandError(`cannot write ${path}: permission denied.`)
  if (code === 'EROFS') return new CommandError(`cannot write ${path}: the disk is read-only.`)
  if (code === 'ENOSPC') return new CommandError(`cannot write ${path}: the disk is full; nothing was written.`)
  if (code === 'EISDIR') return new CommandError(`cannot write ${path}: it is a folder.`)
  return new CommandError(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`)
}

/**
 * `export-dataset ID --csv OUT.csv [--force]`: the app's Export CSV without the window. Every cell is
 * written as it was imported; the file appears whole or not at all, and replaces another only with --force.
 */
export function exportDatasetCommand(archive: Archive, args: ParsedArgs, io: CliIo): void {
  allowOnly(args, ['csv', 'force'])
  if (args.positionals.length !== 1) throw new UsageError('export-dataset needs one dataset id and --csv OUT.csv, e.g. casefile export-dataset 3 --csv removals.csv')
  const value = args.positionals[0]!
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new UsageError(`“${value}” is not a dataset id (ids are whole numbers; casefile info lists them)`)
  const out = args.flags.get('csv')
  if (typeof out !== 'string') throw new UsageError('export-dataset needs the file to write, e.g. --csv removals.csv')
  const id = Number(value)
  if (getDataset(archive.db, id) === null) throw new CommandError(`Dataset ${id} was not found in this archive.`)
  const path = outputPath(out, args.flags.has('force'))
  let rows: number
  try {
    rows = exportRowsCsv(archive.db, { datasetId: id, sort: null, filters: [] }, path, args.flags.has('force')).rows
  } catch (error) {
    throw error instanceof InvalidRequest ? new CommandError(error.message) : writeFailure(error, path)
  }
  io.out(`Exported ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} of dataset #${id} to ${path}\n`)
}
