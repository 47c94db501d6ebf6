#!/usr/bin/env node
// `npm test`: typecheck and the Electron security scan, unit tests, build, tests of the built app
// (Electron wiring and packaging, worker threads), end-to-end tests. Every stage runs even when an earlier one failed
// (except those that need the build), and the run ends with one line that counts every suite
// together: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const lines = []

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: result.status === 0, seconds }
}

function count(label, passed, failed, skipped, seconds, note = '') {
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
  lines.push(`${label.padEnd(10)} ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds}s)${note ? ` — ${note}` : ''}`)
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

// 1. Typecheck: one check per project (node, e2e, web).
const node = run('typecheck (node)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
const e2eTypes = run('typecheck (e2e)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json'])
const web = run('typecheck (web)', 'npx', ['svelte-check', '--tsconfig', 'tsconfig.web.json', '--fail-on-warnings', '--output', 'human'])
// The Electron security scanner: any high or medium finding that is not a reviewed exception fails.
const scan = run('security scan', 'node', ['scripts/electronegativity.mjs'])
const checks = [node, e2eTypes, web, scan]
count('checks', checks.filter((c) => c.ok).length, checks.filter((c) => !c.ok).length, 0, checks.reduce((s, c) => s + Number(c.seconds), 0).toFixed(1))

/** Runs vitest with `extraArgs` and counts its tests from its JSON report under `label`. */
function vitestStage(label, heading, extraArgs) {
  const report = join(results, `${label}-report.json`)
  const stage = run(heading, 'npx', ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  const json = readJson(report)
  if (json) {
    const failed = json.numFailedTests + (stage.ok || json.numFailedTests > 0 ? 0 : 1)
    count(label, json.numPassedTests, failed, json.numPendingTests + json.numTodoTests, stage.seconds)
  } else {
    count(label, 0, 1, 0, stage.seconds, 'vitest produced no report')
  }
}

// 2. Unit tests.
vitestStage('unit', 'unit tests', [])

// 3. Build (the e2e suite and the CLI run the built output).
const build = run('build', 'npm', ['run', 'build'])
count('build', Number(build.ok), Number(!build.ok), 0, build.seconds)

// 4. The built output: the Electron shell as far as this machine can check it (tests/shell: the
// built main bundle and preload under stand-in Electron modules, a real electron-builder package)
// and the worker threads the app starts from out/main (tests/built).
if (build.ok) vitestStage('built', 'the built app: Electron wiring, packaging, worker threads', ['--config', 'vitest.built.config.ts'])
else count('built', 0, 1, 0, '0.0', 'not run: the build failed')

// 5. End-to-end tests.
if (build.ok) {
  const e2eReport = join(results, 'e2e-report.json')
  const e2e = run('end-to-end tests', 'npx', ['playwright', 'test'])
  const stats = readJson(e2eReport)?.stats
  if (stats) {
    const failed = stats.unexpected + (e2e.ok || stats.unexpected > 0 ? 0 : 1)
    count('e2e', stats.expected + stats.flaky, failed, stats.skipped, e2e.seconds, stats.skipped > 0 ? 'see SKIPPED above' : '')
  } else {
    count('e2e', 0, 1, 0, e2e.seconds, 'playwright produced no report')
  }
} else {
  count('e2e', 0, 1, 0, '0.0', 'not run: the build failed')
}

console.log('\n=== Summary')
for (const line of lines) console.log(line)
if (!existsSync(join(results, 'screenshots'))) console.log('(no screenshots were saved)')
else console.log(`screenshots: ${join('test-results', 'screenshots')}`)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
