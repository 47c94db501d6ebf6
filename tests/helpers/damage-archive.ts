import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'

/** The `index`-th leaf page (in page order) of `table`, and the archive's page size. */
function leafPage(path: string, table: string, index: number): { page: number; size: number } {
  const db = new Database(path, { readonly: true })
  try {
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[]
    if (leaves.length <= index) throw new Error(`${table} has ${leaves.length} leaf pages, not ${index + 1}`)
    return { page: leaves[index]!, size: db.pragma('page_size', { simple: true }) as number }
  } finally {
    db.close()
  }
}

/**
 * Overwrites one page of a b-tree with bytes that are not a page, as a failing disk would: the
 * `index`-th leaf page (in page order) of `table`. The archive must be closed (its WAL checkpointed).
 * Returns the page number.
 */
export function damageLeafPage(path: string, table: string, index: number): number {
  const { page, size } = leafPage(path, table, index)
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (page - 1) * size)
  } finally {
    closeSync(fd)
  }
  return page
}

/**
 * Flips `length` bytes of the `index`-th leaf page of `table`, from `offset` into the page, as the
 * review's generator does: the page keeps its header and cells, and what they hold is garbage.
 * The archive must be closed. Returns the page number.
 */
export function flipBytesInLeafPage(path: string, table: string, index: number, offset: number, length: number): number {
  const { page, size } = leafPage(path, table, index)
  const fd = openSync(path, 'r+')
  try {
    const at = (page - 1) * size + offset
    const bytes = Buffer.alloc(length)
    readSync(fd, bytes, 0, length, at)
    writeSync(fd, bytes.map((byte) => byte ^ 0xa5), 0, length, at)
  } finally {
    closeSync(fd)
  }
  return page
}
