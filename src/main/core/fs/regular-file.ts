import { statSync, type BigIntStats, type Stats } from 'node:fs'

/**
 * Why a path cannot be read as a file's bytes, in words, or null for a regular file. A named pipe
 * would make a read wait for a writer that may never come (with the archive's write lock held), and
 * a device or socket has no end.
 */
export function notRegularFileReason(stats: Stats | BigIntStats): string | null {
  if (stats.isFile()) return null
  if (stats.isDirectory()) return 'it is a folder'
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a regular file'
  if (stats.isSocket()) return 'it is a socket, not a regular file'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file'
  return 'it is not a regular file'
}

/**
 * Why a new file may not be put at `path` in place of what stands there, or null when nothing does
 * or a regular file does. Files are written beside their name and renamed over it, and a rename
 * would put the file in place of a named pipe or a device (as root, /dev/stdout itself) rather than
 * write into it.
 */
export function notReplaceableReason(path: string): string | null {
  let stats: Stats
  try {
    stats = statSync(path)
  } catch {
    // Nothing there (or a folder on the way that is missing): the write itself says what is wrong.
    return null
  }
  return notRegularFileReason(stats)
}
