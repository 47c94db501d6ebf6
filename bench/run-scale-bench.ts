// npm run bench:scale — Casefile at the size of EOIR's case data: a generated BENCH_ROWS-row table
// (default 10,000,000, about 1 GB) shaped like B_TblProceeding (../shared/data/schemas: ids, the
// dates of the proceeding, court and hearing-location codes, judge codes, decision codes, custody,
// case type, nationality and language codes). It times what a researcher waits for (issue 15, item 5):
//
// - the import, through the CLI's own process, against the sqlite3 shell's .import of the same file;
// - the first chart of cases by fiscal year × court (one pass over the rows) and a repeat, read from
//   the archive's chart cache (goals < 5 s and < 300 ms);
// - the data explorer's first page, sorted by each column and filtered on each column (goal < 1 s);
// - searches over the rows, Casefile's against the bare FTS5 query (goal: p95 ≤ 1.5×);
// - this process's memory after all of that (the app's main process stands in for it: goal < 500 MB).
//
// BENCH_KEEP=1 keeps the CSV and the archive (and says where); BENCH_ARCHIVE=PATH times a kept
// archive again without generating or importing. BENCH_ROUNDS (default 3) rounds of the first chart and the explorer's first pages;
// BENCH_CLOCK=cpu times CPU seconds (every thread of the process, the rows pool's workers included) instead of wall time; BENCH_PARTS=chart,sum,explorer,halves,deep,search picks the parts timed
// (halves: a few first pages read on one thread and through the rows pool's two halves, alternating).

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChartData, ChartSpec, RowFilter } from '@shared/chart-spec'
import type { RowQuery } from '@shared/row-query'
import { searchRequest } from '@shared/search-request'
import { seededRandom } from '@shared/seeded-random'
import { aggregateChart, aggregateChartWith } from '../src/main/core/charts/aggregate-chart'
import { chartPass, chartPassPart, mergePassParts, type ChartPass } from '../src/main/core/charts/chart-pass'
import { rowidHalves } from '../src/main/core/datasets/sort-window'
import { peakRss, writeLines } from './bench-files'
import { getDatasetColumns } from '../src/main/core/datasets/dataset-queries'
import { RowsPool } from '../src/main/core/datasets/rows-pool'
import { queryDatasetRows } from '../src/main/core/datasets/query-dataset-rows'
import { SortIndexer } from '../src/main/core/datasets/sort-indexer'
import { openArchive } from '../src/main/core/index'
import { searchArchive } from '../src/main/core/search/search-archive'
import { planSearch } from '../src/main/core/search/search-plan'
import { parseQuery } from '@shared/query/parse-query'

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000)
const REUSE = process.env.BENCH_ARCHIVE ?? null
const EXPLORER_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** BENCH_PARTS=chart,explorer times only those parts (chart, explorer, deep, search); all by default. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'chart,explorer,deep,search').split(','))

const COURTS = ['LOS', 'NYC', 'SFR', 'HOU', 'CHI', 'MIA', 'DEN', 'SEA', 'BAL', 'PHO', 'DAL', 'ATL', 'BOS', 'NEW', 'ARL', 'ORL', 'MEM', 'OMA', 'POO', 'SND', 'ELP', 'HLG', 'IMP', 'TUC', 'OTR', 'ADL', 'KRO', 'OAK', 'STW', 'LUM']
const NATIONALITIES = ['MX', 'GT', 'HO', 'ES', 'CH', 'IN', 'HA', 'EC', 'CO', 'BR', 'VE', 'CU', 'NU', 'DR', 'PE', 'RS', 'UP', 'RO', 'NI', 'GH']
const LANGUAGES = ['SP', 'ENG', 'MAN', 'CRE', 'POR', 'RUS', 'QUI', 'MAM', 'PUN', 'ARA']
const DECISIONS = ['X', 'R', 'T', 'O', 'V', 'A', 'C', 'G', 'W', '']
const CASE_TYPES = ['RMV', 'DEP', 'EXC', 'AOC', 'WHO', 'CFR']
const CUSTODY = ['D', 'N', 'R']

