import { readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS } from '@shared/model'
import type { ChartSpec } from '@shared/chart-spec'
import { chartDrawer } from '../charts/aggregate-chart'
import { saveChart } from '../charts/chart-queries'
import { getDatasetColumns } from '../datasets/dataset-queries'
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

/** A dashboard chart's spec, with its dataset and columns resolved from file name and labels. */
function sampleChartSpec(db: Database, chart: SampleManifest['charts'][number], datasetIds: ReadonlyMap<string, number>): ChartSpec {
  const datasetId = datasetIds.get(chart.dataset)
  if (datasetId === undefined) throw new Error(`Sample chart “${chart.name}” names ${chart.dataset}, which the manifest does not import.`)
  const columns = getDatasetColumns(db, datasetId)
  const position = (label: string) => {
    const column = columns.find((candidate) => candidate.label === label)
    if (!column) throw new Error(`Sample chart “${chart.name}”: ${chart.dataset} has no column “${label}”.`)
    return column.position
  }
  return {
    datasetId,
    type: chart.type,
    title: chart.title,
    x: { column: position(chart.x.column), bucket: chart.x.bucket },
    y: { aggregate: chart.y.aggregate, column: chart.y.column === null ? null : position(chart.y.column) },
    groupBy: chart.groupBy === null ? null : { column: position(chart.groupBy.column), top: chart.groupBy.top },
    share: chart.share,
    filters: chart.filters.map((filter) => ({ column: position(filter.column), op: filter.op, value: filter.value ?? null, min: filter.min ?? null, max: filter.max ?? null }))
  }
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
  const datasetIds = new Map<string, number>()
  for (const request of requests) {
    const outcome = await importOneFile(db, request, never, () => undefined, null)
    if (outcome.status !== 'imported') throw new Error(`Sample file ${outcome.file}: ${outcome.error ?? outcome.status}`)
    if (outcome.kind === 'dataset') datasetIds.set(outcome.file, outcome.id!)
  }
  const draw = chartDrawer(db, null)
  for (const chart of manifest.charts) await saveChart(db, chart.name, sampleChartSpec(db, chart, datasetIds), draw)
  setMeta(db, 'seeded_at', new Date().toISOString())
}
