#!/usr/bin/env node
// npm run bench:import — Casefile's importer raced against the sqlite3 shell on the same seeded CSV,
// two races per round, on two row shapes:
//
// - rows visible: the shell's `.import` against Casefile's "rows published" (hash, parse, type,
//   insert, commit; the figure its --json line reports). Goal: median ratio ≥ 1.5.
// - the whole job: the shell's `.import` plus a contentless FTS5 index built by the shell over the
//   same text columns Casefile indexes, against Casefile's process from start to exit (rows, search
//   index, exit). Goal: median ratio ≥ 1.3 in wall time, and Casefile's CPU seconds (user + system,
//   all threads) ≤ 0.8× the shell's.
//
// Shapes (BENCH_SHAPES, default "long,short"): `long`, rows of ~150 bytes (ids, a date, labels, money,
// codes, zero-led numbers, a long remark with quotes in some rows); `short`, rows of ~100 bytes (3
// integers, 2 ISO dates, 4 short repeated labels, a 30-character remark). BENCH_ROWS rows each
// (default 1,000,000), BENCH_ROUNDS alternating rounds (default 7): this machine's speed wanders from
// one minute to the next, so every round is printed and only medians are compared. Casefile imports
// into a copy of an archive made beforehand, so creating and seeding it is not timed.
// Needs `npm run build` (done by the npm script), the sqlite3 shell and Linux's /proc.
import { spawnSync } from 'node:child_process'
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { timed } from './timed-process.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(root, 'out', 'main', 'cli.js')
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7))
const SHAPES = (process.env.BENCH_SHAPES ?? 'long,short').split(',').map((shape) => shape.trim())
const work = mkdtempSync(join(tmpdir(), 'casefile-bench-import-'))

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

const COURTS = ['Los Angeles', 'New York', 'San Francisco', 'Houston', 'Chicago', 'Miami', 'Denver', 'Seattle', 'Baltimore', 'Phoenix']
const OUTCOMES = ['removal', 'relief granted', 'terminated', 'admin closure', 'voluntary departure', 'pending']
const NATIONALITIES = ['Mexico', 'Guatemala', 'Honduras', 'El Salvador', 'China', 'India', 'Haiti', 'Ecuador', 'Colombia', 'Brazil']
const CUSTODY = ['detained', 'released', 'never detained']
const START = Date.UTC(2008, 0, 1)

const pick = (random, list) => list[Math.floor(random() * list.length)]
const isoDay = (random) => new Date(START + Math.floor(random() * 4000) * 86400000).toISOString().slice(0, 10)

/** The shapes: a header and a function that writes row `i` as one CSV line. */
const shapes = {
  long: {
    header: 'case_id,filed_on,court,nationality,outcome,days_pending,bond_amount,judge_code,a_number,remarks',
    row(random, i) {
      const day = isoDay(random)
      const court = pick(random, COURTS)
      const nat = pick(random, NATIONALITIES)
      const outcome = pick(random, OUTCOMES)
      const days = Math.floor(random() * 2000)
      const bond = (Math.floor(random() * 2000000) / 100).toFixed(2)
      const judge = `IJ${String(Math.floor(random() * 400)).padStart(3, '0')}`
      const anumber = String(Math.floor(random() * 1e9)).padStart(9, '0')
      const remarks =
        random() < 0.2
          ? `"reviewed, ${outcome}; see ""notes"" in the file of ${nat} case ${anumber}"`
          : `hearing ${Math.floor(random() * 9) + 1} of ${court}; continued for ${days % 90} days at the request of counsel`
      return `${i},${day},${court},${nat},${outcome},${days},${bond},${judge},${anumber},${remarks}\n`
    }
  },
  short: {
    header: 'case_id,filed_on,decided_on,court,nationality,outcome,custody,days_pending,hearings,remark',
    row(random, i) {
      const filed = isoDay(random)
      const decided = isoDay(random)
      const days = Math.floor(random() * 2000)
      const hearings = Math.floor(random() * 12) + 1
      // 30 characters: "continued 37 days; counsel...." and the like, padded to the same width. No comma:
      // an unquoted one would make an eleventh field (it did until this stop, in both importers).
      const remark = `continued ${String(days % 90).padStart(2, '0')} days; ${pick(random, ['counsel', 'the court', 'interpreter'])}`.padEnd(30, '.')
      return `${i},${filed},${decided},${pick(random, COURTS)},${pick(random, NATIONALITIES)},${pick(random, OUTCOMES)},${pick(random, CUSTODY)},${days},${hearings},${remark}\n`
    }
  }
}

