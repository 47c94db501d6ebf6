#!/usr/bin/env node
// npm run bench:folder — importing folders of many small files (issue 15, item 2).
//
// Two folders, made once with the same bytes every run:
// - "mixed": 150 one-paragraph .txt memos and 150 three-line CSV tables. Goal: ≥ 100 files/s.
// - "articles": 1,000 small .txt articles. Goal: under 10 s.
// Each round imports the folder with the CLI into a new archive made before the timing starts, so
// the figure is the import alone (worker start, checks, transactions, index, exit). Every round is
// printed with wall and CPU seconds (all threads); medians and the spread follow.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { timed } from './timed-process.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(root, 'out', 'main', 'cli.js')
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7))
if (!existsSync(CLI)) {
  console.error('bench-folder: run npm run build first')
  process.exit(1)
}
const work = mkdtempSync(join(tmpdir(), 'casefile-bench-folder-'))
const OFFICES = ['Atlanta', 'Baltimore', 'Chicago', 'Denver', 'El Paso', 'Houston', 'Los Angeles', 'Miami', 'Newark', 'Seattle']

function mixedFolder() {
  const folder = join(work, 'mixed')
  mkdirSync(folder)
  for (let i = 1; i <= 150; i++) {
    const office = OFFICES[i % OFFICES.length]
    writeFileSync(
      join(folder, `memo-${String(i).padStart(3, '0')}.txt`),
      `${office} field office memo ${i}\n\nOn 2012-03-${String((i % 28) + 1).padStart(2, '0')} the ${office} office reviewed case ${i} under the prosecutorial discretion criteria and closed it administratively.\n`
    )
    writeFileSync(join(folder, `table-${String(i).padStart(3, '0')}.csv`), `office,reviewed,closed\n${office},${i * 37},${i * 3}\n${OFFICES[(i + 3) % OFFICES.length]},${i * 41},${i * 2}\n`)
  }
  return { name: '150 memos + 150 three-line CSVs', folder, files: 300 }
}

function articleFolder() {
  const folder = join(work, 'articles')
  mkdirSync(folder)
  for (let i = 1; i <= 1000; i++) {
    writeFileSync(
      join(folder, `article-${String(i).padStart(4, '0')}.txt`),
      `Case review note ${i}\n\nThe review of pending removal case ${i} in ${OFFICES[i % OFFICES.length]} found that it met the criteria for prosecutorial discretion; the immigration judge closed it administratively on 2012-0${(i % 9) + 1}-15.\n`
    )
  }
  return { name: '1,000 small articles', folder, files: 1000 }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function bench({ name, folder, files }) {
  console.log(`\n== ${name}, ${ROUNDS} rounds`)
  const rounds = []
  for (let round = 1; round <= ROUNDS; round++) {
    const archive = join(work, `round-${round}.casefile`)
    const made = spawnSync(process.execPath, [CLI, '--archive', archive, 'info'], { encoding: 'utf8' })
    if (made.status !== 0) throw new Error(`could not make the archive: ${made.stderr}`)
    const run = await timed(process.execPath, [CLI, '--archive', archive, 'import', folder, '--json'])
    const outcomes = run.stdout.trim().split('\n').map((line) => JSON.parse(line))
    const imported = outcomes.filter((outcome) => outcome.status === 'imported').length
    if (imported !== files) throw new Error(`round ${round}: ${imported} of ${files} files imported`)
    rounds.push(run)
    console.log(`round ${round}/${ROUNDS}: ${run.wall.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU, ${(files / run.wall).toFixed(0)} files/s, peak ${(run.peak / 1048576).toFixed(0)} MB`)
    for (const suffix of ['', '-wal', '-shm']) rmSync(archive + suffix, { force: true })
  }
  const walls = rounds.map((run) => run.wall)
  const rates = walls.map((wall) => files / wall)
  console.log(`median ${median(walls).toFixed(2)} s (rounds ${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)}), ${median(rates).toFixed(0)} files/s, CPU ${median(rounds.map((run) => run.cpu)).toFixed(2)} s`)
  return median(walls)
}

try {
  const mixed = await bench(mixedFolder())
  const articles = await bench(articleFolder())
  console.log(`\ngoals: mixed folder ≥ 100 files/s: ${(300 / mixed).toFixed(0)} files/s, ${300 / mixed >= 100 ? 'met' : 'NOT MET'}; 1,000 articles < 10 s: ${articles.toFixed(2)} s, ${articles < 10 ? 'met' : 'NOT MET'}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
