// npm run bench:charts — the month × category chart of a seeded 1,000,000-row dataset (BENCH_ROWS):
// the first chart (which creates its index) and repeats, timed through aggregateChart, the same call
// the app and the CLI make. Goal: first < 1 s, repeat < 100 ms. Also times the same GROUP BY as a
// full table scan (no index), for scale.

import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChartSpec } from '@shared/chart-spec'
import { DEFAULT_IMPORT_OPTIONS } from '@shared/model'
import { seededRandom } from '@shared/seeded-random'
import { aggregateChart } from '../core/charts/aggregate-chart'
import { bucketExpression } from '../core/charts/bucket-expression'
import { importOneFile } from '../core/import/import-one-file'
import { openArchive } from '../core/index'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const REPEATS = 20


async function writeCsv(path: string): Promise<void> {
  const random = seededRandom(20120529)
  const courts = ['Los Angeles', 'New York', 'San Francisco', 'Houston', 'Chicago', 'Miami', 'Denver', 'Seattle', 'Baltimore', 'Phoenix', 'Arlington', 'Atlanta']
  const outcomes = ['removal', 'relief granted', 'terminated', 'admin closure', 'voluntary departure']
  const out = createWriteStream(path)
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())))
  await write('case_id,filed_on,court,outcome,days_pending\n')
  let chunk = ''
  for (let i = 1; i <= ROWS; i++) {
    const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(random() * 8000) * 86_400_000).toISOString().slice(0, 10)
    chunk += `${i},${day},${courts[Math.floor(random() * courts.length)]},${outcomes[Math.floor(random() * outcomes.length)]},${Math.floor(random() * 2000)}\n`
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

const ms = (start: number) => performance.now() - start
const format = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'casefile-bench-charts-'))
  try {
    const csv = join(work, 'cases.csv')
    let started = performance.now()
    await writeCsv(csv)
    const archive = await openArchive(join(work, 'bench.casefile'), { create: true, seedDir: null, nativeBinding: null })
    const outcome = await importOneFile(archive.db, { path: csv, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    if (outcome.status !== 'imported') throw new Error(`import failed: ${outcome.error}`)
    console.log(`${ROWS.toLocaleString('en-US')} rows written and imported in ${(ms(started) / 1000).toFixed(1)} s`)
    const db = archive.db
    const spec: ChartSpec = {
      datasetId: outcome.id!,
      type: 'stacked-bar',
      title: 'Cases filed by month and court',
      x: { column: 1, bucket: 'month' },
      y: { aggregate: 'count', column: null },
      groupBy: { column: 2, top: 8 },
      filters: []
    }
    const table = `ds_${outcome.id}`
    started = performance.now()
    db.prepare(`SELECT ${bucketExpression('c1', 'month')} AS x, c2 AS g, count(*) FROM ${table} NOT INDEXED GROUP BY 1, 2`).all()
    const scan = ms(started)
    started = performance.now()
    const first = aggregateChart(db, spec)
    const firstMs = ms(started)
    const repeats: number[] = []
    for (let i = 0; i < REPEATS; i++) {
      started = performance.now()
      aggregateChart(db, spec)
      repeats.push(ms(started))
    }
    repeats.sort((a, b) => a - b)
    const median = repeats[Math.floor(repeats.length / 2)]!
    const worst = repeats.at(-1)!
    console.log(`chart: ${first.labels.length} months × ${first.series.length} series from ${first.rows.toLocaleString('en-US')} rows`)
    console.log(`same GROUP BY as a full table scan   ${format(scan)}`)
    console.log(`first chart (creates its index)      ${format(firstMs)}   goal < 1000 ms  ${firstMs < 1000 ? 'met' : 'NOT met'}`)
    console.log(`repeat, median of ${REPEATS}              ${format(median)}   goal < 100 ms  ${median < 100 ? 'met' : 'NOT met'}   (slowest ${format(worst)})`)
    archive.close()
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
