import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { ArchiveInfo } from '@shared/model'
import type { Archive } from './archive'
import { APP_VERSION } from './app-version'
import { countArticles } from './articles/article-queries'
import { countDatasets } from './datasets/dataset-queries'
import { schemaVersion } from './db/migrate'
import { sqlValues } from './db/sql-rows'
import { getMeta } from './meta/meta-queries'
import { countNotes } from './notes/note-queries'

function fileSize(path: string): number {
  let size = 0
  for (const suffix of ['', '-wal']) {
    try {
      size += statSync(path + suffix).size
    } catch {
      // No WAL file is the normal state after a clean close.
    }
  }
  return size
}

export function archiveInfo(archive: Archive): ArchiveInfo {
  const { db } = archive
  return {
    path: archive.path,
    fileName: basename(archive.path),
    schemaVersion: schemaVersion(db),
    appVersion: APP_VERSION,
    sizeBytes: fileSize(archive.path),
    createdAt: getMeta(db, 'created_at'),
    counts: {
      articles: countArticles(db),
      datasets: countDatasets(db),
      notes: countNotes(db),
      charts: sqlValues('integer').one(db.prepare('SELECT count(*) FROM charts').pluck())
    },
    readOnly: archive.readOnly?.message ?? null,
    damaged: archive.readOnly?.reason === 'damaged'
  }
}
