import { closeSync, openSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'

/**
 * Overwrites one page of a b-tree with bytes that are not a page, as a failing disk would: the
 * `index`-th leaf page (in page order) of `table`. The archive must be closed (its WAL checkpointed).
 * Returns the page number.
 */
export function damageLeafPage(path: string, table: string, index: number): number {
  const db = new Database(path, { readonly: true })
  let page: number
  let size: number
  try {
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[]
    if (leaves.length <= index) throw new Error(`${table} has ${leaves.length} leaf pages, not ${index + 1}`)
    page = leaves[index]!
    size = db.pragma('page_size', { simple: true }) as number
  } finally {
    db.close()
  }
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (page - 1) * size)
  } finally {
    closeSync(fd)
  }
  return page
}
