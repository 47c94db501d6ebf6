// A reader (or the next launch after a power cut) must see either the old file or the new one,
// never a torn mix: write beside it, flush to disk, then rename over it.

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * A temporary name in the folder of `path` for the file being written: hidden, marked with this
 * process, and short enough that a long chosen name does not make the temporary one too long.
 */
export function temporaryBeside(path: string, suffix: 'tmp' | 'partial'): string {
  return join(dirname(path), `.${basename(path).slice(0, 60)}.${process.pid}.${suffix}`)
}

/** Writes `data` to a new temporary file beside `path`, synced to disk; returns its name. */
export function writeSyncedTemporary(path: string, data: string | Uint8Array): string {
  const temporary = temporaryBeside(path, 'tmp')
  try {
    const fd = openSync(temporary, 'w', 0o644)
    try {
      // writeFileSync on a descriptor loops until every byte is written, unlike a single writeSync.
      writeFileSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
  return temporary
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temporary = writeSyncedTemporary(path, data)
  try {
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
  syncDirectory(dirname(path))
}

/** Makes the rename itself durable on POSIX; Windows cannot open a directory, and does not need to. */
export function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return
  let fd: number | null = null
  try {
    fd = openSync(directory, 'r')
    fsyncSync(fd)
  } catch {
    // Durability of the rename is best effort; the file content itself is already on disk.
  } finally {
    if (fd !== null) closeSync(fd)
  }
}
