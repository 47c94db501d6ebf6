import { statSync } from 'node:fs'
import { resolve } from 'node:path'

/** Compares files, not spellings: symlinks, case-insensitive file systems and relative paths agree. */
export function isSameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true
  try {
    const first = statSync(a, { bigint: true })
    const second = statSync(b, { bigint: true })
    return first.dev === second.dev && first.ino === second.ino
  } catch {
    return false
  }
}
