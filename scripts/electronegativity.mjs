#!/usr/bin/env node
// The Electron security scanner, as a pass/fail check: runs @doyensec/electronegativity over src/
// (it always exits 0), reads its CSV report and fails on any HIGH or MEDIUM finding that is not a
// reviewed exception in security/electronegativity-exceptions.json. Works offline (the scanner's
// attempt to fetch Electron's release list fails quietly; the version is given).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron
const { exceptions } = JSON.parse(readFileSync(join(root, 'security', 'electronegativity-exceptions.json'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'casefile-electronegativity-'))
const report = join(work, 'report.csv')

/** One CSV line as fields (the report quotes fields that hold commas). */
function fields(line) {
  const out = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      out.push(field.trim())
      field = ''
    } else field += char
  }
  out.push(field.trim())
  return out
}

// A finding's line: its check's name, then its quoted fields (8 in all).
const FINDING = /^[A-Z_]+,"/
// The scanner writes its CSV report's header and its findings with two unawaited writeFile calls
// (dist/util/file.js), so now and then the header lands last, over the start of the first finding
// (seen as "ault-src 'none'…" in place of the CSP finding, in about one run of four). Such a report
// is not trusted or half-read: the scan runs again.
const ATTEMPTS = 5

/** The report's finding lines, from a run whose every line reads as a finding; throws after ATTEMPTS garbled reports. */
function scannedLines() {
  const bin = join(root, 'node_modules', '.bin', 'electronegativity')
  let garbled = null
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    rmSync(report, { force: true })
    const run = spawnSync(bin, ['-i', join(root, 'src'), '-o', report, '-e', electronVersion], { encoding: 'utf8', timeout: 300_000 })
    if (run.status !== 0) {
      console.error(run.stdout, run.stderr)
      throw new Error(`electronegativity exited with ${run.status}`)
    }
    const [header, ...lines] = readFileSync(report, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '')
    garbled = !header?.startsWith('issue') ? header : (lines.find((line) => !FINDING.test(line) || fields(line).length < 8) ?? null)
    if (garbled === null) return lines
    console.log(`note: the scanner's report was garbled (${JSON.stringify(garbled?.slice(0, 80))}); scanning again`)
  }
  throw new Error(`electronegativity wrote a garbled report ${ATTEMPTS} times in a row; last bad line: ${garbled}`)
}

try {
  const lines = scannedLines()
  const findings = lines.map(fields).map(([check, severity, confidence, file, location, sample, description]) => ({
    check,
    severity,
    confidence,
    file: file === 'N/A' ? file : relative(root, file),
    location,
    sample,
    description
  }))
  const serious = findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM')
  const accepted = (finding) => exceptions.some((exception) => exception.check === finding.check && exception.file === finding.file)
  const failures = serious.filter((finding) => !accepted(finding))
  for (const finding of findings) {
    const mark = failures.includes(finding) ? 'FAIL' : serious.includes(finding) ? 'ok (reviewed exception)' : 'ok (low)'
    console.log(`${mark.padEnd(24)} ${finding.severity.padEnd(6)} ${finding.check} ${finding.file}:${finding.location}`)
  }
  const unused = exceptions.filter((exception) => !serious.some((finding) => finding.check === exception.check && finding.file === exception.file))
  for (const exception of unused) console.log(`note: the exception for ${exception.check} in ${exception.file} no longer matches a finding; remove it`)
  console.log(`electronegativity: ${findings.length} findings, ${serious.length} high or medium, ${failures.length} not reviewed`)
  if (failures.length > 0) {
    for (const failure of failures) console.error(`${failure.severity} ${failure.check} at ${failure.file}:${failure.location}: ${failure.description}\n  ${failure.sample}`)
    process.exit(1)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
