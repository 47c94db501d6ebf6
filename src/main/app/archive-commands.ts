// What New archive…, Open archive… and Import files… do, shared by the menu and the startup
// recovery dialog. Failures end in a dialog that names the file and the reason; the archive that was
// open stays open.

import { DEFAULT_IMPORT_OPTIONS } from '@shared/model'
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import type { BrowserWindow } from 'electron'
import { ArchiveOpenError } from '../core/index'
import { askAfterStartupFailure, pickArchiveToOpen, pickFilesToImport, pickNewArchivePath, showNotice, showProblem, type ImportPick } from './archive-dialogs'
import type { ArchiveSession } from './archive-session'
import { plainErrorMessage } from '../core/plain-error-message'

type Outcome = { ok: true; notice: string | null } | { ok: false; problem: string }

/** The reason an archive did not open, as one or two sentences a person can act on. */
export function describeOpenFailure(path: string, error: unknown): string {
  if (error instanceof ArchiveOpenError) return error.message
  return `${path}: ${plainErrorMessage(error)}`
}

async function attempt(session: ArchiveSession, path: string, create: boolean): Promise<Outcome> {
  try {
    await session.switchTo(path, create)
    return { ok: true, notice: null }
  } catch (error) {
    if (!(error instanceof ArchiveOpenError)) console.error(`Opening ${path} failed:`, error)
    return { ok: false, problem: describeOpenFailure(path, error) }
  }
}

/**
 * A new archive never replaces a file that is already there, even after the save dialog asked
 * "replace?": an existing archive is opened instead, anything else is left alone.
 */
async function createArchive(session: ArchiveSession, path: string): Promise<Outcome> {
  if (!existsSync(path)) return await attempt(session, path, true)
  if (session.isOpen(path)) return { ok: true, notice: `${basename(path)} is the archive already open.` }
  const opened = await attempt(session, path, false)
  if (opened.ok) {
    return { ok: true, notice: `${path} already existed, so Casefile opened it rather than replacing it.` }
  }
  return {
    ok: false,
    problem: `${path} already exists and could not be opened as a Casefile archive, so Casefile left it untouched. Choose another name.\n\n${opened.problem}`
  }
}

async function finish(session: ArchiveSession, parent: BrowserWindow | null, outcome: Outcome, failedTo: string): Promise<boolean> {
  if (!outcome.ok) {
    await showProblem(parent, failedTo, outcome.problem)
    return false
  }
  await session.announce()
  if (outcome.notice) await showNotice(parent, 'Archive opened', outcome.notice)
  return true
}

export async function newArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const path = await pickNewArchivePath(parent)
  if (path === null) return
  await finish(session, parent, await createArchive(session, path), 'Casefile could not create the archive.')
}

export async function openArchiveCommand(session: ArchiveSession, parent: BrowserWindow | null): Promise<void> {
  const path = await pickArchiveToOpen(parent)
  if (path === null || session.isOpen(path)) return
  await finish(session, parent, await attempt(session, path, false), 'Casefile could not open the archive.')
}

export async function importFilesCommand(session: ArchiveSession, parent: BrowserWindow | null, pick: ImportPick): Promise<void> {
  const api = session.api
  if (!api) return
  const paths = await pickFilesToImport(parent, pick)
  if (paths.length === 0) return
  // Progress and the summary reach the renderer as job events; only a refusal to start is shown here.
  const started = await api.importFiles({ paths, options: DEFAULT_IMPORT_OPTIONS })
  if (!started.ok) await showProblem(parent, 'Casefile could not start the import.', started.error.message)
}

/**
 * Opens the default archive, creating and seeding it on first start. When that fails the user may
 * pick another archive or create one; resolves false when they choose to quit instead.
 */
export async function openStartupArchive(session: ArchiveSession, defaultPath: string): Promise<boolean> {
  let outcome = await attempt(session, defaultPath, true)
  while (!outcome.ok) {
    const choice = await askAfterStartupFailure(outcome.problem)
    if (choice === 'quit') return false
    const path = choice === 'open-another' ? await pickArchiveToOpen(null) : await pickNewArchivePath(null)
    if (path === null) continue
    outcome = choice === 'open-another' ? await attempt(session, path, false) : await createArchive(session, path)
  }
  if (outcome.notice) await showNotice(null, 'Archive opened', outcome.notice)
  return true
}
