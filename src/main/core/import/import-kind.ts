import { extname } from 'node:path'
import type { ImportedKind } from '@shared/model'

const DATASET_EXTENSIONS = ['.csv', '.tsv', '.tab', '.psv']
const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown']

export const READABLE_EXTENSIONS = [...DATASET_EXTENSIONS, ...ARTICLE_EXTENSIONS]

/** What a file becomes, decided by its name; null when Casefile cannot read it. */
export function importKindOf(fileName: string): ImportedKind | null {
  const extension = extname(fileName).toLowerCase()
  if (DATASET_EXTENSIONS.includes(extension)) return 'dataset'
  if (ARTICLE_EXTENSIONS.includes(extension)) return 'article'
  return null
}

export function unsupportedFileMessage(fileName: string): string {
  const extension = extname(fileName).toLowerCase()
  const what = extension ? `${extension} files` : 'files without an extension'
  return `Casefile can't import ${what} (${fileName}); it reads: ${READABLE_EXTENSIONS.join(', ')}.`
}
