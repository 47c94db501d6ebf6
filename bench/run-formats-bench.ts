// npm run bench:formats — the speed goals of the workbook and OCR imports, measured through the
// built CLI (its import worker and reader thread, as the app runs them), each import in a fresh
// archive, Casefile's peak memory sampled from /proc:
// 1. a workbook of BENCH_WORKBOOK_ROWS rows (default 750,000: a ~50 MB .xlsx) against the same rows
//    as CSV, in alternating rounds (BENCH_ROUNDS, default 2). Goal: the workbook at ≥ 0.5× the rows/s.
// 2. 20 sheets × BENCH_SHEET_ROWS rows (default 200,000). Goal: memory bounded (it must not grow
//    with the workbook: compare with the single sheet's peak).
// 3. a 40-page scanned memo (BENCH_OCR_PAGES): printed by Chromium, rasterised by pdftoppm at
//    150 dpi, wrapped back into a PDF. Goal: under 2 minutes.
// Workbooks are written by exceljs's streaming writer, so they are made by another program than the
// one that reads them. BENCH_ONLY=workbook|sheets|ocr runs one part; BENCH_KEEP=1 keeps the files.

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import type { ImportOutcome } from '@shared/model'
import { seededRandom } from '@shared/seeded-random'
import { scannedPdf } from '../tests/helpers/scanned-pdf'
import { peakRss, writeLines } from './bench-files'

const CLI = join(dirname(fileURLToPath(import.meta.url)), 'cli.js')
const WORKBOOK_ROWS = Number(process.env.BENCH_WORKBOOK_ROWS ?? 750_000)
const SHEET_ROWS = Number(process.env.BENCH_SHEET_ROWS ?? 200_000)
const SHEETS = 20
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2))
const OCR_PAGES = Number(process.env.BENCH_OCR_PAGES ?? 40)
const ONLY = process.env.BENCH_ONLY ?? null

const COURTS = ['Los Angeles', 'New York', 'San Francisco', 'Houston', 'Chicago', 'Miami', 'Denver', 'Seattle', 'Baltimore', 'Phoenix']
const OUTCOMES = ['removal', 'relief granted', 'terminated', 'admin closure', 'voluntary departure', 'pending']
const HEADER = ['case_id', 'filed_on', 'court', 'outcome', 'days_pending', 'bond_amount', 'judge_code', 'a_number', 'remarks']

/** The bench:import row shape: ids, a date, text, counts, money, codes, zero-led numbers, remarks. */
function* caseRows(count: number, seed: number): Generator<[number, Date, string, string, number, number, string, string, string]> {
  const random = seededRandom(seed)
  for (let i = 1; i <= count; i++) {
    const court = COURTS[Math.floor(random() * COURTS.length)]!
    const days = Math.floor(random() * 2000)
    yield [
      i,
      new Date(Date.UTC(2008, 0, 1) + Math.floor(random() * 4000) * 86_400_000),
      court,
      OUTCOMES[Math.floor(random() * OUTCOMES.length)]!,
      days,
      Math.floor(random() * 2_000_000) / 100,
      `IJ${String(Math.floor(random() * 400)).padStart(3, '0')}`,
      String(Math.floor(random() * 1e9)).padStart(9, '0'),
      `hearing ${Math.floor(random() * 9) + 1} of ${court}; continued for ${days % 90} days at the request of counsel`
    ]
  }
}

async function writeWorkbook(path: string, sheets: number, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true })
  for (let s = 1; s <= sheets; s++) {
    const sheet = book.addWorksheet(`Cases ${s}`)
    sheet.getColumn(2).numFmt = 'yyyy-mm-dd'
    sheet.addRow(HEADER).commit()
    for (const row of caseRows(rows, 20120529 + s)) sheet.addRow(row).commit()
    sheet.commit()
  }
  await book.commit()
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const lines = function* (): Generator<string> {
    yield `${HEADER.join(',')}\n`
    for (const [id, day, court, outcome, days, bond, judge, anumber, remarks] of caseRows(rows, 20120530)) {
      yield `${id},${day.toISOString().slice(0, 10)},${court},${outcome},${days},${bond},${judge},${anumber},"${remarks}"\n`
    }
  }
  await writeLines(path, lines())
}


interface Run {
  outcome: ImportOutcome
  wall: number
  peak: number
}

