import { lstat, readlink } from 'node:fs/promises'

/**
 * Where a link that leads nowhere points (the target as the link writes it), or null when `path`
 * is no such link: a path that does not exist at all, or a link whose target exists. "The file does
 * not exist" about a link one can see in the folder would send someone looking for the wrong file.
 */
export async function danglingLinkTarget(path: string): Promise<string | null> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return null
    return await readlink(path)
  } catch {
    return null
  }
}