async function generate(shape, path) {
  const random = rng(20120529)
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)))
  await write(`${shape.header}\n`)
  let chunk = ''
  for (let i = 1; i <= ROWS; i++) {
    chunk += shape.row(random, i)
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise((resolve) => out.end(resolve))
}

function removeDatabase(path) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}

function quoted(name) {
  return `"${name.replaceAll('"', '""')}"`
}

async function runShell(csv, textColumns) {
  const db = join(work, 'shell.db')
  removeDatabase(db)
  const rows = await timed('sqlite3', [db, 'PRAGMA journal_mode=WAL;', '.mode csv', `.import ${csv} t`])
  const count = Number(spawnSync('sqlite3', [db, 'SELECT count(*) FROM t'], { encoding: 'utf8' }).stdout.trim())
  if (count !== ROWS) throw new Error(`sqlite3 imported ${count} rows, expected ${ROWS}`)
  removeDatabase(db)
  // sqlite3 3.40 (Debian 12) has neither contentless_delete nor concat_ws; the index is otherwise the
  // one Casefile builds, over the same text (an empty cell adds a space, which makes no token).
  const body = textColumns.map((column) => `coalesce(${quoted(column)}, '')`).join(" || ' ' || ")
  const whole = await timed('sqlite3', [
    db,
    'PRAGMA journal_mode=WAL;',
    '.mode csv',
    `.import ${csv} t`,
    "CREATE VIRTUAL TABLE f USING fts5(body, content = '', tokenize = 'unicode61 remove_diacritics 2');",
    `INSERT INTO f (rowid, body) SELECT rowid, ${body} FROM t;`
  ])
  removeDatabase(db)
  return { rows: rows.wall, rowsCpu: rows.cpu, whole: whole.wall, wholeCpu: whole.cpu }
}