const HEADER = 'IDNPROCEEDING,IDNCASE,OSC_DATE,INPUT_DATE,BASE_CITY_CODE,HEARING_LOC_CODE,IJ_CODE,HEARING_DATE,DEC_TYPE,DEC_CODE,COMP_DATE,ABSENTIA,CUSTODY,CASE_TYPE,NAT,LANG,CRIM_IND'

function day(random: () => number, fromYear: number, spanDays: number): string {
  return new Date(Date.UTC(fromYear, 0, 1) + Math.floor(random() * spanDays) * 86_400_000).toISOString().slice(0, 10)
}

function* csvLines(): Generator<string> {
  const random = seededRandom(20_120_529)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  yield `${HEADER}\n`
  for (let i = 1; i <= ROWS; i++) {
    const court = pick(COURTS)
    const completed = random() < 0.8
    yield `${i},${1_000_000 + Math.floor(i / 1.6)},${day(random, 1995, 10_000)},${day(random, 1995, 10_500)},${court},${court}${pick(['', 'D', 'C'])},IJ${Math.floor(random() * 700)},` +
      `${day(random, 1996, 10_500)},${pick(['O', 'W', 'I', ''])},${pick(DECISIONS)},${completed ? day(random, 1996, 10_500) : ''},${random() < 0.12 ? 'Y' : 'N'},${pick(CUSTODY)},` +
      `${pick(CASE_TYPES)},${pick(NATIONALITIES)},${pick(LANGUAGES)},${random() < 0.2 ? 'Y' : 'N'}\n`
  }
}

async function importWithCli(csv: string, archive: string): Promise<{ seconds: number; dataSeconds: number; peak: number }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'cli.js'), '--archive', archive, 'import', csv, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 100)
  let stdout = ''
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearInterval(timer)
  if (code !== 0) throw new Error(`casefile import failed (exit ${code}): ${stdout}`)
  const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rows: number; seconds: number; dataSeconds: number }
  if (outcome.rows !== ROWS) throw new Error(`casefile imported ${outcome.rows} rows, expected ${ROWS}`)
  return { seconds: outcome.seconds, dataSeconds: outcome.dataSeconds, peak }
}

