import type { BigIntStats, Stats } from 'node:fs'

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