async function importWithCli(work: string, path: string): Promise<Run> {
  const archive = join(work, `bench-${Date.now()}.casefile`)
  const started = performance.now()
  const child = spawn(process.execPath, [CLI, '--archive', archive, 'import', path, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 50)
  let stdout = ''
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearInterval(timer)
  const wall = (performance.now() - started) / 1000
  for (const suffix of ['', '-wal', '-shm']) rmSync(archive + suffix, { force: true })
  const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as ImportOutcome
  if (code !== 0 || outcome.status !== 'imported') throw new Error(`casefile import ${path} failed (exit ${code}): ${outcome.error ?? stdout}`)
  return { outcome, wall, peak }
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function workbookSpeed(work: string): Promise<void> {
  const xlsx = join(work, 'cases.xlsx')
  const csv = join(work, 'cases.csv')
  process.stdout.write(`writing ${WORKBOOK_ROWS.toLocaleString('en-US')} rows as .xlsx (exceljs) and as CSV… `)
  await writeWorkbook(xlsx, 1, WORKBOOK_ROWS)
  await writeCsv(csv, WORKBOOK_ROWS)
  console.log(`${mb(statSync(xlsx).size)} .xlsx, ${mb(statSync(csv).size)} CSV`)
  const rates = { xlsx: [] as number[], csv: [] as number[] }
  let peak = 0
  for (let round = 1; round <= ROUNDS; round++) {
    const fromCsv = await importWithCli(work, csv)
    const fromXlsx = await importWithCli(work, xlsx)
    if (fromXlsx.outcome.rows !== WORKBOOK_ROWS || fromCsv.outcome.rows !== WORKBOOK_ROWS) throw new Error('a row count is wrong')
    rates.csv.push(WORKBOOK_ROWS / fromCsv.outcome.dataSeconds)
    rates.xlsx.push(WORKBOOK_ROWS / fromXlsx.outcome.dataSeconds)
    peak = Math.max(peak, fromXlsx.peak)
    console.log(`round ${round}/${ROUNDS}: CSV ${fromCsv.outcome.dataSeconds.toFixed(2)} s, workbook ${fromXlsx.outcome.dataSeconds.toFixed(2)} s (published; ${fromXlsx.outcome.seconds.toFixed(2)} s indexed), workbook peak RSS ${mb(fromXlsx.peak)}`)
  }
  const ratio = median(rates.xlsx) / median(rates.csv)
  console.log(
    `workbook ${Math.round(median(rates.xlsx)).toLocaleString('en-US')} rows/s, CSV ${Math.round(median(rates.csv)).toLocaleString('en-US')} rows/s: ` +
      `${ratio.toFixed(2)}× (goal ≥ 0.5×) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}; peak RSS ${mb(peak)}`
  )
}

async function manySheets(work: string): Promise<void> {
  const one = join(work, 'one-sheet.xlsx')
  const twenty = join(work, 'twenty-sheets.xlsx')
  process.stdout.write(`writing ${SHEETS} sheets × ${SHEET_ROWS.toLocaleString('en-US')} rows (exceljs)… `)
  await writeWorkbook(one, 1, SHEET_ROWS)
  await writeWorkbook(twenty, SHEETS, SHEET_ROWS)
  console.log(`${mb(statSync(twenty).size)}`)
  const single = await importWithCli(work, one)
  const all = await importWithCli(work, twenty)
  const imported = (all.outcome.sheets ?? []).filter((sheet) => sheet.status === 'imported').length
  if (imported !== SHEETS || all.outcome.rows !== SHEETS * SHEET_ROWS) throw new Error(`imported ${imported} sheets, ${all.outcome.rows} rows`)
  console.log(
    `1 sheet: ${single.outcome.dataSeconds.toFixed(1)} s, peak RSS ${mb(single.peak)}; ${SHEETS} sheets (${(SHEETS * SHEET_ROWS).toLocaleString('en-US')} rows): ` +
      `${all.outcome.dataSeconds.toFixed(1)} s, peak RSS ${mb(all.peak)} (goal: bounded, not ${SHEETS}× the single sheet's) ${all.peak < 2 * single.peak ? 'MET' : 'NOT MET'}`
  )
}

const MEMO_PARAGRAPHS = [
  'A review of more than 411,000 pending deportation cases had examined 288,361 by May 29, 2012, and closed 4,403 of them, fewer than two percent.',
  'Offices were asked to identify cases that were not a priority for removal under the memorandum of June 17, 2011, including those of people brought to the country as children, veterans, and long-time residents with close family ties.',
  'Attorneys reviewed each file for criminal history, prior removals and immigration fraud before offering to close a case; a person who declined the offer kept the right to a hearing before an immigration judge.',
  'The pilot programs in Baltimore and Denver reviewed 3,759 and 7,923 cases; about sixteen percent of the cases in Denver were found amenable to an exercise of discretion, subject to background checks.'
]

async function scannedMemo(work: string): Promise<void> {
  const page = (n: number) => `<section style="${n > 1 ? 'break-before: page;' : ''}"><h2>Memorandum, page ${n}</h2>${MEMO_PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}${MEMO_PARAGRAPHS.slice(0, 2).map((text) => `<p>${text}</p>`).join('')}</section>`
  const html = `<!DOCTYPE html><html><head><title>memo</title><style>@page { size: Letter; margin: 1in } body { font: 12pt/1.45 "DejaVu Serif", serif } h2 { font-size: 14pt }</style></head><body>${Array.from({ length: OCR_PAGES }, (_, i) => page(i + 1)).join('')}</body></html>`
  const path = join(work, 'scanned-memo.pdf')
  process.stdout.write(`printing and rasterising a ${OCR_PAGES}-page memo at 150 dpi… `)
  writeFileSync(path, await scannedPdf(html, 150, [], 'ICE-FOIA'))
  console.log(mb(statSync(path).size))
  const run = await importWithCli(work, path)
  const ocr = run.outcome.ocr
  console.log(
    `${OCR_PAGES} scanned pages: ${run.outcome.dataSeconds.toFixed(1)} s (${(run.outcome.dataSeconds / OCR_PAGES).toFixed(2)} s a page), ` +
      `${ocr?.pages ?? 0} read by OCR, mean confidence ${ocr?.meanConfidence ?? 0}%, peak RSS ${mb(run.peak)} (goal < 120 s) ${run.outcome.dataSeconds < 120 ? 'MET' : 'NOT MET'}`
  )
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first')
  const work = mkdtempSync(join(tmpdir(), 'casefile-bench-formats-'))
  try {
    if (ONLY === null || ONLY === 'workbook') await workbookSpeed(work)
    if (ONLY === null || ONLY === 'sheets') await manySheets(work)
    if (ONLY === null || ONLY === 'ocr') await scannedMemo(work)
  } finally {
    // BENCH_KEEP=1 leaves the files made (to profile an import of them, say) and says where.
    if (process.env.BENCH_KEEP === '1') console.log(`kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

await main()
