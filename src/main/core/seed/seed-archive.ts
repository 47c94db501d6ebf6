import { readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS } from '@shared/model'
import { importOneFile, type ImportRequest } from '../import/import-one-file'
import { setMeta } from '../meta/meta-queries'
import { sampleManifest, type SampleManifest } from './sample-manifest'

export function readSampleManifest(seedDir: string): SampleManifest {
  const path = join(seedDir, 'manifest.json')
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
  const problem = sampleManifest.check(parsed, 'manifest')
  if (problem) throw new Error(`${path}: ${problem}`)
  return parsed as SampleManifest
}

function samplePath(seedDir: string, file: string): string {
  // The manifest names files beside it; a path that climbs out is a packaging mistake.
  const path = resolve(seedDir, file)
  if (basename(path) !== file) throw new Error(`Sample file name ${file} must not contain a folder.`)
  return path
}

/**
 * Fills a new archive with the sample content through the same import path users' files take.
 * `db` must be a connection nothing else uses (the archive is still being built). Any failure is a
 * packaging bug, so it throws.
 */
export async function seedArchive(db: Database, seedDir: string): Promise<void> {
  const manifest = readSampleManifest(seedDir)
  const requests: ImportRequest[] = [
    ...manifest.articles.map((entry) => ({
      path: samplePath(seedDir, entry.file),
      options: DEFAULT_IMPORT_OPTIONS,
      article: {
        title: entry.title,
        byline: entry.byline,
        publisher: entry.publisher,
        publishedAt: entry.publishedAt,
        url: entry.url,
        language: entry.language
      },
      dataset: null
    })),
    ...manifest.datasets.map((entry) => ({
      path: samplePath(seedDir, entry.file),
      options: DEFAULT_IMPORT_OPTIONS,
      article: null,
      dataset: { name: entry.name, description: entry.description, sources: entry.sources }
    }))
  ]
  const never = new AbortController().signal
  for (const request of requests) {
    const outcome = await importOneFile(db, request, never, () => undefined, null)
    if (outcome.status !== 'imported') throw new Error(`Sample file ${outcome.file}: ${outcome.error ?? outcome.status}`)
  }
  setMeta(db, 'seeded_at', new Date().toISOString())
}