function importWithShell(csv: string, db: string): number {
  const started = performance.now()
  const result = spawnSync('sqlite3', [db, 'PRAGMA journal_mode=WAL;', '.mode csv', `.import ${csv} t`], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`)
  return (performance.now() - started) / 1000
}

const ms = (value: number) => (value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`)
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`

/** BENCH_CLOCK=cpu times CPU (user + system, every thread of this process), which a busy shared machine moves less than wall time. */
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu'

function timed<T>(run: () => T): { ms: number; value: T } {
  const started = CPU_CLOCK ? process.cpuUsage() : null
  const wall = performance.now()
  const value = run()
  if (started === null) return { ms: performance.now() - wall, value }
  const used = process.cpuUsage(started)
  return { ms: (used.user + used.system) / 1000, value }
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = CPU_CLOCK ? process.cpuUsage() : null
  const wall = performance.now()
  const value = await run()
  if (started === null) return { ms: performance.now() - wall, value }
  const used = process.cpuUsage(started)
  return { ms: (used.user + used.system) / 1000, value }
}

/** Watches this thread (the app's main process): stop() answers the longest it went without running a 5 ms timer. */
function watchStalls(): { stop(): number } {
  let stalled = 0
  let tick = performance.now()
  const ticking = setInterval(() => {
    stalled = Math.max(stalled, performance.now() - tick)
    tick = performance.now()
  }, 5)
  return {
    stop: () => {
      clearInterval(ticking)
      // The last stretch ends when stop() is called.
      return Math.max(stalled, performance.now() - tick)
    }
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

async function main(): Promise<void> {
  // A kept archive is timed where it is: no folder is made for it.
  const work = REUSE === null ? mkdtempSync(join(tmpdir(), 'casefile-bench-scale-')) : null
  const archivePath = REUSE ?? join(work!, 'scale.casefile')
  try {
    if (work !== null) {
      const csv = join(work, 'B_TblProceeding.csv')
      let started = performance.now()
      await writeLines(csv, csvLines())
      console.log(`${ROWS.toLocaleString('en-US')} rows like EOIR's B_TblProceeding: ${mb(statSync(csv).size)} written in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      const shellSeconds = importWithShell(csv, join(work, 'shell.db'))
      rmSync(join(work, 'shell.db'), { force: true })
      const casefile = await importWithCli(csv, archivePath)
      console.log('\nimport (one round each; bench:import races many rounds)')
      console.log(`  sqlite3 shell .import             ${shellSeconds.toFixed(1)} s`)
      console.log(`  Casefile, rows published          ${casefile.dataSeconds.toFixed(1)} s   ratio ${(shellSeconds / casefile.dataSeconds).toFixed(2)}`)
      console.log(`  Casefile, search index built too  ${casefile.seconds.toFixed(1)} s   ratio ${(shellSeconds / casefile.seconds).toFixed(2)}   peak RSS ${mb(casefile.peak)}`)
      if (!process.env.BENCH_KEEP) rmSync(csv)
    }

    const archive = await openArchive(archivePath, { create: false, seedDir: null, nativeBinding: null })
    try {
      const { db } = archive
      const datasetId = (db.prepare('SELECT max(id) AS id FROM datasets').get() as { id: number }).id
      const columns = getDatasetColumns(db, datasetId)
      const position = (label: string) => columns.find((column) => column.label === label)!.position

      // As the app reads them: in the two worker threads of the rows pool (rows-pool.ts).
      const rowsPool = new RowsPool(db, archivePath, null, join(import.meta.dirname, 'rows-worker.js'))
      const page = async (query: Omit<RowQuery, 'datasetId' | 'after' | 'offset' | 'limit' | 'count'>, offset: number) =>
        (await timedAsync(() => rowsPool.query({ datasetId, after: null, offset, limit: 100, count: true, ...query }))).ms
      const dropSortIndexes = () => {
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name GLOB ?").pluck().all(`ds_${datasetId}`, `ds_${datasetId}_sort_*`) as string[]
        for (const name of names) db.exec(`DROP INDEX "${name}"`)
      }

      if (PARTS.has('chart')) {
        console.log('\nchart: cases by fiscal year (COMP_DATE) × court (BASE_CITY_CODE), top 8 + Other')
        const spec: ChartSpec = {
          datasetId,
          type: 'stacked-bar',
          title: 'Completions by fiscal year and court',
          x: { column: position('COMP_DATE'), bucket: 'fiscal-year' },
          y: { aggregate: 'count', column: null },
          groupBy: { column: position('BASE_CITY_CODE'), top: 8 },
          share: null,
          filters: []
        }
        // The chart's answer is kept in the archive (chart-cache.ts): each first drawing starts without
        // it. Rounds alternate between the one pass on this thread (the CLI's way) and the two halves
        // on the rows pool's threads (the app's way), so that both meet the same load.
        const ways = {
          'one pass, this thread': async () => aggregateChart(db, spec),
          'two halves, rows pool': () => aggregateChartWith(db, spec, (id, pass) => rowsPool.chartCells(id, pass))
        }
        const firstsBy = new Map(Object.keys(ways).map((way) => [way, [] as { wall: number; cpu: number; load: number }[]]))
        let drawn: ChartData | null = null
        for (let round = 0; round < EXPLORER_ROUNDS; round++) {
          for (const [way, draw] of Object.entries(ways)) {
            db.prepare('DELETE FROM chart_cache WHERE dataset_id = ?').run(datasetId)
            const cpu = process.cpuUsage()
            const wall = performance.now()
            const answer = await draw()
            const used = process.cpuUsage(cpu)
            if (drawn !== null && JSON.stringify(answer) !== JSON.stringify(drawn)) throw new Error(`the chart drawn ${way} differs from the one drawn before`)
            drawn = answer
            firstsBy.get(way)!.push({ wall: performance.now() - wall, cpu: (used.user + used.system) / 1000, load: loadavg()[0]! })
          }
        }
        const spread = (values: readonly number[]) => `${ms(percentile(values, 50))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`
        for (const [way, firsts] of firstsBy) {
          const first = percentile(firsts.map((run) => (CPU_CLOCK ? run.cpu : run.wall)), 50)
          console.log(`  first (${way}) ${ms(first).padStart(10)}   goal < 5,000 ms  ${first < 5000 ? 'met' : 'NOT met'}   (${drawn!.labels.length} years × ${drawn!.series.length} series)`)
          console.log(`    ${EXPLORER_ROUNDS} rounds: wall ${spread(firsts.map((run) => run.wall))}, CPU ${spread(firsts.map((run) => run.cpu))}, 1-minute load average ${firsts.map((run) => run.load.toFixed(2)).join(' ')}`)
        }
        const repeats = Array.from({ length: 9 }, () => timed(() => aggregateChart(db, spec)).ms)
        console.log(`  repeat, median of 9        ${ms(percentile(repeats, 50)).padStart(10)}   goal < 300 ms    ${percentile(repeats, 50) < 300 ? 'met' : 'NOT met'}`)
      }

      if (PARTS.has('sum')) {
        // A sum over a numeric column (issue 15): wall and CPU of a first drawing, and the longest
        // this thread (the app's main process) went without running a timer meanwhile.
        console.log(`\nsum chart: sum of IDNCASE by fiscal year (COMP_DATE) × court (BASE_CITY_CODE), ${EXPLORER_ROUNDS} rounds`)
        const spec: ChartSpec = {
          datasetId,
          type: 'stacked-bar',
          title: 'Sum of case ids by fiscal year and court',
          x: { column: position('COMP_DATE'), bucket: 'fiscal-year' },
          y: { aggregate: 'sum', column: position('IDNCASE') },
          groupBy: { column: position('BASE_CITY_CODE'), top: 8 },
          share: null,
          filters: []
        }
        const dropChartIndexes = () => {
          const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name GLOB ?").pluck().all(`ds_${datasetId}`, `ds_${datasetId}_chart_*`) as string[]
          for (const name of names) db.exec(`DROP INDEX "${name}"`)
          return names.length
        }
        const ways = {
          'this thread': async () => aggregateChart(db, spec),
          'the app (rows pool)': () => aggregateChartWith(db, spec, (id, pass) => rowsPool.chartCells(id, pass))
        }
        const runs = new Map(Object.keys(ways).map((way) => [way, [] as { wall: number; cpu: number; stall: number; busy: number; load: number; dropped: number }[]]))
        let drawn: string | null = null
        for (let round = 0; round < EXPLORER_ROUNDS; round++) {
          for (const [way, draw] of Object.entries(ways)) {
            const dropped = dropChartIndexes()
            db.prepare('DELETE FROM chart_cache WHERE dataset_id = ?').run(datasetId)
            const stalls = watchStalls()
            const loop = performance.eventLoopUtilization()
            const cpu = process.cpuUsage()
            const wall = performance.now()
            const answer = JSON.stringify(await draw())
            const used = process.cpuUsage(cpu)
            // How long this thread's event loop was busy (not waiting for the workers) while drawing.
            const busy = performance.eventLoopUtilization(loop).active
            const took = performance.now() - wall
            const stall = stalls.stop()
            if (drawn !== null && answer !== drawn) throw new Error(`the sum chart drawn on ${way} differs from the one drawn before`)
            drawn = answer
            runs.get(way)!.push({ wall: took, cpu: (used.user + used.system) / 1000, stall, busy, load: loadavg()[0]!, dropped })
          }
        }
        const spread = (values: readonly number[]) => `${ms(percentile(values, 50))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`
        for (const [way, done] of runs) {
          console.log(`  first, ${way.padEnd(20)} wall ${spread(done.map((run) => run.wall))}, CPU ${spread(done.map((run) => run.cpu))}, longest stall of this thread ${spread(done.map((run) => run.stall))}, its event loop busy ${spread(done.map((run) => run.busy))}`)
          console.log(`    1-minute load average ${done.map((run) => run.load.toFixed(2)).join(' ')}; chart indexes dropped before each round ${done.map((run) => run.dropped).join(' ')}`)
        }
        // Drawn again without the cache, on this thread (code that builds a chart index kept it).
        const again = Array.from({ length: EXPLORER_ROUNDS }, () => {
          db.prepare('DELETE FROM chart_cache WHERE dataset_id = ?').run(datasetId)
          const cpu = process.cpuUsage()
          const wall = performance.now()
          aggregateChart(db, spec)
          const used = process.cpuUsage(cpu)
          return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 }
        })
        // This thread's own share of the app's drawing (planning, merging the halves, the chart and the
        // cache write), timed with the halves already found: no worker runs meanwhile, so the process's
        // CPU time is this thread's.
        let asked: ChartPass | null = null
        db.prepare('DELETE FROM chart_cache WHERE dataset_id = ?').run(datasetId)
        await aggregateChartWith(db, spec, async (_, pass) => ((asked = pass), chartPass(db, pass)))
        const halves = rowidHalves(db, datasetId).map((range) => chartPassPart(db, asked!, range))
        const own: number[] = []
        for (let round = 0; round < EXPLORER_ROUNDS; round++) {
          db.prepare('DELETE FROM chart_cache WHERE dataset_id = ?').run(datasetId)
          const cpu = process.cpuUsage()
          await aggregateChartWith(db, spec, async (_, pass) => mergePassParts(halves, pass))
          const used = process.cpuUsage(cpu)
          own.push((used.user + used.system) / 1000)
        }
        console.log(`  the app's drawing, this thread's share once the halves are found: CPU ${spread(own)}`)
        console.log(`  again on this thread without the cache: wall ${spread(again.map((run) => run.wall))}, CPU ${spread(again.map((run) => run.cpu))}`)
        dropChartIndexes()
      }

      if (PARTS.has('explorer')) {
        // Each round starts with no sort index on the table (a sort makes one, and a second round would
        // otherwise time a table that already has them), so every round times a first sort.
        console.log(`\ndata explorer, first page of 100 rows, ${EXPLORER_ROUNDS} rounds, ${CPU_CLOCK ? 'CPU' : 'wall'} time: median (min–max)`)
        const filters = columns.map((column) => {
          const sample = db.prepare(`SELECT c${column.position} AS v FROM ds_${datasetId} WHERE rowid = 5000`).get() as { v: string | number | null }
          const filter: RowFilter = { column: column.position, op: 'equals', value: sample.v === null ? '' : String(sample.v), min: null, max: null }
          return filter
        })
        const sortedRounds = columns.map(() => ({ asc: [] as number[], desc: [] as number[] }))
        const filteredRounds = columns.map(() => [] as number[])
        for (let round = 0; round < EXPLORER_ROUNDS; round++) {
          dropSortIndexes()
          for (const [index, column] of columns.entries()) {
            sortedRounds[index]!.asc.push(await page({ sort: { column: column.position, direction: 'asc' }, filters: [] }, 0))
            sortedRounds[index]!.desc.push(await page({ sort: { column: column.position, direction: 'desc' }, filters: [] }, 0))
          }
          dropSortIndexes()
          for (const index of columns.keys()) filteredRounds[index]!.push(await page({ sort: null, filters: [filters[index]!] }, 0))
        }
        const spread = (values: readonly number[]) => `${ms(percentile(values, 50)).padStart(9)} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`
        columns.forEach((column, index) => {
          const rounds = sortedRounds[index]!
          console.log(`  sorted by ${column.label.padEnd(18)} ${spread(rounds.asc)} first, ${spread(rounds.desc)} reversed`)
        })
        columns.forEach((column, index) => console.log(`  filtered on ${column.label.padEnd(16)} ${spread(filteredRounds[index]!)}`))
        const worst = Math.max(...sortedRounds.map((rounds) => percentile(rounds.asc, 50)), ...filteredRounds.map((rounds) => percentile(rounds, 50)))
        console.log(`  slowest first page (median) ${ms(worst)}   goal < 1,000 ms  ${worst < 1000 ? 'met' : 'NOT met'}   load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`)
      }

      if (PARTS.has('halves')) {
        // The same first pages read on this thread (one pass) and through the rows pool (two halves
        // on two threads), alternating, so that both meet the same machine: wall and CPU of each.
        console.log(`\nfirst pages without an index, one thread against two halves, ${EXPLORER_ROUNDS} alternating rounds: wall / CPU, median (min–max)`)
        const probe = ['ABSENTIA', 'CUSTODY', 'NAT', 'CRIM_IND', 'IDNPROCEEDING'].map(position)
        const both = async (run: () => unknown): Promise<{ wall: number; cpu: number }> => {
          const cpu = process.cpuUsage()
          const wall = performance.now()
          await run()
          const used = process.cpuUsage(cpu)
          return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 }
        }
        const spread = (values: readonly number[]) => `${ms(percentile(values, 50))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`
        dropSortIndexes()
        for (const column of probe) {
          for (const direction of ['asc', 'desc'] as const) {
            const query: RowQuery = { datasetId, sort: { column, direction }, filters: [], after: null, offset: 0, limit: 100, count: true }
            const one: { wall: number; cpu: number }[] = []
            const two: { wall: number; cpu: number }[] = []
            for (let round = 0; round < EXPLORER_ROUNDS; round++) {
              one.push(await both(() => queryDatasetRows(db, query)))
              two.push(await both(() => rowsPool.query(query)))
            }
            const line = (label: string, runs: { wall: number; cpu: number }[]) => `${label} ${spread(runs.map((run) => run.wall))} / ${spread(runs.map((run) => run.cpu))}`
            console.log(`  ${columns[column]!.label.padEnd(14)} ${direction.padEnd(4)} ${line('one thread', one)}   ${line('two halves', two)}`)
          }
        }
        console.log(`  load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`)
      }

      if (PARTS.has('deep')) {
        // What the app does after a first sort: the column's index is built in the background
        // (sort-indexer.ts), and then a page deep in the sorted table is a walk of the index.
        const rowCount = (db.prepare('SELECT row_count AS n FROM datasets WHERE id = ?').get(datasetId) as { n: number }).n
        const deep = (position: number) => page({ sort: { column: position, direction: 'asc' }, filters: [] }, Math.floor(rowCount / 2))
        const probe = [position('OSC_DATE'), position('NAT'), position('IJ_CODE')]
        dropSortIndexes()
        const before: number[] = []
        const stalls = watchStalls()
        for (const column of probe) before.push(await deep(column))
        const stalled = stalls.stop()
        // A jump replaced by a new question about the table is given up at its next statement.
        const replaced = rowsPool.query({ datasetId, sort: { column: probe[0]!, direction: 'desc' }, filters: [], after: null, offset: Math.floor(rowCount / 2), limit: 100, count: false })
        const given = performance.now()
        const outcome = replaced.then(
          () => 'answered',
          () => `given up after ${ms(performance.now() - given)}`
        )
        await new Promise((done) => setTimeout(done, 300))
        const asked = performance.now()
        await rowsPool.query({ datasetId, sort: null, filters: [], after: null, offset: 0, limit: 100, count: true })
        console.log(`\na deep jump replaced 300 ms in: ${await outcome}; the new question answered ${ms(performance.now() - asked)} after it was asked`)
        const indexer = new SortIndexer({ archivePath, nativeBinding: null }, join(import.meta.dirname, 'sort-index-worker.js'), () => false)
        const building = performance.now()
        for (const column of probe) indexer.want({ datasetId, position: column })
        while (indexer.built < probe.length) await new Promise((done) => setTimeout(done, 50))
        const builtSeconds = (performance.now() - building) / 1000
        await indexer.dispose()
        const after: number[] = []
        for (const column of probe) after.push(await deep(column))
        console.log(`\npage ${Math.floor(rowCount / 2).toLocaleString('en-US')} rows deep, sorted (${CPU_CLOCK ? 'CPU' : 'wall'} time of the query in the rows pool)`)
        probe.forEach((column, index) => console.log(`  ${columns[column]!.label.padEnd(18)} ${ms(before[index]!).padStart(10)} before its index, ${ms(after[index]!).padStart(9)} after`))
        console.log(`  this thread's longest stall while the pages before their index were read: ${ms(stalled)}`)
        console.log(`  the ${probe.length} indexes built in the background worker in ${builtSeconds.toFixed(1)} s wall`)
      }

      if (PARTS.has('search')) {
        console.log('\nsearch over the rows (Casefile one thread, against the bare FTS5 query)')
        const queries = ['N', 'hearing', 'MX', 'LOS', 'IJ12*', 'SP OR ENG', '"RMV"', 'DEN MX', 'CFR', 'Y', 'IJ650', 'QUI', 'KRO D', 'X', 'MAM', 'OTR*']
        const bare = db.prepare('SELECT rowid FROM dataset_rows_fts WHERE dataset_rows_fts MATCH ? ORDER BY rank LIMIT 20').pluck()
        const rows: { query: string; casefile: number; bare: number; total: number }[] = []
        for (const query of queries) {
          const request = searchRequest(`${query} kind:data`)
          const found = timed(() => searchArchive(db, request))
          // The very FTS5 expression Casefile sends the rows' index.
          const match = planSearch(parseQuery(request.query), request).matches.data ?? ''
          const bareMs = timed(() => bare.all(match)).ms
          rows.push({ query, casefile: found.ms, bare: bareMs, total: found.value.total })
          const counted = `${found.value.moreThanTotal ? 'more than ' : ''}${found.value.total.toLocaleString('en-US')}`
          console.log(`  ${query.padEnd(12)} ${ms(found.ms).padStart(10)} Casefile ${ms(bareMs).padStart(10)} bare   ${counted.padStart(20)} matches`)
        }
        const ratio = percentile(rows.map((row) => row.casefile), 95) / percentile(rows.map((row) => row.bare), 95)
        console.log(`  p95 ratio (Casefile / bare) ${ratio.toFixed(2)}   goal ≤ 1.50  ${ratio <= 1.5 ? 'met' : 'NOT met'}`)
        console.log(`  slowest first page ${ms(Math.max(...rows.map((row) => row.casefile)))}   goal < 1,000 ms`)
      }

      await rowsPool.dispose()
      const rss = process.memoryUsage().rss
      console.log(`\nthis process after all of that: ${mb(rss)} resident (peak ${mb(peakRss(process.pid))})   goal < 500 MB`)
    } finally {
      archive.close()
    }
  } finally {
    if (work !== null && process.env.BENCH_KEEP) console.log(`kept ${work}`)
    else if (work !== null) rmSync(work, { recursive: true, force: true })
  }
}

if (!existsSync(join(import.meta.dirname, 'cli.js'))) throw new Error('run npm run build first: the bench imports through the built CLI')
await main()
