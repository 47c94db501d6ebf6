#!/usr/bin/env node
// node scripts/compare-workbook-libraries.mjs — the measurement behind the choice of workbook
// reader (README, design notes). Writes one seeded workbook of COMPARE_ROWS rows (default 300,000)
// of the bench:import shape with exceljs's streaming writer, then reads every cell of it, each way
// in a child process of its own so its peak memory is its own: SheetJS (@e965/xlsx) whole, exceljs
// whole, exceljs's streaming reader. Prints seconds, cells/s and peak RSS.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const ROWS = Number(process.env.COMPARE_ROWS ?? 300_000)

function peakRss() {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return match ? Number(match[1]) * 1024 : 0
}

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

async function write(path) {
  const ExcelJS = require('exceljs')
  const random = rng(20120529)
  const courts = ['Los Angeles', 'New York', 'San Francisco', 'Houston', 'Chicago', 'Miami', 'Denver', 'Seattle', 'Baltimore', 'Phoenix']
  const outcomes = ['removal', 'relief granted', 'terminated', 'admin closure', 'voluntary departure', 'pending']
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true })
  const sheet = book.addWorksheet('Cases')
  sheet.getColumn(2).numFmt = 'yyyy-mm-dd'
  sheet.addRow(['case_id', 'filed_on', 'court', 'outcome', 'days_pending', 'bond_amount', 'judge_code', 'a_number', 'remarks']).commit()
  for (let i = 1; i <= ROWS; i++) {
    const court = courts[Math.floor(random() * courts.length)]
    const outcome = outcomes[Math.floor(random() * outcomes.length)]
    const days = Math.floor(random() * 2000)
    sheet
      .addRow([
        i,
        new Date(Date.UTC(2008, 0, 1) + Math.floor(random() * 4000) * 86400000),
        court,
        outcome,
        days,
        Math.floor(random() * 2000000) / 100,
        `IJ${String(Math.floor(random() * 400)).padStart(3, '0')}`,
        String(Math.floor(random() * 1e9)).padStart(9, '0'),
        `hearing ${Math.floor(random() * 9) + 1} of ${court}; continued for ${days % 90} days`
      ])
      .commit()
  }
  sheet.commit()
  await book.commit()
}

async function readWith(how, path) {
  let cells = 0
  const started = performance.now()
  if (how === 'sheetjs') {
    const XLSX = require('@e965/xlsx')
    const book = XLSX.readFile(path, { dense: true, cellHTML: false, cellText: false, cellDates: true })
    for (const name of book.SheetNames) {
      for (const row of book.Sheets[name]['!data'] ?? []) for (const cell of row ?? []) if (cell && cell.v !== undefined) cells++
    }
  } else if (how === 'exceljs') {
    const ExcelJS = require('exceljs')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell(() => cells++)))
  } else {
    const ExcelJS = require('exceljs')
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' })
    for await (const sheet of reader) for await (const row of sheet) row.eachCell(() => cells++)
  }
  return { seconds: (performance.now() - started) / 1000, cells, peak: peakRss() }
}

if (process.argv[2] === '--read') {
  console.log(JSON.stringify(await readWith(process.argv[3], process.argv[4])))
} else {
  const work = mkdtempSync(join(tmpdir(), 'casefile-compare-'))
  const path = join(work, 'cases.xlsx')
  try {
    process.stdout.write(`writing ${ROWS.toLocaleString('en-US')} rows with exceljs's streaming writer… `)
    await write(path)
    console.log(`${(statSync(path).size / 1048576).toFixed(1)} MB`)
    for (const how of ['sheetjs', 'exceljs', 'exceljs-stream']) {
      const child = spawnSync(process.execPath, ['--max-old-space-size=8192', import.meta.filename, '--read', how, path], { encoding: 'utf8' })
      if (child.status !== 0) {
        console.log(`${how}: failed (exit ${child.status}) ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`)
        continue
      }
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1))
      console.log(
        `${how.padEnd(15)} ${result.seconds.toFixed(1)} s, ${Math.round(result.cells / result.seconds).toLocaleString('en-US')} cells/s, ` +
          `${result.cells.toLocaleString('en-US')} cells, peak RSS ${Math.round(result.peak / 1048576)} MB`
      )
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
