// Times a benchmark's child processes: wall seconds, CPU seconds of all their threads, peak memory.
// Linux only (it reads /proc).
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** The peak resident memory of `pid` and of every process below it, in bytes (0 when gone). */
function peakRssBelow(pid) {
  let peak = 0
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    if (match) peak = Number(match[1]) * 1024
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) peak = Math.max(peak, peakRssBelow(Number(child)))
    }
  } catch {
    // The process ended between two reads.
  }
  return peak
}

/**
 * Runs a command through sh, which reports on fd 3 the CPU time of the children it waited for (all
 * their threads, user + system, from /proc's cutime and cstime). Resolves to wall seconds, CPU
 * seconds, peak RSS and stdout; rejects when the command fails.
 */
export function timed(command, args) {
  const script = '"$@"; status=$?; cut -d" " -f16,17 /proc/$$/stat >&3; exit $status'
  const started = performance.now()
  const child = spawn('sh', ['-c', script, 'sh', command, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let ticks = ''
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, peakRssBelow(child.pid))), 50)
  child.stdout.on('data', (data) => (stdout += data))
  child.stderr.on('data', (data) => (stderr += data))
  child.stdio[3].on('data', (data) => (ticks += data))
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(timer)
      const wall = (performance.now() - started) / 1000
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`))
      const [user, system] = ticks.trim().split(' ').map(Number)
      resolve({ wall, cpu: (user + system) / CLOCK_TICKS, peak, stdout })
    })
  })
}