async function runCasefile(template, csv) {
  const archive = join(work, 'casefile.casefile')
  removeDatabase(archive)
  copyFileSync(template, archive)
  const run = await timed(process.execPath, [CLI, '--archive', archive, 'import', csv, '--json'])
  const outcome = JSON.parse(run.stdout.trim().split('\n').at(-1))
  if (outcome.rows !== ROWS) throw new Error(`casefile imported ${outcome.rows} rows, expected ${ROWS}`)
  const textColumns = JSON.parse(
    spawnSync('sqlite3', ['-json', archive, `SELECT label FROM dataset_columns WHERE dataset_id = ${outcome.id} AND type = 'text' ORDER BY position`], { encoding: 'utf8' }).stdout || '[]'
  ).map((column) => column.label)
  removeDatabase(archive)
  return { rows: outcome.dataSeconds, whole: run.wall, wholeCpu: run.cpu, peak: run.peak, textColumns }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const spread = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`
const verdict = (met) => (met ? 'met' : 'NOT MET')

async function benchShape(name, template) {
  const shape = shapes[name]
  if (shape === undefined) throw new Error(`unknown shape ${name} (BENCH_SHAPES takes long, short)`)
  const csv = join(work, `${name}.csv`)
  process.stdout.write(`\n== ${name} rows: generating ${ROWS.toLocaleString('en-US')}… `)
  await generate(shape, csv)
  const size = statSync(csv).size
  console.log(`${(size / 1048576).toFixed(0)} MB, ${(size / ROWS).toFixed(0)} bytes a row`)
  const rounds = []
  let textColumns = null
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate who goes first, so a slow minute does not always fall on the same side.
    let casefile
    let shell
    if (round % 2 === 1) {
      casefile = await runCasefile(template, csv)
      textColumns ??= casefile.textColumns
      shell = await runShell(csv, textColumns)
    } else {
      shell = await runShell(csv, textColumns)
      casefile = await runCasefile(template, csv)
    }
    rounds.push({ shell, casefile })
    console.log(
      `round ${round}/${ROUNDS}: rows visible shell ${shell.rows.toFixed(2)} s, Casefile ${casefile.rows.toFixed(2)} s (${(shell.rows / casefile.rows).toFixed(2)}×) · ` +
        `whole job shell ${shell.whole.toFixed(2)} s / ${shell.wholeCpu.toFixed(2)} s CPU, Casefile ${casefile.whole.toFixed(2)} s / ${casefile.wholeCpu.toFixed(2)} s CPU ` +
        `(${(shell.whole / casefile.whole).toFixed(2)}×, CPU ${(casefile.wholeCpu / shell.wholeCpu).toFixed(2)}×) · peak ${(casefile.peak / 1048576).toFixed(0)} MB`
    )
  }
  const rowsRatios = rounds.map((r) => r.shell.rows / r.casefile.rows)
  const wholeRatios = rounds.map((r) => r.shell.whole / r.casefile.whole)
  const cpuRatios = rounds.map((r) => r.casefile.wholeCpu / r.shell.wholeCpu)
  const rowsRatio = median(rounds.map((r) => r.shell.rows)) / median(rounds.map((r) => r.casefile.rows))
  const wholeRatio = median(rounds.map((r) => r.shell.whole)) / median(rounds.map((r) => r.casefile.whole))
  const cpuRatio = median(rounds.map((r) => r.casefile.wholeCpu)) / median(rounds.map((r) => r.shell.wholeCpu))
  const peak = Math.max(...rounds.map((r) => r.casefile.peak))
  console.log(`medians of ${ROUNDS} rounds (${name} rows; indexed text columns: ${textColumns.join(', ')}):`)
  console.log(`  rows visible   shell ${median(rounds.map((r) => r.shell.rows)).toFixed(2)} s, Casefile ${median(rounds.map((r) => r.casefile.rows)).toFixed(2)} s   ratio ${rowsRatio.toFixed(2)} (rounds ${spread(rowsRatios)})   goal ≥ 1.5: ${verdict(rowsRatio >= 1.5)}`)
  console.log(`  whole job      shell ${median(rounds.map((r) => r.shell.whole)).toFixed(2)} s, Casefile ${median(rounds.map((r) => r.casefile.whole)).toFixed(2)} s   ratio ${wholeRatio.toFixed(2)} (rounds ${spread(wholeRatios)})   goal ≥ 1.3: ${verdict(wholeRatio >= 1.3)}`)
  console.log(`  CPU seconds    shell ${median(rounds.map((r) => r.shell.wholeCpu)).toFixed(2)} s, Casefile ${median(rounds.map((r) => r.casefile.wholeCpu)).toFixed(2)} s   Casefile/shell ${cpuRatio.toFixed(2)} (rounds ${spread(cpuRatios)})   goal ≤ 0.8: ${verdict(cpuRatio <= 0.8)}`)
  // Where the shell's CPU goes: its .import alone, and the rest of its whole job (the FTS5 build), so a
  // CPU ratio can be read against the part Casefile does differently.
  const shellRowsCpu = median(rounds.map((r) => r.shell.rowsCpu))
  const shellIndexCpu = median(rounds.map((r) => r.shell.wholeCpu - r.shell.rowsCpu))
  console.log(`  shell's CPU    .import ${shellRowsCpu.toFixed(2)} s, FTS5 build ${shellIndexCpu.toFixed(2)} s (whole job less .import, per round)`)
  console.log(`  Casefile peak RSS ${(peak / 1048576).toFixed(0)} MB`)
  rmSync(csv, { force: true })
}

try {
  if (spawnSync('sqlite3', ['-version']).status !== 0) throw new Error('the sqlite3 shell is not installed (apt-get install sqlite3)')
  if (!existsSync(CLI)) throw new Error('run `npm run build` first')
  if (!existsSync('/proc/self/stat')) throw new Error('this bench reads CPU time and memory from /proc (Linux only)')
  // The archive every Casefile round imports into, made (and seeded) once, outside the timing.
  const template = join(work, 'template.casefile')
  const made = spawnSync(process.execPath, [CLI, '--archive', template, 'info'], { encoding: 'utf8' })
  if (made.status !== 0) throw new Error(`could not make the archive: ${made.stderr.trim()}`)
  spawnSync('sqlite3', [template, 'PRAGMA wal_checkpoint(TRUNCATE);'])
  for (const name of SHAPES) await benchShape(name, template)
} finally {
  rmSync(work, { recursive: true, force: true })
}
