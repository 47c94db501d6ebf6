import { readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { Database } from 'better-sqlite3'
import { importFile } from '../import/import-file'
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

/** Fills a new archive with the sample content. Any failure is a packaging bug, so it throws. */
export function seedArchive(db: Database, seedDir: string): void {
  const manifest = readSampleManifest(seedDir)
  for (const entry of manifest.articles) {
    const outcome = importFile(db, {
      path: samplePath(seedDir, entry.file),
      article: {
        title: entry.title,
        byline: entry.byline,
        publisher: entry.publisher,
        publishedAt: entry.publishedAt,
        url: entry.url,
        language: entry.language
      },
      dataset: null
    })
    if (outcome.status !== 'imported') throw new Error(`Sample article ${entry.file}: ${outcome.error ?? outcome.status}`)
  }
  for (const entry of manifest.datasets) {
    const outcome = importFile(db, {
      path: samplePath(seedDir, entry.file),
      article: null,
      dataset: { name: entry.name, description: entry.description, sources: entry.sources }
    })
    if (outcome.status !== 'imported') throw new Error(`Sample dataset ${entry.file}: ${outcome.error ?? outcome.status}`)
  }
  setMeta(db, 'seeded_at', new Date().toISOString())
}
