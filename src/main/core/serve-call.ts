// Every call that crosses into the archive, from the window over IPC, from the browser test
// harness's bridge or from the CLI, is served here and nowhere else: checked against the contract,
// run, and answered with a value or the contract's error value. The archive's own code returns values
// and throws; this is the one place a throw becomes something a person reads.

import { basename } from 'node:path'
import { apiMethods, checkCall, type ApiHandlers, type ApiMethod, type ArchiveApi } from '@shared/api'
import { fail, ok, type ApiError, type Result } from '@shared/result'
import type { Archive } from './archive'
import { InvalidRequest } from './invalid-request'
import { NotFound } from './not-found'
import { archiveBusyMessage, isBusy, isDamage, plainFailure, reasonOf } from './plain-failure'
import { plainErrorMessage } from './plain-error-message'
import { ArchiveReadOnly } from './read-only-state'
import { SearchReplaced } from './search/search-pool'
import { RowQueryReplaced } from './datasets/rows-pool'

/** An open archive and the contract's methods on it (createArchiveApi makes one). */
export interface ServedArchive {
  readonly archive: Archive
  readonly handlers: ApiHandlers
}

export const NO_ARCHIVE_MESSAGE = 'No archive is open right now. Open or create one from the File menu.'

/**
 * Serves one call: its method and arguments are checked against the contract, then run on `served`;
 * with no archive open (the app between two archives) the answer is 'busy'. Never throws.
 */
export async function serveCall(served: ServedArchive | null, method: unknown, args: unknown): Promise<Result<unknown>> {
  const checked = checkCall(method, args)
  if (!checked.ok) return checked
  if (served === null) return fail('busy', NO_ARCHIVE_MESSAGE)
  // checkCall has just proven that `args` fits this method; the map's type cannot say which one it is.
  const handler = served.handlers[checked.value] as (args: unknown) => unknown
  try {
    return ok(await handler(args))
  } catch (error) {
    return { ok: false, error: failureOf(served.archive, checked.value, error) }
  }
}

/** The contract's methods as typed functions, each call served by serveCall: how the CLI and the app's menu call. */
export function servedApi(served: ServedArchive): ArchiveApi {
  const entries = apiMethods.map((method) => [method, (args?: unknown) => serveCall(served, method, args)] as const)
  // Built from the runtime list so that no method is missed; the types come from the contract.
  return Object.fromEntries(entries) as unknown as ArchiveApi
}

/** "exportRowsCsv" as words: "export rows csv". */
function inWords(method: ApiMethod): string {
  return method.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)
}

/**
 * An error as the person who asked sees it: what they asked was refused (InvalidRequest) or is not
 * there (NotFound), the archive was busy, damaged or read-only (said as such, with the way out), a
 * newer search (or question about a table's rows) replaced this one, or something else broke. Never a class name or a stack: the stack
 * goes to the log, and only for faults.
 */
export function failureOf(archive: Archive, method: ApiMethod, error: unknown): ApiError {
  if (error instanceof InvalidRequest) return { code: 'invalid-input', message: error.message }
  if (error instanceof NotFound) return { code: 'not-found', message: error.message }
  if (error instanceof SearchReplaced || error instanceof RowQueryReplaced) return { code: 'superseded', message: error.message }
  if (error instanceof ArchiveReadOnly) return { code: 'read-only', message: error.message }
  const name = basename(archive.path)
  if (isBusy(error)) return { code: 'busy', message: archiveBusyMessage(name) }
  const code = (error as { code?: unknown } | null)?.code
  if (archive.readOnly !== null && code === 'SQLITE_READONLY') return { code: 'read-only', message: archive.readOnly.message }
  // Damage is a state of the file, said plainly with the way out; anything else is a fault worth its stack in the log.
  if (isDamage(error)) return { code: 'internal', message: plainFailure(error, name) }
  // A file the person chose could not be written (a full or read-only disk): said without the errno code.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { code: 'internal', message: `Casefile could not ${inWords(method)}: ${reasonOf(error)}.` }
  console.error(`casefile: ${method} failed`, error)
  return { code: 'internal', message: `Casefile could not ${inWords(method)}: ${plainErrorMessage(error)}` }
}
