// The one place that knows which archive is open. New archive… and Open archive… swap it here; IPC
// and the menu always ask this object for the current API, so nothing holds on to a closed archive.

import type { ApiEvent, ArchiveApi } from '@shared/api'
import type { ContextMenuCommand, ContextMenuRequest } from '@shared/context-menu'
import { createArchiveApi, openArchive, type Archive, type ArchiveApiHandle, type PdfPrinter, type SaveRequest, type ServedArchive } from '../core/index'
import { isSameFile } from '../core/fs/same-file'
import { rotateDailyBackup } from '../core/maintenance/backups'

export interface ArchiveSessionOptions {
  /** Content copied into an archive the first time it is created. */
  seedDir: string | null
  /** better-sqlite3 built for Electron's ABI, or null to use the one in node_modules. */
  nativeBinding: string | null
  /** The built import worker; null imports on the main thread (only when the build lacks it). */
  importWorker: string | null
  /** The built search worker; null searches on the main thread (only when the build lacks it). */
  searchWorker: string | null
  /** Asks where to save an export (a native save dialog). */
  chooseSavePath: (request: SaveRequest) => Promise<string | null>
  /** Prints an export's HTML to PDF. */
  pdfPrinter: PdfPrinter
  /** Shows the native right-click menu over the window. */
  showContextMenu: (request: ContextMenuRequest) => Promise<ContextMenuCommand>
}

interface OpenArchive {
  archive: Archive
  handle: ArchiveApiHandle | null
}

export class ArchiveSession {
  readonly #options: ArchiveSessionOptions
  #current: OpenArchive | null = null
  #sink: (event: ApiEvent) => void = () => {}

  constructor(options: ArchiveSessionOptions) {
    this.#options = options
  }

  get api(): ArchiveApi | null {
    return this.#current?.handle?.api ?? null
  }

  /** The open archive with the contract's methods on it, for serveCall; null between two archives. */
  get served(): ServedArchive | null {
    return this.#current?.handle ?? null
  }

  get path(): string | null {
    return this.#current?.archive.path ?? null
  }

  /** The open archive itself, for maintenance the menu runs (check, back up, restore). */
  get archive(): Archive | null {
    return this.#current?.archive ?? null
  }

  /** Where API events go; the window is created after the first archive opens, so this is set late. */
  setEventSink(sink: (event: ApiEvent) => void): void {
    this.#sink = sink
  }

  isOpen(path: string): boolean {
    const current = this.path
    return current !== null && isSameFile(current, path)
  }

  /**
   * Opens `path` (creating and seeding it when `create` is set and it does not exist) and only then
   * closes the archive it replaces, so a file that fails to open leaves the current one untouched.
   * Throws ArchiveOpenError with a message fit for the user.
   */
  async switchTo(path: string, create: boolean): Promise<void> {
    const archive = await openArchive(path, {
      create,
      seedDir: create ? this.#options.seedDir : null,
      nativeBinding: this.#options.nativeBinding
    })
    const entry: OpenArchive = { archive, handle: null }
    try {
      // Events from an archive that has since been replaced would describe the wrong file.
      entry.handle = createArchiveApi(archive, (event) => {
        if (this.#current === entry) this.#sink(event)
      }, {
        importWorker: this.#options.importWorker,
        searchWorker: this.#options.searchWorker,
        chooseSavePath: this.#options.chooseSavePath,
        pdfPrinter: this.#options.pdfPrinter,
        showContextMenu: this.#options.showContextMenu,
        // After a repair has replaced the archive's content: opened again, so it is no longer read-only.
        reopen: async () => {
          await this.switchTo(path, false)
          await this.announce()
        }
      })
    } catch (error) {
      archive.close()
      throw error
    }
    const previous = this.#current
    this.#current = entry
    if (previous) release(previous)
    // A damaged archive would give a damaged copy, and read-only media has no room for one.
    if (archive.readOnly !== null) return
    try {
      // The automatic daily backup (two kept); a failure here must never keep the archive closed.
      rotateDailyBackup(archive.db, archive.path, this.#options.nativeBinding)
    } catch (error) {
      console.warn(`Casefile could not write today's backup of ${archive.path}:`, error)
    }
  }

  /** Tells the renderer which archive it now looks at. */
  async announce(): Promise<void> {
    const api = this.api
    if (!api) return
    const info = await api.getArchiveInfo()
    if (info.ok) this.#sink({ type: 'archive-changed', info: info.value })
    else console.error(`Casefile could not describe the archive it just opened: ${info.error.message}`)
  }

  /** Idempotent; the archive checkpoints its WAL as it closes. */
  close(): void {
    const current = this.#current
    this.#current = null
    if (current) release(current)
  }
}

function release(entry: OpenArchive): void {
  // Imports run on their own connections; they are cancelled here and finish (rolled back) on their own.
  try {
    void entry.handle?.dispose()
  } finally {
    entry.archive.close()
  }
}
