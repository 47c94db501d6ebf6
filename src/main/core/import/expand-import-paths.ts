import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'

const MAX_FILES = 10_000

/**
 * Files Office keeps beside a document while it is open: the owner ("lock") file "~$memo.docx" that
 * Word and Excel write, and their temporary files ("~WRL0001.tmp"). No one means to import them.
 */
const OFFICE_LOCK_FILE = /^~\$/
const OFFICE_TEMPORARY_FILE = /^~.*\.tmp$/i

/** The files to import, and those inside folders that were left out as Office's own (by name). */
export interface ExpandedPaths {
  files: string[]
  skipped: { path: string; why: string }[]
}

/**
 * Replaces each folder among `paths` with the files inside it (sub-folders included, hidden files
 * and folders skipped, in name order), so dropping a folder imports what it holds. Whatever else a
 * folder holds (a link to a file, a named pipe, a socket) is listed too, so the import reports it
 * (a link to a file imports it; the others are refused with the reason) instead of passing over it
 * in silence. A link to a folder is entered like a folder, but every folder only once (by its real
 * path): a link back to a folder already walked adds nothing, and cannot lead the walk in circles.
 * Office's lock and temporary files inside a folder are left out, and listed as skipped; named on
 * their own, they are imported (and refused) like any file.
 */
export async function expandImportPaths(paths: readonly string[]): Promise<ExpandedPaths> {
  const files: string[] = []
  const skipped: ExpandedPaths['skipped'] = []
  const entered = new Set<string>()
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    if (files.length >= MAX_FILES) return
    let isFolder = false
    try {
      isFolder = (await stat(path)).isDirectory()
    } catch {
      // A missing file (or a link that loops) is reported by the import itself, with its name.
    }
    if (!isFolder) {
      files.push(path)
      return
    }
    const real = await realpath(path)
    if (entered.has(real)) return
    entered.add(real)
    const filesBefore = files.length
    const skippedBefore = skipped.length
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      if (!entry.isDirectory() && OFFICE_LOCK_FILE.test(entry.name)) {
        skipped.push({ path: join(path, entry.name), why: 'Office’s lock file for a document open in Word or Excel' })
        continue
      }
      if (!entry.isDirectory() && OFFICE_TEMPORARY_FILE.test(entry.name)) {
        skipped.push({ path: join(path, entry.name), why: 'Office’s temporary file' })
        continue
      }
      if (entry.isDirectory() || entry.isSymbolicLink()) await visit(join(path, entry.name), false)
      else if (files.length < MAX_FILES) files.push(join(path, entry.name))
    }
    // A folder named that holds nothing to import (empty, or only hidden files) is reported, not passed over.
    if (explicit && files.length === filesBefore && skipped.length === skippedBefore) files.push(path)
  }
  for (const path of paths) await visit(path, true)
  return { files, skipped }
}
