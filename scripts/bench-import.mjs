#!/usr/bin/env node
// npm run bench:import — Casefile's importer against the sqlite3 shell's .import on the same
// seeded 1,000,000-row, 10-column CSV (~150 MB), both into WAL databases. Prints rows/s, the ratio and
// Casefile's peak RSS. This machine's speed wanders by ±20% from one run to the next, so both are
// run BENCH_ROUNDS times (default 3), alternating, and the medians are compared. Needs `npm run build` (done by the npm script) and the sqlite3 shell.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const work = mkdtempSync(join(tmpdir(), 'casefile-bench-import-'))
const csv = join(work, 'bench.csv')

// A small seeded generator (mulberry32) so every run imports the same bytes.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function generate() {
  const random = rng(20120529)
  const courts = ['Los Angeles', 'New York', 'San Francisco', 'Houston', 'Chicago', 'Miami', 'Denver', 'Seattle', 'Baltimore', 'Phoenix']
  const outcomes = ['removal', 'relief granted', 'terminated', 'admin closure', 'voluntary departure', 'pending']
  const nationalities = ['Mexico', 'Guatemala', 'Honduras', 'El Salvador', 'China', 'India', 'Haiti', 'Ecuador', 'Colombia', 'Brazil']
  const out = createWriteStream(csv, { highWaterMark: 1 << 20 })
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)))
  await write('case_id,filed_on,court,nationality,outcome,days_pending,bond_amount,judge_code,a_number,remarks\n')
  let chunk = ''
  for (let i = 1; i <= ROWS; i++) {
    const day = new Date(Date.UTC(2008, 0, 1) + Math.floor(random() * 4000) * 86400000).toISOString().slice(0, 10)
    const court = courts[Math.floor(random() * courts.length)]
    const nat = nationalities[Math.floor(random() * nationalities.length)]
    const outcome = outcomes[Math.floor(random() * outcomes.length)]
    const days = Math.floor(random() * 2000)
    const bond = (Math.floor(random() * 2000000) / 100).toFixed(2)
    const judge = `IJ${String(Math.floor(random() * 400)).padStart(3, '0')}`
    const anumber = String(Math.floor(random() * 1e9)).padStart(9, '0')
    // Remarks long enough for rows of ~150 bytes, the size the figures were measured on.
    const remarks =
      random() < 0.2
        ? `"reviewed, ${outcome}; see ""notes"" in the file of ${nat} case ${anumber}"`
        : `hearing ${Math.floor(random() * 9) + 1} of ${court}; continued for ${days % 90} days at the request of counsel`
    chunk += `${i},${day},${court},${nat},${outcome},${days},${bond},${judge},${anumber},${remarks}\n`
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise((resolve) => out.end(resolve))
}

function peakRssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

async function runCasefile() {
  const archive = join(work, 'casefile.casefile')
  for (const suffix of ['', '-wal', '-shm']) rmSync(archive + suffix, { force: true })
  const started = performance.now()
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), '--archive', archive, 'import', csv, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, peakRssOf(child.pid))), 50)
  let stdout = ''
  child.stdout.on('data', (data) => (stdout += data))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  clearInterval(timer)
  const wall = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`casefile import failed (exit ${code}): ${stdout}`)
  const outcome = JSON.parse(stdout.trim().split('\n').at(-1))
  if (outcome.rows !== ROWS) throw new Error(`casefile imported ${outcome.rows} rows, expected ${ROWS}`)
  return { seconds: outcome.seconds, dataSeconds: outcome.dataSeconds, wall, peak }
}

function runShell() {
  const db = join(work, 'shell.db')
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true })
  const started = performance.now()
  const result = spawnSync('sqlite3', [db, 'PRAGMA journal_mode=WAL;', '.mode csv', `.import ${csv} t`], { encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`)
  const count = spawnSync('sqlite3', [db, 'SELECT count(*) FROM t'], { encoding: 'utf8' }).stdout.trim()
  if (Number(count) !== ROWS) throw new Error(`sqlite3 imported ${count} rows, expected ${ROWS}`)
  return { seconds }
}

try {
  if (spawnSync('sqlite3', ['-version']).status !== 0) throw new Error('the sqlite3 shell is not installed (apt-get install sqlite3)')
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first')
  process.stdout.write(`generating ${ROWS.toLocaleString('en-US')} rows… `)
  await generate()
  const size = statSync(csv).size
  console.log(`${(size / 1048576).toFixed(0)} MB`)
  const shells = []
  const casefiles = []
  for (let round = 1; round <= ROUNDS; round++) {
    shells.push(runShell())
    casefiles.push(await runCasefile())
    const last = casefiles.at(-1)
    console.log(`round ${round}/${ROUNDS}: shell ${shells.at(-1).seconds.toFixed(2)} s, Casefile ${last.dataSeconds.toFixed(2)} s published, ${last.seconds.toFixed(2)} s indexed`)
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const shell = { seconds: median(shells.map((run) => run.seconds)), best: Math.min(...shells.map((run) => run.seconds)) }
  const casefile = {
    dataSeconds: median(casefiles.map((run) => run.dataSeconds)),
    bestData: Math.min(...casefiles.map((run) => run.dataSeconds)),
    seconds: median(casefiles.map((run) => run.seconds)),
    wall: median(casefiles.map((run) => run.wall)),
    peak: Math.max(...casefiles.map((run) => run.peak))
  }
  const shellRate = ROWS / shell.seconds
  const dataRate = ROWS / casefile.dataSeconds
  const fullRate = ROWS / casefile.seconds
  const rate = (n) => `${Math.round(n).toLocaleString('en-US')} rows/s`
  console.log(`medians of ${ROUNDS} rounds:`)
  console.log(`sqlite3 shell .import            ${shell.seconds.toFixed(2).padStart(6)} s   ${rate(shellRate)}`)
  console.log(`Casefile, rows published          ${casefile.dataSeconds.toFixed(2).padStart(6)} s   ${rate(dataRate)}   (hash, parse, type, insert, commit)`)
  console.log(`Casefile, search index built too  ${casefile.seconds.toFixed(2).padStart(6)} s   ${rate(fullRate)}   (whole CLI run ${casefile.wall.toFixed(2)} s incl. creating the archive)`)
  console.log(`ratio (Casefile / shell)          ${(dataRate / shellRate).toFixed(2)} rows published, ${(fullRate / shellRate).toFixed(2)} with the search index   goal ≥ 1.00`)
  console.log(`best rounds: shell ${shell.best.toFixed(2)} s, Casefile ${casefile.bestData.toFixed(2)} s published (ratio ${(shell.best / casefile.bestData).toFixed(2)})`)
  console.log(`Casefile peak RSS       ${(casefile.peak / 1048576).toFixed(0)} MB`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
