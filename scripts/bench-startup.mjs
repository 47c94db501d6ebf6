#!/usr/bin/env node
// npm run bench:startup — how long a person waits before Casefile answers.
//
// 1. The CLI: `casefile info` and `casefile search WORD` on an existing archive, each timed in
//    pairs with `node -e 0` (the floor: starting Node itself), alternating, BENCH_ROUNDS rounds.
//    Goal (issue 15): median ratio ≤ 3.
// 2. The app's main process: from process start to the archive open and the window created, and
//    to the first IPC answer (getArchiveInfo). Electron cannot start on the machines this is
//    developed on, so the built main bundle runs under Node with the stand-in electron module the
//    wiring tests use (tests/shell/stand-in/): Electron's own start-up is not in these figures.
//
// Every round is printed, then medians. This machine's speed wanders from minute to minute; the
// pairs are what to compare.

import { execFileSync, fork, spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const rounds = Number(process.env.BENCH_ROUNDS ?? 15)
const cli = join(root, 'bin', 'casefile.js')
if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
  console.error('bench-startup: run npm run build first')
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'casefile-bench-startup-'))
const archive = join(work, 'bench.casefile')

function seconds(command, args) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed: ${result.stderr}`)
  return elapsed
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const ms = (value) => `${(value * 1000).toFixed(0)} ms`

try {
  // The archive exists before timing starts: creating and seeding it is a one-time cost.
  execFileSync(process.execPath, [cli, '--archive', archive, 'info'], { stdio: 'ignore' })

  console.log(`CLI start-up, ${rounds} alternating rounds (node -e 0 | casefile info | casefile search prosecutors)`)
  const floor = []
  const info = []
  const search = []
  for (let round = 1; round <= rounds; round++) {
    floor.push(seconds(process.execPath, ['-e', '0']))
    info.push(seconds(process.execPath, [cli, '--archive', archive, 'info']))
    search.push(seconds(process.execPath, [cli, '--archive', archive, 'search', 'prosecutors', '--limit', '5']))
    const last = floor.length - 1
    console.log(`  round ${String(round).padStart(2)}: ${ms(floor[last]).padStart(7)} | ${ms(info[last]).padStart(7)} (${(info[last] / floor[last]).toFixed(2)}×) | ${ms(search[last]).padStart(7)} (${(search[last] / floor[last]).toFixed(2)}×)`)
  }
  const infoRatios = info.map((value, index) => value / floor[index])
  const searchRatios = search.map((value, index) => value / floor[index])
  console.log(`  median: node -e 0 ${ms(median(floor))}; info ${ms(median(info))}, paired ratio ${median(infoRatios).toFixed(2)}× (range ${Math.min(...infoRatios).toFixed(2)}–${Math.max(...infoRatios).toFixed(2)}); search ${ms(median(search))}, paired ratio ${median(searchRatios).toFixed(2)}× (range ${Math.min(...searchRatios).toFixed(2)}–${Math.max(...searchRatios).toFixed(2)}); goal ≤ 3×`)

  // The app's main process, under Node with the stand-in electron module.
  const checkout = join(work, 'checkout')
  cpSync(join(root, 'out'), join(checkout, 'out'), { recursive: true })
  mkdirSync(join(checkout, 'resources'))
  cpSync(join(root, 'resources', 'sample'), join(checkout, 'resources', 'sample'), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir')
  const abi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim()
  mkdirSync(join(checkout, 'native', `electron-${abi}`), { recursive: true })
  copyFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(checkout, 'native', `electron-${abi}`, 'better_sqlite3.node'))
  const paths = { appData: join(work, 'appData'), documents: join(work, 'Documents'), temp: join(work, 'tmp'), home: work }
  for (const path of Object.values(paths)) mkdirSync(path, { recursive: true })

  async function mainProcessRound() {
    const facts = {
      main: join(checkout, 'out', 'main', 'index.js'),
      isPackaged: false,
      resourcesPath: join(work, 'no-resources'),
      moduleVersion: abi,
      electronVersion: JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version,
      argv: [`--archive=${archive}`],
      paths,
      messageBoxResponse: 'cancel',
      saveDialogAnswer: null
    }
    const started = process.hrtime.bigint()
    const since = () => Number(process.hrtime.bigint() - started) / 1e9
    const child = fork(join(root, 'tests', 'shell', 'stand-in', 'run-main.mjs'), [], { env: { ...process.env, CASEFILE_STAND_IN: JSON.stringify(facts) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    const answers = new Map()
    child.on('message', (message) => answers.get(message.id)?.(message))
    const ask = (id, command) =>
      new Promise((resolve, reject) => {
        answers.set(id, (message) => (message.ok ? resolve(message.value) : reject(new Error(message.error))))
        if (command !== null) child.send({ ...command, id })
      })
    await ask(0, null)
    const loaded = since()
    const report = await ask(1, { cmd: 'ready', timeoutMs: 60_000 })
    if (report.windows.length !== 1) throw new Error(`the main process did not open its window: ${JSON.stringify(report.dialogs)}`)
    const ready = since()
    const answer = await ask(2, { cmd: 'invoke', channel: 'casefile:getArchiveInfo', args: undefined, sender: 'window' })
    if (!answer.result.ok) throw new Error(answer.result.error.message)
    const answered = since()
    child.kill()
    return { loaded, ready, answered }
  }

  console.log(`\nApp main process under Node with the stand-in electron module, ${Math.min(rounds, 9)} rounds (bundle loaded | archive open and window created | first IPC answer)`)
  const main = []
  for (let round = 1; round <= Math.min(rounds, 9); round++) {
    const result = await mainProcessRound()
    main.push(result)
    console.log(`  round ${String(round).padStart(2)}: ${ms(result.loaded).padStart(7)} | ${ms(result.ready).padStart(7)} | ${ms(result.answered).padStart(7)}`)
  }
  console.log(`  median: loaded ${ms(median(main.map((r) => r.loaded)))}, archive ready ${ms(median(main.map((r) => r.ready)))}, first answer ${ms(median(main.map((r) => r.answered)))} (Electron's own start-up not included)`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
