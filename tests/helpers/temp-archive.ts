import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach } from 'vitest'
import { openArchive, type Archive } from '../../src/main/core/index'

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../resources/sample')

/** A fresh folder under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `casefile-${prefix}-`))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * For a test file: a function that makes a fresh temp folder each time it is called, every one of
 * them removed after each test. Call it at the top level of the file.
 */
export function tempFolders(prefix: string): () => string {
  const cleanups: (() => void)[] = []
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!()
  })
  return () => {
    const { dir, cleanup } = tempDir(prefix)
    cleanups.push(cleanup)
    return dir
  }
}

/** Opens a new archive file (seeded with the sample unless told otherwise) in its own temp folder. */
export async function tempArchive(seeded: boolean): Promise<{ archive: Archive; dir: string; path: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir('archive')
  const path = join(dir, 'test.casefile')
  const archive = await openArchive(path, { create: true, seedDir: seeded ? SAMPLE_DIR : null, nativeBinding: null })
  return {
    archive,
    dir,
    path,
    cleanup: () => {
      archive.close()
      cleanup()
    }
  }
}
