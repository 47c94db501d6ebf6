import { basename } from 'node:path'
import type { Archive } from '../core/index'
import { getDataset } from '../core/datasets/dataset-queries'
import { exportRowsCsv } from '../core/datasets/export-rows-csv'
import { formulaCellsNote } from '@shared/formula-cells-note'
import { FileExistsError } from '../core/fs/publish-file'
import { InvalidRequest } from '../core/invalid-request'
import { plainFailure, reasonOf } from '../core/plain-failure'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { printable } from './format'
import { outputPath } from './output-file'
import { allowOnly, type ParsedArgs } from './parse-cli-args'

/**
 * The plain reason an export failed: reading the archive (busy, damaged) is said as the archive's
 * problem; writing the file as the file's, by the name the person chose.
 */
function exportFailure(error: unknown, path: string, archivePath: string): CommandError {
  if (error instanceof FileExistsError) return new CommandError(`${path} already exists; choose another name, or add --force to replace it.`)
  if (error instanceof InvalidRequest) return new CommandError(error.message)
  const code = String((error as { code?: unknown } | null)?.code)
  if (code.startsWith('SQLITE_') && code !== 'SQLITE_FULL') return new CommandError(plainFailure(error, basename(archivePath)))
  return new CommandError(`cannot write ${basename(path)}: ${reasonOf(error)}. Nothing was written.`)
}

/**
 * `export-dataset ID --csv OUT.csv [--for-spreadsheets] [--force]`: the app's Export CSV without the
 * window. Every cell is written as it was imported, unless --for-spreadsheets asks for text that
 * starts like a formula to be marked as text; the file appears whole or not at all, and replaces
 * another only with --force.
 */
export function exportDatasetCommand(archive: Archive, args: ParsedArgs, io: CliIo): void {
  allowOnly(args, ['csv', 'force', 'for-spreadsheets'])
  if (args.positionals.length !== 1) throw new UsageError('export-dataset needs one dataset id and --csv OUT.csv, e.g. casefile export-dataset 3 --csv removals.csv')
  const value = args.positionals[0]!
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new UsageError(`“${value}” is not a dataset id (ids are whole numbers; casefile info lists them)`)
  const out = args.flags.get('csv')
  if (typeof out !== 'string') throw new UsageError('export-dataset needs the file to write, e.g. --csv removals.csv')
  const id = Number(value)
  if (getDataset(archive.db, id) === null) throw new CommandError(`Dataset ${id} was not found in this archive.`)
  const force = args.flags.has('force')
  const path = outputPath(out, force, archive.path)
  const formulas = args.flags.has('for-spreadsheets') ? 'as-text' : 'as-imported'
  let exported: { rows: number; formulaCells: number }
  try {
    exported = exportRowsCsv(archive.db, { datasetId: id, sort: null, filters: [] }, path, force, formulas)
  } catch (error) {
    throw exportFailure(error, path, archive.path)
  }
  const { rows, formulaCells } = exported
  io.out(`Exported ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} of dataset #${id} to ${printable(path)}\n`)
  // Part of the result, on stdout like an import's "read as empty": stderr keeps its one line for a
  // failure or the archive's read-only warning.
  if (formulaCells > 0) io.out(`  ${formulaCellsNote(formulaCells, formulas, '--for-spreadsheets')}\n`)
}
